/**
 * Reading libotr's three files from a folder (typically ~/.purple) for import and
 * for export's merge: each file missing, unreadable, not in libotr's format, or
 * parsed, so one bad file never hides what the others hold.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LibotrFormatError } from './errors';
import { FINGERPRINTS_FILE, parseLibotrFingerprints, type ParsedLibotrFingerprints } from './libotr-fingerprints';
import { INSTANCE_TAGS_FILE, parseLibotrInstanceTags, type ParsedLibotrInstanceTags } from './libotr-instance-tags';
import { parseLibotrPrivateKeys, PRIVATE_KEY_FILE, type ParsedLibotrPrivateKeys } from './libotr-private-key';

export { FINGERPRINTS_FILE, INSTANCE_TAGS_FILE, PRIVATE_KEY_FILE };

/** Far above any real libotr file; a larger one is not one, and is not read into memory. */
export const MAX_LIBOTR_FILE_BYTES = 16 * 1024 * 1024;

export type FileRead<T> =
  { state: 'missing' } | { state: 'error'; error: LibotrFormatError } | { state: 'ok'; value: T };

export interface LibotrFolder {
  privateKeys: FileRead<ParsedLibotrPrivateKeys>;
  fingerprints: FileRead<ParsedLibotrFingerprints>;
  instanceTags: FileRead<ParsedLibotrInstanceTags>;
}

async function readOne<T>(
  dir: string,
  name: string,
  parse: (bytes: Uint8Array, file: string) => T,
): Promise<FileRead<T>> {
  const path = join(dir, name);
  try {
    const { size, isFile } = await stat(path).then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) return { state: 'error', error: new LibotrFormatError(name, undefined, 'not a regular file') };
    if (size > MAX_LIBOTR_FILE_BYTES)
      return {
        state: 'error',
        error: new LibotrFormatError(name, undefined, `${size} bytes: too large for a libotr file`),
      };
    return { state: 'ok', value: parse(await readFile(path), name) };
  } catch (error) {
    if (error instanceof LibotrFormatError) return { state: 'error', error };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: 'missing' };
    return {
      state: 'error',
      error: new LibotrFormatError(name, undefined, `cannot be read (${code ?? (error as Error).message})`),
    };
  }
}

export async function readLibotrFolder(dir: string): Promise<LibotrFolder> {
  return {
    privateKeys: await readOne(dir, PRIVATE_KEY_FILE, parseLibotrPrivateKeys),
    fingerprints: await readOne(dir, FINGERPRINTS_FILE, parseLibotrFingerprints),
    instanceTags: await readOne(dir, INSTANCE_TAGS_FILE, parseLibotrInstanceTags),
  };
}
