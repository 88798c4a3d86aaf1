import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nobleSymmetric } from '../../otr';
import { nodeSymmetric } from './node-symmetric';

describe('OpenSSL symmetric primitives', () => {
  it('match the noble implementations byte for byte', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.uint8Array({ maxLength: 3000 }),
        (key, top, data) => {
          expect(nodeSymmetric.aesCtr(key, top, data)).toEqual(nobleSymmetric.aesCtr(key, top, data));
          expect(nodeSymmetric.hmacSha1(key, data)).toEqual(nobleSymmetric.hmacSha1(key, data));
        },
      ),
    );
  });
});
