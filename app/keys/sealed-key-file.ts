/**
 * The private key file encrypted with the data key (data-key.ts): version 2 of
 * "sotto-otr-private-keys" is the version-1 document, encrypted whole with
 * AES-256-GCM. The header stays readable JSON, so a Sotto that only knows
 * version 1 reports "newer version" and leaves the file alone instead of taking
 * it for damage or for no keys at all.
 *
 * The header names the data key by an id derived from it, so "encrypted with
 * another key" (a data key file from elsewhere) is told apart from "damaged"
 * (authentication failed under the right key). The header is authenticated too.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { FORMAT, StoreDecodeError } from './store-files';

export const SEALED_VERSION = 2;
const CIPHER = 'aes-256-gcm';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

interface SealedHeader {
  format: string;
  version: number;
  cipher: string;
  /** 16 hex digits, HMAC of a constant under the data key: names the key without revealing it. */
  dataKeyId: string;
}

export function dataKeyId(dataKey: Uint8Array): string {
  return createHmac('sha256', dataKey).update('sotto otr data key id').digest('hex').slice(0, 16);
}

/** The header bound to the ciphertext, in a fixed spelling so that JSON formatting does not matter. */
const additionalData = (h: SealedHeader) =>
  Buffer.from(`${h.format}\n${h.version}\n${h.cipher}\n${h.dataKeyId}`, 'utf8');

export function sealKeyFile(plain: string, dataKey: Uint8Array): string {
  const header: SealedHeader = {
    format: FORMAT.keys,
    version: SEALED_VERSION,
    cipher: CIPHER,
    dataKeyId: dataKeyId(dataKey),
  };
  // A fresh random nonce per save: one data key encrypts few files, far below GCM's random-nonce limit.
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(CIPHER, dataKey, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(header));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const sealed = {
    ...header,
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
  return `${JSON.stringify(sealed, null, 2)}\n`;
}

type Obj = Record<string, unknown>;

function parse(text: string): Obj | undefined {
  try {
    const doc: unknown = JSON.parse(text);
    return typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Obj) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the file's text is the encrypted form. Anything else (plaintext, damage, a newer version) is decodePart's to judge. */
export function isSealedKeyFile(text: string): boolean {
  const doc = parse(text);
  return doc?.format === FORMAT.keys && doc.version === SEALED_VERSION;
}

function base64Field(doc: Obj, name: string, bytes?: number): Buffer {
  const v = doc[name];
  const decoded = typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) ? Buffer.from(v, 'base64') : undefined;
  if (!decoded || (bytes !== undefined && decoded.length !== bytes))
    throw new StoreDecodeError(`"${name}" is not base64${bytes === undefined ? '' : ` of ${bytes} bytes`}`);
  return decoded;
}

/** The id of the data key the file needs; throws StoreDecodeError when the header is not one Sotto writes. */
export function sealedKeyId(text: string): string {
  const doc = parse(text);
  if (doc?.cipher !== CIPHER)
    throw new StoreDecodeError(`the encrypted file names no cipher this Sotto knows ("cipher" is not "${CIPHER}")`);
  if (typeof doc.dataKeyId !== 'string' || !/^[0-9a-f]{16}$/.test(doc.dataKeyId))
    throw new StoreDecodeError('"dataKeyId" is not 16 hex digits');
  return doc.dataKeyId;
}

/** The version-1 document inside; throws StoreDecodeError: `cannot-decrypt` for another key, `corrupt` for damage. */
export function openKeyFile(text: string, dataKey: Uint8Array, dataKeyFile: string): string {
  const id = sealedKeyId(text);
  if (id !== dataKeyId(dataKey))
    throw new StoreDecodeError(
      `it was encrypted with another data key than the one ${dataKeyFile} holds`,
      'cannot-decrypt',
    );
  const doc = parse(text) as Obj;
  const decipher = createDecipheriv(CIPHER, dataKey, base64Field(doc, 'nonce', NONCE_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(additionalData({ format: FORMAT.keys, version: SEALED_VERSION, cipher: CIPHER, dataKeyId: id }));
  decipher.setAuthTag(base64Field(doc, 'tag', TAG_BYTES));
  const ciphertext = base64Field(doc, 'ciphertext');
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new StoreDecodeError('it does not decrypt under its own data key: the file was damaged or altered');
  }
  return plain.toString('utf8');
}
