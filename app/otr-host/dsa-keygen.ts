/**
 * DSA key generation for OTR long-term keys (1024-bit p, 160-bit q, as libotr
 * makes them), through OpenSSL in libuv's thread pool so the event loop and the
 * UI never wait on it. OpenSSL hands the key back as PKCS#8 DER; the few DER
 * elements it uses are read here.
 */
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { bigintModPow, type DsaPrivateKey } from '../../otr';

const generate = promisify(generateKeyPair);

class Der {
  private o = 0;
  constructor(private readonly b: Buffer) {}

  private header(expectTag: number): number {
    const tag = this.b[this.o++];
    if (tag !== expectTag) throw new Error(`unexpected DER tag ${tag} (wanted ${expectTag})`);
    let len = this.b[this.o++] as number;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let i = 0; i < n; i++) len = (len << 8) | (this.b[this.o++] as number);
    }
    if (this.o + len > this.b.length) throw new Error('truncated DER');
    return len;
  }

  enter(tag: number): Der {
    const len = this.header(tag);
    const inner = new Der(this.b.subarray(this.o, this.o + len));
    this.o += len;
    return inner;
  }

  integer(): bigint {
    const len = this.header(0x02);
    const v = this.b.subarray(this.o, this.o + len);
    this.o += len;
    return v.length === 0 ? 0n : BigInt(`0x${v.toString('hex')}`);
  }

  skip(tag: number): void {
    // Not `this.o += this.header(tag)`: that would add to the offset read before header() moved it.
    const len = this.header(tag);
    this.o += len;
  }
}

/** Reads p, q, g and x from a PKCS#8 DSA private key; y is computed as g^x mod p. */
export function dsaKeyFromPkcs8(der: Buffer): DsaPrivateKey {
  const top = new Der(der).enter(0x30);
  top.integer(); // version
  const alg = top.enter(0x30);
  alg.skip(0x06); // OID dsa
  const params = alg.enter(0x30);
  const p = params.integer();
  const q = params.integer();
  const g = params.integer();
  const x = top.enter(0x04).integer();
  return { p, q, g, x, y: bigintModPow(g, x, p) };
}

/** A new OTR long-term key; resolves without blocking the event loop. */
export async function generateDsaKey(): Promise<DsaPrivateKey> {
  const { privateKey } = await generate('dsa', { modulusLength: 1024, divisorLength: 160 });
  return dsaKeyFromPkcs8(privateKey.export({ format: 'der', type: 'pkcs8' }));
}
