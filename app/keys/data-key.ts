/**
 * The data key that encrypts the private key file (sealed-key-file.ts): 256
 * random bits, kept in the profile only as the OS key store encrypted them
 * (otr-data-key.json, mode 0600). Copied without that OS key store, the profile's
 * keys cannot be read: that is the point, and why a data key that cannot be opened
 * is set aside (kept) rather than overwritten.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { OsKeyStore } from './os-key-store';
import { DATA_KEY_BYTES } from './sealed-key-file';

export const DATA_KEY_FILE = 'otr-data-key.json';
const FORMAT = 'sotto-otr-data-key';
const VERSION = 1;

/** The key, or why it cannot be had: `exists` tells a missing file from one that cannot be opened. Reasons never quote the file. */
export type DataKeyRead = { ok: true; key: Buffer } | { ok: false; exists: boolean; reason: string };

function sealedBlob(text: string): Buffer | undefined {
  try {
    const doc = JSON.parse(text) as { format?: unknown; version?: unknown; sealed?: unknown };
    if (doc.format !== FORMAT || doc.version !== VERSION || typeof doc.sealed !== 'string') return undefined;
    return /^[A-Za-z0-9+/]+={0,2}$/.test(doc.sealed) ? Buffer.from(doc.sealed, 'base64') : undefined;
  } catch {
    return undefined;
  }
}

export async function readDataKey(dir: string, os: OsKeyStore): Promise<DataKeyRead> {
  let text: string;
  try {
    text = await readFile(join(dir, DATA_KEY_FILE), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return { ok: false, exists: false, reason: `the file holding its data key (${DATA_KEY_FILE}) is missing` };
    return {
      ok: false,
      exists: true,
      reason: `the file holding its data key (${DATA_KEY_FILE}) cannot be read (${code ?? 'error'})`,
    };
  }
  const blob = sealedBlob(text);
  if (!blob)
    return {
      ok: false,
      exists: true,
      reason: `the file holding its data key (${DATA_KEY_FILE}) is damaged or from a newer Sotto`,
    };
  let secret: string;
  try {
    secret = await os.decrypt(blob);
  } catch {
    return {
      ok: false,
      exists: true,
      reason: `the OS key store cannot open its data key (${DATA_KEY_FILE}): the key store was reset or replaced, or this profile comes from another user or computer`,
    };
  }
  const key = Buffer.from(secret, 'base64');
  if (key.length !== DATA_KEY_BYTES)
    return { ok: false, exists: true, reason: `the data key in ${DATA_KEY_FILE} is not ${DATA_KEY_BYTES} bytes` };
  return { ok: true, key };
}

/** A new data key and the text of its file, the key encrypted by the OS key store; nothing is written yet. */
export async function newDataKey(os: OsKeyStore): Promise<{ key: Buffer; file: string }> {
  const key = randomBytes(DATA_KEY_BYTES);
  const sealed = Buffer.from(await os.encrypt(key.toString('base64')));
  return {
    key,
    file: `${JSON.stringify({ format: FORMAT, version: VERSION, sealed: sealed.toString('base64') }, null, 2)}\n`,
  };
}

/** Renames a data key file that cannot be opened to `<name>.unusable-<time>`: it may open again if the OS key store comes back. */
export async function setDataKeyAside(dir: string, now: Date): Promise<string> {
  const path = join(dir, DATA_KEY_FILE);
  const aside = `${path}.unusable-${now.toISOString().replace(/[:.]/g, '-')}`;
  await rename(path, aside);
  return aside;
}
