/**
 * RFC 5802 (SCRAM) with SHA-1 and RFC 7677 (SCRAM-SHA-256), as a mechanism for
 * @xmpp/sasl. Written here rather than taken from xmpp.js because the package it
 * ships (sasl-scram-sha-1) never checks the server's signature, so a server that
 * does not know the password could still pass as ours, and has no SHA-256.
 *
 * @xmpp/sasl base64-encodes responses with btoa and decodes challenges with
 * atob, so both directions are "binary strings" (one char per byte): we turn
 * UTF-8 into that form and back at the edges.
 */
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { SaslMechanism } from '@xmpp/sasl';
import { saslPrep } from './saslprep';

const pbkdf2Async = promisify(pbkdf2);

/** RFC 5802 §5.1 says at least 4096; the ceiling keeps a hostile server from freezing us. */
const MIN_ITERATIONS = 4096;
const MAX_ITERATIONS = 1_000_000;

export type ScramHash = 'sha1' | 'sha256';

export function toBinaryString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

export function fromBinaryString(binary: string): string {
  return Buffer.from(binary, 'latin1').toString('utf8');
}

/** RFC 5802 §5.1: `=` and `,` in a user name are written =3D and =2C. */
function saslName(name: string): string {
  return name.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/** Parses `k=v,k=v` (the values may contain `=`). */
function attributes(message: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of message.split(',')) {
    const eq = part.indexOf('=');
    if (eq === 1) map.set(part.slice(0, 1), part.slice(2));
  }
  return map;
}

export class ScramError extends Error {
  override name = 'ScramError';
}

export class ScramMechanism implements SaslMechanism {
  readonly clientFirst = true;
  /** True once the server has proved it knows the password (its `v=` matched). */
  serverVerified = false;
  private stage: 'first' | 'final' | 'done' = 'first';
  private clientNonce = '';
  private clientFirstBare = '';
  private serverFirst = '';
  private expectedServerSignature: Buffer | undefined;

  constructor(
    readonly name: 'SCRAM-SHA-1' | 'SCRAM-SHA-256',
    private readonly hash: ScramHash,
    private readonly makeNonce: () => string = () => randomBytes(24).toString('base64'),
  ) {}

  private get hashLength(): number {
    return this.hash === 'sha1' ? 20 : 32;
  }

  async response(credentials: Record<string, unknown>): Promise<string> {
    if (this.stage === 'first') {
      this.clientNonce = this.makeNonce();
      this.clientFirstBare = `n=${saslName(String(credentials.username ?? ''))},r=${this.clientNonce}`;
      // gs2 header "n,,": we do not do channel binding (and say so, RFC 5802 §6).
      return toBinaryString(`n,,${this.clientFirstBare}`);
    }
    if (this.stage === 'final') return toBinaryString(await this.clientFinal(String(credentials.password ?? '')));
    return '';
  }

  challenge(binary: string): this {
    const text = fromBinaryString(binary);
    if (this.stage === 'first') {
      this.serverFirst = text;
      this.stage = 'final';
    } else if (this.stage === 'done') {
      // Some servers send server-final as a challenge instead of in <success/>.
      this.verifyServerFinal(text);
    }
    return this;
  }

  private async clientFinal(password: string): Promise<string> {
    const attrs = attributes(this.serverFirst);
    if (attrs.has('e')) throw new ScramError(`the server refused: ${attrs.get('e')}`);
    const nonce = attrs.get('r') ?? '';
    const salt = Buffer.from(attrs.get('s') ?? '', 'base64');
    const iterations = Number(attrs.get('i'));
    if (!nonce.startsWith(this.clientNonce) || nonce.length <= this.clientNonce.length)
      throw new ScramError('the server answered with a nonce that is not ours');
    if (salt.length === 0) throw new ScramError('the server sent no salt');
    if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new ScramError(
        `the server asked for ${attrs.get('i') ?? 'no'} iterations (${MIN_ITERATIONS}–${MAX_ITERATIONS} are accepted)`,
      );
    }
    const salted = await pbkdf2Async(saslPrep(password), salt, iterations, this.hashLength, this.hash);
    const clientKey = createHmac(this.hash, salted).update('Client Key').digest();
    const storedKey = createHash(this.hash).update(clientKey).digest();
    const serverKey = createHmac(this.hash, salted).update('Server Key').digest();
    const withoutProof = `c=${Buffer.from('n,,').toString('base64')},r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = createHmac(this.hash, storedKey).update(authMessage).digest();
    const proof = Buffer.alloc(clientKey.length);
    for (let i = 0; i < proof.length; i++) proof[i] = (clientKey[i] ?? 0) ^ (clientSignature[i] ?? 0);
    this.expectedServerSignature = createHmac(this.hash, serverKey).update(authMessage).digest();
    this.stage = 'done';
    return `${withoutProof},p=${proof.toString('base64')}`;
  }

  /** Checks the server's `v=` (RFC 5802 §3): throws when the server does not know the password. */
  verifyServerFinal(text: string): void {
    const attrs = attributes(text);
    if (attrs.has('e')) throw new ScramError(`the server refused: ${attrs.get('e')}`);
    const v = Buffer.from(attrs.get('v') ?? '', 'base64');
    const expected = this.expectedServerSignature;
    if (!expected || v.length !== expected.length || !timingSafeEqual(v, expected)) {
      throw new ScramError('the server could not prove that it knows the password');
    }
    this.serverVerified = true;
  }
}
