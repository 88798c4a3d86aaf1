/** AES-128-CTR and HMAC-SHA1 through OpenSSL, for the otr/ data-message path. */
import { createCipheriv, createHmac } from 'node:crypto';
import type { Symmetric } from '../../otr';

export const nodeSymmetric: Symmetric = {
  aesCtr(key, top, data) {
    const iv = Buffer.alloc(16);
    iv.set(top.subarray(0, 8));
    const cipher = createCipheriv('aes-128-ctr', key, iv);
    const out = cipher.update(data);
    cipher.final();
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  },
  hmacSha1(key, data) {
    const mac = createHmac('sha1', key).update(data).digest();
    return new Uint8Array(mac.buffer, mac.byteOffset, mac.length);
  },
};
