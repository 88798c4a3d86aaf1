/**
 * Protocol-v3, "State transitions": every authstate against every AKE message,
 * for protocol versions 2 and 3. Bob is the party under test; alice sends.
 * The table is the spec's text, one row per case it distinguishes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToBigint } from '../crypto/bigint';
import { ALICE_KEY, BOB_KEY, testEnv } from '../test-support/fixtures';
import { ALICE_TAG, BOB_TAG } from '../test-support/pair';
import type { DhCommit, DhKey, ProtocolVersion, RevealSignature, Signature } from '../wire/messages';
import { AUTH_NONE, handleAkeMessage, startAke, type AkeParty, type AkeStep, type AuthState } from './ake';

type State = AuthState['state'];
type AkeMessage = DhCommit | DhKey | RevealSignature | Signature;

/** The messages a row can name: the right one for the state, or a variant the spec singles out. */
type Incoming =
  | 'dh-commit'
  | 'dh-commit, ours higher'
  | 'dh-commit, theirs higher'
  | 'dh-key'
  | 'dh-key, the same as before'
  | 'dh-key, another'
  | 'reveal-signature'
  | 'signature';

interface Row {
  from: State;
  receives: Incoming;
  to: State;
  sends?: AkeMessage['type'];
  completes?: boolean;
  /** What else the spec says of this case, checked on the step. */
  also?: (step: AkeStep, w: World) => void;
}

const TABLE: Row[] = [
  // Receiving a D-H Commit Message
  { from: 'none', receives: 'dh-commit', to: 'awaiting-revealsig', sends: 'dh-key' },
  {
    from: 'awaiting-dhkey',
    receives: 'dh-commit, ours higher',
    to: 'awaiting-dhkey',
    sends: 'dh-commit',
    also: (step, w) => expect(step.send).toBe(w.ourCommit), // "resend your D-H Commit message"
  },
  {
    from: 'awaiting-dhkey',
    receives: 'dh-commit, theirs higher',
    to: 'awaiting-revealsig',
    sends: 'dh-key',
    also: (step, w) => expect((step.send as DhKey).gy).not.toBe(w.ourCommitKey), // "forget your old g^x"
  },
  {
    from: 'awaiting-revealsig',
    receives: 'dh-commit',
    to: 'awaiting-revealsig',
    sends: 'dh-key',
    also: (step, w) => {
      expect((step.send as DhKey).gy).toBe(w.ourDhKey.gy); // "retransmit your D-H Key message"
      expect(step.auth.state === 'awaiting-revealsig' && step.auth.hashedGx).toEqual(w.theirCommit.hashedGx); // "use this new one"
    },
  },
  {
    from: 'awaiting-sig',
    receives: 'dh-commit',
    to: 'awaiting-revealsig',
    sends: 'dh-key',
    also: (step, w) => expect((step.send as DhKey).gy).not.toBe(w.ourCommitKey),
  },
  // Receiving a D-H Key Message
  { from: 'none', receives: 'dh-key', to: 'none' },
  { from: 'awaiting-dhkey', receives: 'dh-key', to: 'awaiting-sig', sends: 'reveal-signature' },
  { from: 'awaiting-revealsig', receives: 'dh-key', to: 'awaiting-revealsig' },
  {
    from: 'awaiting-sig',
    receives: 'dh-key, the same as before',
    to: 'awaiting-sig',
    sends: 'reveal-signature',
    also: (step, w) => expect(step.send).toBe(w.ourReveal),
  },
  { from: 'awaiting-sig', receives: 'dh-key, another', to: 'awaiting-sig' },
  // Receiving a Reveal Signature Message
  { from: 'none', receives: 'reveal-signature', to: 'none' },
  { from: 'awaiting-dhkey', receives: 'reveal-signature', to: 'awaiting-dhkey' },
  { from: 'awaiting-revealsig', receives: 'reveal-signature', to: 'none', sends: 'signature', completes: true },
  { from: 'awaiting-sig', receives: 'reveal-signature', to: 'awaiting-sig' },
  // Receiving a Signature Message
  { from: 'none', receives: 'signature', to: 'none' },
  { from: 'awaiting-dhkey', receives: 'signature', to: 'awaiting-dhkey' },
  { from: 'awaiting-revealsig', receives: 'signature', to: 'awaiting-revealsig' },
  { from: 'awaiting-sig', receives: 'signature', to: 'none', completes: true },
];

