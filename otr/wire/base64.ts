/**
 * Strict standard base64 (RFC 4648 section 4) for the `?OTR:...` envelope.
 * Decoding refuses any character outside the alphabet, misplaced padding and any
 * impossible length rather than guessing (libotr's CVE-2012-3461 was a base64
 * decoder writing past its buffer on such input). Encoding is the host's btoa;
 * decoding is one pass with a table, which refuses exactly what STRICT refuses
 * (base64.test.ts compares the two) and costs less than the pattern and atob did.
 */
export const STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const CHUNK = 0x8000;

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  // apply() takes the typed array as it is: no intermediate array, as spreading would make.
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  return btoa(binary);
}

/** Each character's 6 bits, or -1 for a character outside the alphabet. */
const VALUE = (() => {
  const v = new Int8Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) v[alphabet.charCodeAt(i)] = i;
  return v;
})();

const valueAt = (text: string, i: number): number => {
  const c = text.charCodeAt(i);
  return c < 128 ? (VALUE[c] as number) : -1;
};

/**
 * Decodes strict base64; returns undefined for anything that is not. One pass over the
 * characters, each looked up in the alphabet: what STRICT accepts, decoded as atob
 * decodes it.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  const n = text.length;
  if (n % 4 !== 0) return undefined;
  const pad = n === 0 ? 0 : text.charCodeAt(n - 1) !== 61 ? 0 : text.charCodeAt(n - 2) !== 61 ? 1 : 2;
  const out = new Uint8Array((n / 4) * 3 - pad);
  const full = pad === 0 ? n : n - 4;
  let o = 0;
  for (let i = 0; i < full; i += 4) {
    const a = valueAt(text, i);
    const b = valueAt(text, i + 1);
    const c = valueAt(text, i + 2);
    const d = valueAt(text, i + 3);
    if ((a | b | c | d) < 0) return undefined;
    out[o++] = (a << 2) | (b >> 4);
    out[o++] = ((b & 15) << 4) | (c >> 2);
    out[o++] = ((c & 3) << 6) | d;
  }
  if (pad === 0) return out;
  // The last quantum, "xx==" or "xxx=": its unused low bits are dropped, as atob drops them.
  const a = valueAt(text, full);
  const b = valueAt(text, full + 1);
  const c = pad === 1 ? valueAt(text, full + 2) : 0;
  if ((a | b | c) < 0) return undefined;
  out[o++] = (a << 2) | (b >> 4);
  if (pad === 1) out[o] = ((b & 15) << 4) | (c >> 2);
  return out;
}
