/**
 * How the key store keeps its three files (store-files.ts) in the profile folder.
 *
 * Each file is written atomically with mode 0600 (atomic-file.ts), one save at a
 * time. A change is written first and takes effect in memory only once the file is
 * safely on disk, so a failed save leaves the store as the disk has it. The private
 * key file goes through its protection (key-file-protection.ts): encrypted where
 * an OS key store exists, and a plaintext one found there is encrypted on loading.
 *
 * A file that cannot be used (damaged, unreadable, from a newer Sotto, encrypted
 * with a key that cannot be had here) never stops the store from opening, but its
 * part is blocked: reading or changing it throws its KeyStoreFileError, so it is
 * never overwritten with an empty file. The user
 * either repairs the file and calls reload(part), or calls setAside(part), which
 * renames the file to "<name>.damaged-<time>" (kept for them) and starts that part
 * empty. Silently starting afresh would lose a private key or every verification.
 */
import { join } from 'node:path';
import type { Logger } from '../log';
import { removeStaleTempFiles, writeFileAtomic } from '../storage/atomic-file';
import type { KeyStoreFileError } from './errors';
import { osKeyStoreProtection, plaintextProtection, type KeyFileProtection } from './key-file-protection';
import type { OsKeyStore } from './os-key-store';
import { encodePart, STORE_FILES, type StoreData, type StorePart } from './store-files';
import { loadPart, setPartAside, type FromDisk, type PartState } from './store-load';

export interface StorePartsOptions {
  logger?: Logger;
  now?: () => Date;
  /** How a file is written; tests pass a failing one to play a crash. */
  writeFile?: (path: string, data: string) => Promise<void>;
  /** Encrypts the private key file where present (Electron's safeStorage); without it the file is plaintext, 0600, with a warning. */
  osKeyStore?: OsKeyStore;
}

type PartStates = { [P in StorePart]: PartState<P> };
export interface LoadedParts {
  parts: PartStates;
  protection: KeyFileProtection;
}
const PARTS = Object.keys(STORE_FILES) as StorePart[];

const settings = (options: StorePartsOptions) => ({
  now: options.now ?? (() => new Date()),
  write: options.writeFile ?? ((path: string, data: string) => writeFileAtomic(path, data)),
});

/** Loads every part, first removing temp files that an interrupted save left (they may hold a key). */
export async function loadParts(dir: string, options: StorePartsOptions): Promise<LoadedParts> {
  const { logger, osKeyStore } = options;
  const protection = osKeyStore
    ? osKeyStoreProtection(dir, osKeyStore, { ...settings(options), logger })
    : plaintextProtection;
  const parts: Partial<Record<StorePart, unknown>> = {};
  for (const part of PARTS) {
    const stale = await removeStaleTempFiles(join(dir, STORE_FILES[part]));
    if (stale.length)
      logger?.log(
        'info',
        `removed ${stale.length} temp file(s) an interrupted save of ${STORE_FILES[part]} left behind`,
      );
    parts[part] = await loadPart(dir, part, { fromDisk: fromDiskOf(protection, part), logger });
  }
  return { parts: parts as PartStates, protection };
}

const fromDiskOf = (protection: KeyFileProtection, part: StorePart): FromDisk | undefined =>
  part === 'keys' ? (text) => protection.fromDisk(text) : undefined;

export class StoreParts {
  private queue: Promise<unknown> = Promise.resolve();
  protected readonly now: () => Date;
  private readonly write: (path: string, data: string) => Promise<void>;
  private parts: PartStates;
  /** How the private key file is kept: encrypted under the OS key store, or plaintext. */
  protected readonly protection: KeyFileProtection;

  protected constructor(
    /** The profile folder. */
    readonly dir: string,
    loaded: LoadedParts,
    protected readonly options: StorePartsOptions,
  ) {
    const { now, write } = settings(options);
    this.now = now;
    this.write = write;
    this.parts = loaded.parts;
    this.protection = loaded.protection;
  }

  path(part: StorePart): string {
    return join(this.dir, STORE_FILES[part]);
  }

  /** The files that could not be loaded; each blocks its part until resolved. */
  problems(): KeyStoreFileError[] {
    return PARTS.flatMap((part) => {
      const state = this.parts[part];
      return state.ok ? [] : [state.error];
    });
  }

  /** Reads a blocked part again, after the user repaired its file; throws its error if it is still unusable. */
  reload(part: StorePart): Promise<void> {
    return this.serially(async () => {
      const state = await loadPart(this.dir, part, {
        fromDisk: fromDiskOf(this.protection, part),
        logger: this.options.logger,
      });
      this.setPart(part, state);
      if (!state.ok) throw state.error;
      await this.encryptPlaintextKeyFile();
    });
  }

  /** Encrypts a plaintext key file found where an OS key store exists; see encryptPlaintextKeyFile. */
  protected upgradeKeyFile(): Promise<void> {
    return this.serially(() => this.encryptPlaintextKeyFile());
  }

  /** Moves a blocked part's file aside (kept, renamed) and starts that part empty; returns where the file went. */
  setAside(part: StorePart): Promise<string | undefined> {
    return this.serially(async () => {
      if (this.parts[part].ok)
        throw new Error(`${STORE_FILES[part]} is not damaged; Sotto sets aside only a file it cannot use`);
      let aside: string | undefined;
      try {
        aside = await setPartAside(this.dir, part, this.now());
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      this.setPart(part, { ok: true, value: [] });
      this.options.logger?.log(
        'warn',
        `${this.path(part)} was set aside${aside ? ` as ${aside}` : ' (it was gone)'}; starting it empty`,
      );
      return aside;
    });
  }

  /**
   * Only logged when it fails: the keys are loaded either way, the plaintext file
   * stays as it was, and the next save of a key encrypts it.
   */
  private async encryptPlaintextKeyFile(): Promise<void> {
    const state = this.parts.keys;
    if (!state.ok || !state.rewrite) return;
    const path = this.path('keys');
    try {
      await this.write(path, await this.protection.toDisk(encodePart('keys', state.value)));
      this.setPart('keys', { ok: true, value: state.value });
      this.options.logger?.log(
        'info',
        `${path} was plaintext; it is now encrypted with a data key the OS key store holds`,
      );
    } catch (error) {
      this.options.logger?.log(
        'error',
        `${path} stays plaintext for now; encrypting it failed: ${(error as Error).message}`,
      );
    }
  }

  protected read<P extends StorePart>(part: P): StoreData[P] {
    const state = this.parts[part];
    if (!state.ok) throw state.error;
    return state.value;
  }

  private setPart<P extends StorePart>(part: P, state: PartState<P>): void {
    this.parts = { ...this.parts, [part]: state };
  }

  /** Runs one change after every earlier one: computes the next value, writes it, then makes it current. */
  protected change<P extends StorePart, T>(
    part: P,
    compute: (current: StoreData[P]) => { next?: StoreData[P] | undefined; result: T },
  ): Promise<T> {
    return this.serially(async () => {
      const { next, result } = compute(this.read(part));
      if (next !== undefined) {
        const plain = encodePart(part, next);
        await this.write(this.path(part), part === 'keys' ? await this.protection.toDisk(plain) : plain);
        this.setPart(part, { ok: true, value: next });
      }
      return result;
    });
  }

  private serially<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
