/**
 * Reading one key store file from the profile folder, and telling apart the three
 * outcomes the store must treat differently: missing (a fresh profile: empty),
 * usable, or unusable (damaged, unreadable, from a newer Sotto, cannot be
 * decrypted), which blocks that file until the user resolves it. Also setting a
 * damaged file aside on request.
 */
import { chmod, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { KeyStoreFileError } from './errors';
import { decodePart, STORE_FILES, StoreDecodeError, type StoreData, type StorePart } from './store-files';

/** `rewrite`: the file was read in an older form (a plaintext key file where it is kept encrypted) and should be saved again. */
export type PartState<P extends StorePart> =
  { ok: true; value: StoreData[P]; rewrite?: boolean } | { ok: false; error: KeyStoreFileError };

/** Turns a file's text into the plain document (decrypting the key file, say); throws StoreDecodeError. */
export type FromDisk = (text: string) => Promise<{ text: string; rewrite: boolean }>;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const asStored: FromDisk = (text) => Promise.resolve({ text, rewrite: false });

export async function loadPart<P extends StorePart>(
  dir: string,
  part: P,
  options: { fromDisk?: FromDisk | undefined; logger?: Logger | undefined } = {},
): Promise<PartState<P>> {
  const path = join(dir, STORE_FILES[part]);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, value: [] as StoreData[P] };
    return { ok: false, error: new KeyStoreFileError(path, 'unreadable', code ?? (error as Error).message) };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, error: new KeyStoreFileError(path, 'corrupt', 'the file is not UTF-8 text') };
  }
  let value: StoreData[P];
  let rewrite: boolean;
  try {
    const plain = await (options.fromDisk ?? asStored)(text);
    value = decodePart(part, plain.text);
    rewrite = plain.rewrite;
  } catch (error) {
    if (error instanceof StoreDecodeError)
      return { ok: false, error: new KeyStoreFileError(path, error.problem, error.reason) };
    throw error;
  }
  await tightenMode(path, options.logger);
  return { ok: true, value, ...(rewrite ? { rewrite } : {}) };
}

/** A store file others can read (copied in by hand, say) is made private again, and the user told. */
async function tightenMode(path: string, logger?: Logger): Promise<void> {
  try {
    const { mode } = await stat(path);
    if (process.platform !== 'win32' && mode & 0o077) {
      await chmod(path, 0o600);
      logger?.log('warn', `${path} was readable by other users (mode ${(mode & 0o777).toString(8)}); it is now 600`);
    }
  } catch {
    /* best effort: the file was readable a moment ago; the next save writes 0600 anyway */
  }
}

/** Renames the damaged file to `<name>.damaged-<time>` so the user keeps it; returns the new path. */
export async function setPartAside(dir: string, part: StorePart, now: Date): Promise<string> {
  const path = join(dir, STORE_FILES[part]);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = `${path}.damaged-${stamp}`;
  await rename(path, aside);
  return aside;
}
