/**
 * Files in the profile folder are written so that each is always either the old
 * or the new version, never a mix or an empty file, and readable by its owner
 * only: a temp file beside it (mode 0600), fsync, rename over the target, fsync
 * the folder. A crash before the rename leaves the old file and a temp file,
 * which removeStaleTempFiles clears on the next start.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export const SECRET_FILE_MODE = 0o600;

export interface AtomicWriteOptions {
  /** Default 0600: these files hold private keys and who the user trusts. */
  mode?: number;
  /** Runs once the temp file is written and synced, before the rename: tests fail here to play a crash. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

const TEMP_MARK = '.tmp-';
const tempPathFor = (path: string) =>
  join(dirname(path), `.${basename(path)}${TEMP_MARK}${randomBytes(6).toString('hex')}`);

export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const mode = options.mode ?? SECRET_FILE_MODE;
  const temp = tempPathFor(path);
  // 'wx': a fresh file, never one an attacker placed there first.
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(data);
      // The umask may have taken bits away; set exactly the mode asked for.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(temp);
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}

/** Makes the rename itself durable; some systems cannot sync a folder, which is then left to the OS. */
async function syncFolder(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    /* not supported here (e.g. Windows): the rename is still atomic, only its durability waits for the OS */
  } finally {
    await handle?.close();
  }
}

/** Removes temp files that a crash left beside `path`; they may hold key material. */
export async function removeStaleTempFiles(path: string): Promise<string[]> {
  const prefix = `.${basename(path)}${TEMP_MARK}`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return [];
  }
  const stale = names.filter((n) => n.startsWith(prefix) && /^[0-9a-f]{12}$/.test(n.slice(prefix.length)));
  await Promise.all(stale.map((n) => unlink(join(dirname(path), n)).catch(() => undefined)));
  return stale;
}

/** The file's text, or undefined when it does not exist; other errors are thrown. */
export async function readFileIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Runs writes one after another, so two saves of one file never interleave. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
