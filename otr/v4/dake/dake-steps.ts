/**
 * The DAKE's steps that sign and verify ("Interactive DAKE Overview", "Auth-R
 * Message", "Auth-I Message"): Alice answering an Identity message with Auth-R, Bob
 * answering a valid Auth-R with Auth-I, Alice accepting a valid Auth-I. Each takes a
 * message already decoded and checked by messages.ts; states and tags are dake.ts's.
 *
 * Rings: Auth-R is RSig(H_a, sk_ha, {F_b, H_a, Y}, t), Auth-I is
 * RSig(H_b, sk_hb, {H_b, F_a, X}, t).
 */
import type { OtrEnv } from '../../crypto/env';
import { generateDH } from '../crypto/dh3072';
import { generateECDH } from '../crypto/ed448';
import { ringSign, ringVerify } from '../crypto/rsig';
import type { ClientProfile } from '../profile/client-profile';
import type { DakeCompletion } from './completion';
import type { DakeParty, DakeStep, OurDakeKeys, WaitingAuthI, WaitingAuthR } from './dake-state';
import { DAKE_IDLE } from './dake-state';
import {
  type AuthIMessage,
  type AuthRMessage,
  encodeAuthI,
  encodeAuthR,
  type IdentityMessage,
  type PeerKeys,
} from './messages';
import { type FirstPublicKeys, sharedSessionState } from './phi';
import { dakeSharedSecret, type DakeSecret } from './shared-secret';
import { dakeTranscripts } from './transcript';

/** Steps 2-5 of making an Identity or Auth-R message: the DAKE pair, then the first pair, ECDH before DH. */
export function generateDakeKeys(env: OtrEnv): OurDakeKeys {
  const ecdh = generateECDH(env.random);
  const dh = generateDH(env.random, env.math);
  const ecdhFirst = generateECDH(env.random);
  const dhFirst = generateDH(env.random, env.math);
  return { ecdh, dh, ecdhFirst, dhFirst };
}

const firstPublic = (k: OurDakeKeys): FirstPublicKeys => ({ ecdh: k.ecdhFirst.public, dh: k.dhFirst.public });

interface Ends {
  readonly secret: DakeSecret;
  readonly ours: OurDakeKeys;
  readonly theirFirst: FirstPublicKeys;
  readonly theirProfile: ClientProfile;
  readonly peer: PeerKeys;
}

/** Our first keys and theirs become our_ecdh/our_dh and their_ecdh/their_dh; the DAKE's are not passed on. */
function completion(role: DakeCompletion['role'], e: Ends | WaitingAuthI): DakeCompletion {
  const ourFirst = 'ours' in e ? { ecdh: e.ours.ecdhFirst, dh: e.ours.dhFirst } : e.ourFirst;
  return {
    role,
    sharedSecret: e.secret.sharedSecret,
    ssid: e.secret.ssid,
    ourEcdh: ourFirst.ecdh,
    ourDh: ourFirst.dh,
    theirEcdh: e.theirFirst.ecdh,
    theirDh: e.theirFirst.dh,
    theirProfile: e.theirProfile,
    theirIdentity: e.peer.identity,
    theirForging: e.peer.forging,
  };
}

/**
 * Alice: "Generates an Auth-R message", computes K and the SSID at once (so x and a
 * need not be kept), and waits for Auth-I, whose t and ring are fixed now.
 */
export function replyWithAuthR(m: IdentityMessage & { peer: PeerKeys }, answered: Uint8Array, p: DakeParty): DakeStep {
  const ours = generateDakeKeys(p.env);
  const theirFirst = { ecdh: m.ecdhFirst, dh: m.dhFirst };
  const phi = sharedSessionState({
    tags: [p.ourTag, m.senderTag],
    bob: theirFirst,
    alice: firstPublic(ours),
    names: p.names,
  });
  const t = dakeTranscripts({
    bobProfile: m.profile.bytes,
    aliceProfile: p.profile.bytes,
    y: m.y,
    x: ours.ecdh.public,
    b: m.b,
    a: ours.dh.public,
    phi,
  });
  const sigma = ringSign(p.identity, [m.peer.forging, p.identity.public, m.y], t.authR, p.env.random);
  const authR: AuthRMessage = {
    senderTag: p.ourTag,
    receiverTag: m.senderTag,
    profile: p.profile,
    x: ours.ecdh.public,
    a: ours.dh.public,
    sigma,
    ecdhFirst: ours.ecdhFirst.public,
    dhFirst: ours.dhFirst.public,
  };
  const secret = dakeSharedSecret(
    { ecdhSecret: ours.ecdh.secret, dhSecret: ours.dh.secret },
    { ecdh: m.y, dh: m.b },
    p.env.math,
  );
  const send = encodeAuthR(authR);
  const state: WaitingAuthI = {
    state: 'waiting-auth-i',
    theirTag: m.senderTag,
    secret,
    ourFirst: { ecdh: ours.ecdhFirst, dh: ours.dhFirst },
    theirFirst,
    theirProfile: m.profile,
    peer: m.peer,
    authIRing: [m.peer.identity, p.forging, ours.ecdh.public],
    authIT: t.authI,
    answered,
    authR: send,
  };
  return { state, send };
}

/**
 * Bob: verify sigma over t (steps 9-10 of "To verify an Auth-R message"), then K, the
 * SSID and Auth-I; the DAKE is complete for him once Auth-I is sent. A signature that
 * does not verify leaves him waiting for Auth-R ("Stay in state WAITING_AUTH_R").
 */
export function replyWithAuthI(s: WaitingAuthR, m: AuthRMessage & { peer: PeerKeys }, p: DakeParty): DakeStep {
  const theirFirst = { ecdh: m.ecdhFirst, dh: m.dhFirst };
  const phi = sharedSessionState({
    tags: [p.ourTag, m.senderTag],
    bob: firstPublic(s.ours),
    alice: theirFirst,
    names: p.names,
  });
  const t = dakeTranscripts({
    bobProfile: s.profile.bytes,
    aliceProfile: m.profile.bytes,
    y: s.ours.ecdh.public,
    x: m.x,
    b: s.ours.dh.public,
    a: m.a,
    phi,
  });
  if (!ringVerify([p.forging, m.peer.identity, s.ours.ecdh.public], m.sigma, t.authR)) {
    return { state: s, ignored: 'the Auth-R ring signature does not verify' };
  }
  const secret = dakeSharedSecret(
    { ecdhSecret: s.ours.ecdh.secret, dhSecret: s.ours.dh.secret },
    { ecdh: m.x, dh: m.a },
    p.env.math,
  );
  const sigma = ringSign(p.identity, [p.identity.public, m.peer.forging, m.x], t.authI, p.env.random);
  const authI: AuthIMessage = { senderTag: p.ourTag, receiverTag: m.senderTag, sigma };
  return {
    state: DAKE_IDLE,
    send: encodeAuthI(authI),
    complete: completion('auth-i-sender', { secret, ours: s.ours, theirFirst, theirProfile: m.profile, peer: m.peer }),
  };
}

/** Alice: "Verify the sigma ... RVrf({H_b, F_a, X}, sigma, t)"; valid, the DAKE is complete for her. */
export function acceptAuthI(s: WaitingAuthI, m: AuthIMessage): DakeStep {
  if (!ringVerify(s.authIRing, m.sigma, s.authIT)) {
    return { state: s, ignored: 'the Auth-I ring signature does not verify' };
  }
  return { state: DAKE_IDLE, complete: completion('auth-r-sender', s) };
}
