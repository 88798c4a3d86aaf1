/**
 * Reading one key store file from the profile folder, and telling apart the three
 * outcomes the store must treat differently: missing (a fresh profile: empty),
 * usable, or unusable (damaged, unreadable, from a newer Sotto), which blocks that
 * file until the user resolves it. Also setting a damaged file aside on request.
 */
import { chmod, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log';
import { KeyStoreFileError } from './errors';
import { decodePart, STORE_FILES, StoreDecodeError, type StoreData, type StorePart } from './store-files';

export type PartState<P extends StorePart> = { ok: true; value: StoreData[P] } | { ok: false; error: KeyStoreFileError };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function loadPart<P extends StorePart>(dir: string, part: P, logger?: Logger): Promise<PartState<P>> {
  const path = join(dir, STORE_FILES[part]);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, value: [] as unknown as StoreData[P] };
    return { ok: false, error: new KeyStoreFileError(path, 'unreadable', code ?? (error as Error).message) };
  }
  let value: StoreData[P];
  try {
    value = decodePart(part, utf8.decode(bytes));
  } catch (error) {
    if (error instanceof StoreDecodeError) return { ok: false, error: new KeyStoreFileError(path, error.newer ? 'newer-version' : 'corrupt', error.reason) };
    if (error instanceof TypeError) return { ok: false, error: new KeyStoreFileError(path, 'corrupt', 'the file is not UTF-8 text') };
    throw error;
  }
  await tightenMode(path, logger);
  return { ok: true, value };
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
