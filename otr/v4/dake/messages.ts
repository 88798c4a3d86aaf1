/**
 * The interactive DAKE's messages ("Identity Message", "Auth-R Message", "Auth-I
 * Message"): encoding, and decoding with every check the spec lists for a received
 * one. A decoded Identity or Auth-R message has passed them all: its Client Profile is
 * valid for the message's sender instance tag (and its keys come with it as checked
 * points), every POINT is on the curve, every DH value is in the group. Any failure is
 * a WireError, so a caller needs to catch only that.
 *
 * Order of the checks (all must pass, so the order changes only the cost of a refusal
 * and the reason given): the whole message is parsed first, POINTs being checked as
 * they are read; then the Client Profile (one EdDSA verification); then the DH values'
 * subgroup checks (x^q = 1 as the Legendre symbol, ratchet/dh-check.ts; DECISIONS D31).
 * Signatures (Auth-R's and Auth-I's sigma) are the state machine's, which knows t.
 */
import type { ModPow } from '../../crypto/env';
import { WireError } from '../../wire/codec';
import type { CurvePoint } from '../crypto/ed448';
import type { RingSignature } from '../crypto/rsig';
import { type ClientProfile, readClientProfile } from '../profile/client-profile';
import { validateClientProfile } from '../profile/validate';
import { isInBraceGroup } from '../ratchet/dh-check';
import { V4Reader, V4Writer } from '../wire/codec';
import { MSG_AUTH_I, MSG_AUTH_R, MSG_IDENTITY, readHeader, type V4Header, writeHeader } from '../wire/header';

export interface DakeTags {
  readonly senderTag: number;
  /** 0 only in an Identity message to no particular instance. */
  readonly receiverTag: number;
}

export interface IdentityMessage extends DakeTags {
  readonly profile: ClientProfile;
  /** Y and B: the DAKE's ephemeral keys. */
  readonly y: CurvePoint;
  readonly b: bigint;
  /** our_ecdh_first.public and our_dh_first.public: the double ratchet's first keys. */
  readonly ecdhFirst: CurvePoint;
  readonly dhFirst: bigint;
}

export interface AuthRMessage extends DakeTags {
  readonly profile: ClientProfile;
  /** X and A: the DAKE's ephemeral keys. */
  readonly x: CurvePoint;
  readonly a: bigint;
  readonly sigma: RingSignature;
  readonly ecdhFirst: CurvePoint;
  readonly dhFirst: bigint;
}

export interface AuthIMessage extends DakeTags {
  readonly sigma: RingSignature;
}

/** The sender's long-term keys, from the validation of its Client Profile. */
export interface PeerKeys {
  readonly identity: CurvePoint;
  readonly forging: CurvePoint;
}

/** What checking a received message needs: the clock for the profile's expiry, ModPow for a transitional signature (DSA). */
export interface ReceiptChecks {
  readonly nowMs: number;
  readonly math: ModPow;
}

export function encodeIdentity(m: IdentityMessage): Uint8Array {
  const w = writeHeader(new V4Writer(), { type: MSG_IDENTITY, ...tags(m) });
  return w.raw(m.profile.bytes).point(m.y).mpi(m.b).point(m.ecdhFirst).mpi(m.dhFirst).finish();
}

export function encodeAuthR(m: AuthRMessage): Uint8Array {
  const w = writeHeader(new V4Writer(), { type: MSG_AUTH_R, ...tags(m) });
  w.raw(m.profile.bytes).point(m.x).mpi(m.a).ringSignature(m.sigma);
  return w.point(m.ecdhFirst).mpi(m.dhFirst).finish();
}

export function encodeAuthI(m: AuthIMessage): Uint8Array {
  return writeHeader(new V4Writer(), { type: MSG_AUTH_I, ...tags(m) })
    .ringSignature(m.sigma)
    .finish();
}

const tags = (m: DakeTags): DakeTags => ({ senderTag: m.senderTag, receiverTag: m.receiverTag });

/**
 * The header alone, so that a message in the wrong state or for another instance is
 * dropped before any of its costly checks. Refuses another protocol version and a
 * sender tag below 0x100, as every decoder here does.
 */
export function peekHeader(bytes: Uint8Array): V4Header {
  return readHeader(new V4Reader(bytes));
}

function open(bytes: Uint8Array, type: number, name: string): { r: V4Reader; header: V4Header } {
  const r = new V4Reader(bytes);
  const header = readHeader(r);
  if (header.type !== type) throw new WireError(`message type ${header.type} is not an ${name} message`);
  return { r, header };
}

/** "Validate the Client Profile", with the sender's instance tag of the message that carried it. */
function validProfile(profile: ClientProfile, senderTag: number, checks: ReceiptChecks): PeerKeys {
  const verdict = validateClientProfile(profile, { senderInstanceTag: senderTag, ...checks });
  if (!verdict.valid) throw new WireError(`the Client Profile: ${verdict.problem}`);
  return { identity: verdict.identity, forging: verdict.forging };
}

/** "Verify that the DH public key ... is from the correct group": x^q = 1 by Euler's criterion (D31). */
function inGroup(x: bigint, what: string): void {
  if (!isInBraceGroup(x)) throw new WireError(`${what} is not in the DH group`);
}

/** An Identity message with all of "To verify an Identity message" but steps 1-2 (the header's). */
export function decodeIdentity(bytes: Uint8Array, checks: ReceiptChecks): IdentityMessage & { peer: PeerKeys } {
  const { r, header } = open(bytes, MSG_IDENTITY, 'Identity');
  const profile = readClientProfile(r);
  const y = r.point('Y');
  const b = r.dhMpi('B');
  const ecdhFirst = r.point('our_ecdh_first');
  const dhFirst = r.dhMpi('our_dh_first');
  r.end('an Identity message');
  const peer = validProfile(profile, header.senderTag, checks);
  inGroup(b, 'B');
  inGroup(dhFirst, 'our_dh_first');
  return { ...tags(header), profile, y, b, ecdhFirst, dhFirst, peer };
}

/**
 * An Auth-R message with its steps 4-8 of "To verify an Auth-R message"; step 3 (the
 * receiver tag is ours) is the state machine's, before this is called, and so are t
 * and RVrf (steps 9-10).
 */
export function decodeAuthR(bytes: Uint8Array, checks: ReceiptChecks): AuthRMessage & { peer: PeerKeys } {
  const { r, header } = open(bytes, MSG_AUTH_R, 'Auth-R');
  const profile = readClientProfile(r);
  const x = r.point('X');
  const a = r.dhMpi('A');
  const sigma = r.ringSignature('sigma');
  const ecdhFirst = r.point('our_ecdh_first');
  const dhFirst = r.dhMpi('our_dh_first');
  r.end('an Auth-R message');
  const peer = validProfile(profile, header.senderTag, checks);
  inGroup(a, 'A');
  inGroup(dhFirst, 'our_dh_first');
  return { ...tags(header), profile, x, a, sigma, ecdhFirst, dhFirst, peer };
}

/** An Auth-I message: its header and sigma (scalars below q); the state machine verifies sigma. */
export function decodeAuthI(bytes: Uint8Array): AuthIMessage {
  const { r, header } = open(bytes, MSG_AUTH_I, 'Auth-I');
  const sigma = r.ringSignature('sigma');
  r.end('an Auth-I message');
  return { ...tags(header), sigma };
}