interface World {
  bob: AkeParty;
  states: Record<State, AuthState>;
  ourCommit: DhCommit;
  ourCommitKey: bigint;
  ourDhKey: DhKey;
  ourReveal: RevealSignature;
  theirCommit: DhCommit;
  message(row: Row): AkeMessage;
}

function dhPub(auth: AuthState): bigint {
  if (auth.state === 'none') throw new Error('no D-H key in state none');
  return auth.ours.pub;
}

/** Two real exchanges, one begun by each side, and commits of alice's that compare either way with bob's. */
function world(version: ProtocolVersion): World {
  const alice: AkeParty = {
    env: testEnv(`alice v${version}`),
    longTerm: ALICE_KEY,
    ourTag: ALICE_TAG,
    theirTag: BOB_TAG,
  };
  const bob: AkeParty = { env: testEnv(`bob v${version}`), longTerm: BOB_KEY, ourTag: BOB_TAG, theirTag: ALICE_TAG };
  // Bob begins: he waits for the D-H Key, then for the Signature.
  const bobCommit = startAke(bob, version);
  const aliceDhKey = handleAkeMessage(AUTH_NONE, bobCommit.send as DhCommit, alice);
  const bobReveal = handleAkeMessage(bobCommit.auth, aliceDhKey.send as DhKey, bob);
  const aliceSignature = handleAkeMessage(aliceDhKey.auth, bobReveal.send as RevealSignature, alice);
  // Alice begins: bob waits for the Reveal Signature.
  const aliceCommit = startAke(alice, version);
  const bobDhKey = handleAkeMessage(AUTH_NONE, aliceCommit.send as DhCommit, bob);
  const aliceReveal = handleAkeMessage(aliceCommit.auth, bobDhKey.send as DhKey, alice);
  const ourHash = bytesToBigint((bobCommit.send as DhCommit).hashedGx);
  const commits = Array.from(
    { length: 8 },
    (_, i) => startAke({ ...alice, env: testEnv(`alice commit ${i}`) }, version).send as DhCommit,
  );
  const higher = commits.find((c) => bytesToBigint(c.hashedGx) > ourHash);
  const lower = commits.find((c) => bytesToBigint(c.hashedGx) < ourHash);
  if (!higher || !lower) throw new Error('no commit on each side of ours among 8');
  const messages: Record<Incoming, AkeMessage> = {
    'dh-commit': aliceCommit.send as DhCommit,
    'dh-commit, ours higher': lower,
    'dh-commit, theirs higher': higher,
    'dh-key': aliceDhKey.send as DhKey,
    'dh-key, the same as before': aliceDhKey.send as DhKey,
    // Another valid g^y: alice's key of the other exchange.
    'dh-key, another': { ...(aliceDhKey.send as DhKey), gy: dhPub(aliceCommit.auth) },
    'reveal-signature': aliceReveal.send as RevealSignature,
    signature: aliceSignature.send as Signature,
  };
  return {
    bob,
    states: {
      none: AUTH_NONE,
      'awaiting-dhkey': bobCommit.auth,
      'awaiting-revealsig': bobDhKey.auth,
      'awaiting-sig': bobReveal.auth,
    },
    ourCommit: bobCommit.send as DhCommit,
    ourCommitKey: dhPub(bobCommit.auth),
    ourDhKey: bobDhKey.send as DhKey,
    ourReveal: bobReveal.send as RevealSignature,
    theirCommit: aliceCommit.send as DhCommit,
    message: (row) => messages[row.receives],
  };
}

describe.each([2, 3] as const)('AKE state transitions, protocol version %i', (version) => {
  let w: World;
  beforeAll(() => {
    w = world(version);
  });

  it.each(TABLE.map((row) => [row.from, row.receives, row.to, row.sends ?? 'nothing', row] as const))(
    'in %s, a %s leads to %s and sends %s',
    (_from, _receives, _to, _sends, row) => {
      const before = w.states[row.from];
      const step = handleAkeMessage(before, w.message(row), w.bob);
      expect(step.auth.state).toBe(row.to);
      expect(step.send?.type).toBe(row.sends);
      expect(step.complete !== undefined).toBe(row.completes ?? false);
      if (step.send)
        expect([step.send.version, step.send.senderTag, step.send.receiverTag]).toEqual(
          version === 3 ? [3, BOB_TAG, ALICE_TAG] : [2, 0, 0],
        );
      // "Ignore the message": nothing sent, nothing changed.
      if (!row.sends && !row.completes) {
        expect(step.auth).toBe(before);
        expect(step.ignored).toBeDefined();
      }
      row.also?.(step, w);
    },
  );
});
