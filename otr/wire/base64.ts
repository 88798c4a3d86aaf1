/**
 * Strict standard base64 (RFC 4648 section 4) for the `?OTR:...` envelope.
 * Decoding refuses any character outside the alphabet, misplaced padding and any
 * impossible length rather than guessing (libotr's CVE-2012-3461 was a base64
 * decoder writing past its buffer on such input). The host's btoa/atob do the
 * work: they are native and several times faster than a loop here, and the
 * pattern check first keeps atob's leniency (it skips whitespace) out.
 */
const STRICT = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const CHUNK = 0x8000;

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  // apply() takes the typed array as it is: no intermediate array, as spreading would make.
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  return btoa(binary);
}

/** Decodes strict base64; returns undefined for anything that is not. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!STRICT.test(text)) return undefined;
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
