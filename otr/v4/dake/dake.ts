/**
 * The interactive DAKE's state machine ("Protocol Events": "Starting a conversation
 * interactively", "Receiving an Identity Message", "Receiving an Auth-R Message",
 * "Receiving an Auth-I Message"), pure like otr/ake/ake.ts: each call takes the state
 * and returns the next one, what to send, and, once the DAKE is done, what the double
 * ratchet starts from. A malformed or invalid message never throws: it is ignored, with
 * the reason, and the state is unchanged.
 *
 * Instance tags: an Identity message may be addressed to no instance (0) or must be
 * addressed to ours; Auth-R and Auth-I must name ours ("Check that the receiver's
 * instance tag matches your sender's instance tag"). All this is looked at in the
 * header before any costly check, as is the state a message is taken in.
 */
import { constantTimeEqual } from '../../bytes';
import { sha256 } from '../../crypto/primitives';
import { WireError } from '../../wire/codec';
import { V4Writer } from '../wire/codec';
import { MSG_AUTH_I, MSG_AUTH_R, MSG_IDENTITY, type V4Header } from '../wire/header';
import { checkParty, type DakeParty, type DakeState, type DakeStep, type WaitingAuthR } from './dake-state';
import { acceptAuthI, generateDakeKeys, replyWithAuthI, replyWithAuthR } from './dake-steps';
import { compareBytes } from './phi';
import { decodeAuthI, decodeAuthR, decodeIdentity, encodeIdentity, peekHeader, type ReceiptChecks } from './messages';

export { DAKE_IDLE } from './dake-state';
export type { DakeParty, DakeState, DakeStep } from './dake-state';

/**
 * "the hashed B ... considered as 32-byte unsigned big-endian values": SHA-256 of B as
 * an MPI, as OTRv3 hashed g^x for the same rule (DECISIONS.md D26).
 */
export function hashedDhValue(b: bigint): Uint8Array {
  return sha256(new V4Writer().mpi(b).finish());
}

/**
 * "Starting a conversation interactively" (or answering a Query Message): an Identity
 * message with new ephemeral keys, then WAITING_AUTH_R. Whatever state came before is
 * dropped.
 */
export function startDake(p: DakeParty): DakeStep {
  checkParty(p);
  const ours = generateDakeKeys(p.env);
  const identityMessage = encodeIdentity({
    senderTag: p.ourTag,
    receiverTag: p.theirTag ?? 0,
    profile: p.profile,
    y: ours.ecdh.public,
    b: ours.dh.public,
    ecdhFirst: ours.ecdhFirst.public,
    dhFirst: ours.dhFirst.public,
  });
  const state: WaitingAuthR = {
    state: 'waiting-auth-r',
    ours,
    profile: p.profile,
    identityMessage,
    hashedB: hashedDhValue(ours.dh.public),
  };
  return { state, send: identityMessage };
}

const checksOf = (p: DakeParty): ReceiptChecks => ({ nowMs: p.env.clock.now(), math: p.env.math });

/** "Receiving an Identity Message", in each state. */
function onIdentity(s: DakeState, bytes: Uint8Array, h: V4Header, p: DakeParty): DakeStep {
  if (s.state === 'waiting-auth-i') {
    // "this Identity message should have the 'Receiver's instance tag'. Validate that
    // that value is equal to your 'Sender's instance tag'."
    if (h.receiverTag !== p.ourTag) {
      return { state: s, ignored: 'an Identity message not addressed to our instance while waiting for Auth-I' };
    }
    // "they resent their Identity Message": the Auth-R already sent answers it. A new
    // one (new keys) would make the Auth-I that answers the first fail: this is what
    // keeps crossing Identity messages from stalling (DECISIONS.md D27).
    if (constantTimeEqual(bytes, s.answered)) {
      return { state: s, send: s.authR, ignored: 'the Identity message already answered: our Auth-R again' };
    }
  }
  const m = decodeIdentity(bytes, checksOf(p));
  if (s.state === 'waiting-auth-r' && compareBytes(s.hashedB, hashedDhValue(m.b)) > 0) {
    // "If yours is the higher hash value: Ignore the incoming Identity message, but resend your Identity message."
    return { state: s, send: s.identityMessage, ignored: 'crossing Identity messages: ours has the higher hashed B' };
  }
  // START (and ENCRYPTED_MESSAGES, FINISHED): reply. WAITING_AUTH_R with the lower (or
  // an equal) hash: forget our keys and "Pretend you are on START state". WAITING_AUTH_I,
  // a new Identity message: forget theirs and "Send a new Auth-R message" (new keys of
  // ours too, as every Auth-R has: ours of the last one are gone once K was made).
  checkParty(p);
  return replyWithAuthR(m, bytes, p);
}

function onAuthR(s: DakeState, bytes: Uint8Array, p: DakeParty): DakeStep {
  // "If the state is not WAITING_AUTH_R: Ignore this message."
  if (s.state !== 'waiting-auth-r') return { state: s, ignored: `an Auth-R message in state ${s.state}` };
  return replyWithAuthI(s, decodeAuthR(bytes, checksOf(p)), p);
}

function onAuthI(s: DakeState, bytes: Uint8Array, h: V4Header): DakeStep {
  if (s.state !== 'waiting-auth-i') return { state: s, ignored: `an Auth-I message in state ${s.state}` };
  // Only the instance we sent Auth-R to can sign the t we expect (Φ holds its tag): any other is refused before RVrf.
  if (h.senderTag !== s.theirTag) {
    return { state: s, ignored: `an Auth-I message from instance ${h.senderTag}, not ${s.theirTag}` };
  }
  return acceptAuthI(s, decodeAuthI(bytes));
}

function dispatch(s: DakeState, bytes: Uint8Array, p: DakeParty): DakeStep {
  const h = peekHeader(bytes);
  const mustNameUs = h.type !== MSG_IDENTITY;
  if (h.receiverTag !== p.ourTag && (mustNameUs || h.receiverTag !== 0)) {
    return { state: s, ignored: `a DAKE message for instance ${h.receiverTag}, not ours (${p.ourTag})` };
  }
  switch (h.type) {
    case MSG_IDENTITY:
      return onIdentity(s, bytes, h, p);
    case MSG_AUTH_R:
      return onAuthR(s, bytes, p);
    case MSG_AUTH_I:
      return onAuthI(s, bytes, h);
    default:
      return { state: s, ignored: `message type ${h.type} is not a DAKE message` };
  }
}

/**
 * One received encoded message (after "?OTR:", base64 and fragments) of type Identity,
 * Auth-R or Auth-I. Anything unreadable or invalid is ignored with the reason; only a
 * misconfigured party (a profile that is not ours) throws.
 */
export function receiveDakeMessage(s: DakeState, bytes: Uint8Array, p: DakeParty): DakeStep {
  try {
    return dispatch(s, bytes, p);
  } catch (e) {
    if (e instanceof WireError) return { state: s, ignored: e.message };
    throw e;
  }
}
