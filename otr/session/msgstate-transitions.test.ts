/**
 * Protocol-v3, "State transitions", for a whole Conversation: each message
 * state (plaintext, encrypted, finished) against each AKE message and a data
 * message, for protocol versions 2 and 3. Bob is under test, with no AKE of
 * his own under way (he asks, alice commits: the commit a query answer leaves
 * on the master would otherwise be copied to an instance a D-H Key comes
 * from); the AKE messages come from an exchange he is not part of, so only a
 * D-H Commit gets an answer.
 */
import { describe, expect, it } from 'vitest';
import { AUTH_NONE, handleAkeMessage, startAke, type AkeParty } from '../ake/ake';
import { ALICE_KEY, BOB_KEY, testEnv } from '../test-support/fixtures';
import { ALICE_TAG, BOB_TAG, deliver, makePair, say, startOtr, type Party } from '../test-support/pair';
import { authStateOf, msgStateOf, onlyVersion } from '../test-support/probe';
import { encodeText, wireKinds, type WireKind } from '../test-support/wire-kinds';
import type { BinaryMessage, DhCommit, DhKey, ProtocolVersion, RevealSignature } from '../wire/messages';
import type { MessageState } from './events';
import { MASTER } from './instance-tags';

type Incoming = 'dh-commit' | 'dh-key' | 'reveal-signature' | 'signature' | 'data';

interface Row {
  in: MessageState;
  receives: Incoming;
  sends: WireKind[];
  /** Bob's authstate for alice afterwards. */
  auth: 'none' | 'awaiting-revealsig';
  /** The data message was shown to the user. */
  readable?: boolean;
}

const states: MessageState[] = ['plaintext', 'encrypted', 'finished'];
const TABLE: Row[] = states.flatMap((s): Row[] => [
  // "If authstate is AUTHSTATE_NONE: Reply with a D-H Key Message", whatever the message state.
  { in: s, receives: 'dh-commit', sends: ['dh-key'], auth: 'awaiting-revealsig' },
  // In AUTHSTATE_NONE the other three AKE messages are ignored.
  { in: s, receives: 'dh-key', sends: [], auth: 'none' },
  { in: s, receives: 'reveal-signature', sends: [], auth: 'none' },
  { in: s, receives: 'signature', sends: [], auth: 'none' },
  // "Receiving a Data Message": shown when encrypted; otherwise an Error Message goes back.
  s === 'encrypted'
    ? { in: s, receives: 'data', sends: [], auth: 'none', readable: true }
    : { in: s, receives: 'data', sends: ['error'], auth: 'none' },
]);

/** alice and bob (Conversations) with bob in `state`, and AKE messages of an exchange between other parties with alice's key and tag. */
function scene(version: ProtocolVersion, state: MessageState) {
  const policy = onlyVersion(version);
  const { alice, bob } = makePair('manual', { policy }, { policy });
  if (state !== 'plaintext') {
    startOtr(bob, alice);
    say(alice, bob, 'hello');
    say(bob, alice, 'hi');
  }
  if (state === 'finished') deliver(alice, bob, alice.conv.end().send);
  const a: AkeParty = { env: testEnv('stray alice'), longTerm: ALICE_KEY, ourTag: ALICE_TAG, theirTag: BOB_TAG };
  const b: AkeParty = { env: testEnv('stray bob'), longTerm: BOB_KEY, ourTag: BOB_TAG, theirTag: ALICE_TAG };
  // Alice begins one exchange (her commit, her Reveal Signature), the other party the second (her D-H Key, her Signature).
  const aCommit = startAke(a, version);
  const aReveal = handleAkeMessage(
    aCommit.auth,
    handleAkeMessage(AUTH_NONE, aCommit.send as DhCommit, b).send as DhKey,
    a,
  );
  const bCommit = startAke(b, version);
  const aDhKey = handleAkeMessage(AUTH_NONE, bCommit.send as DhCommit, a);
  const bReveal = handleAkeMessage(bCommit.auth, aDhKey.send as DhKey, b);
  const aSignature = handleAkeMessage(aDhKey.auth, bReveal.send as RevealSignature, a);
  const ake: Record<Exclude<Incoming, 'data'>, BinaryMessage | undefined> = {
    'dh-commit': aCommit.send,
    'dh-key': aDhKey.send,
    'reveal-signature': aReveal.send,
    signature: aSignature.send,
  };
  const akeText = (m: Exclude<Incoming, 'data'>) => {
    const message = ake[m];
    if (!message) throw new Error(`the stray exchange produced no ${m}`);
    return encodeText(message);
  };
  return {
    alice,
    bob,
    tag: version === 3 ? ALICE_TAG : MASTER,
    text: (m: Incoming) => (m === 'data' ? dataFrom(alice, version, state) : akeText(m)),
  };
}

/** A data message from alice: of bob's session when encrypted, else of one bob never had. */
function dataFrom(alice: Party, version: ProtocolVersion, state: MessageState): string {
  if (state === 'encrypted') return alice.conv.send('secret').send[0]!.text;
  const policy = onlyVersion(version);
  const other = makePair('manual', { policy, env: testEnv('other alice') }, { policy, env: testEnv('other bob') });
  startOtr(other.alice, other.bob);
  return other.alice.conv.send('secret').send[0]!.text;
}

describe.each([2, 3] as const)('Conversation state transitions, protocol version %i', (version) => {
  it.each(TABLE.map((r) => [r.in, r.receives, r.sends.join(', ') || 'nothing', r] as const))(
    '%s, receiving a %s: sends %s and keeps the message state',
    (_s, _m, _k, row) => {
      const { bob, tag, text } = scene(version, row.in);
      const out = bob.conv.receive(text(row.receives));
      expect(wireKinds(out.send)).toEqual(row.sends);
      expect(msgStateOf(bob.conv, tag)).toBe(row.in);
      expect(authStateOf(bob.conv, tag)).toBe(row.auth);
      if (row.readable) expect(out.received).toMatchObject({ text: 'secret', encrypted: true, instanceTag: tag });
      else expect(out.received).toBeUndefined();
      if (row.receives === 'data' && !row.readable) expect(out.events.map((e) => e.type)).toEqual(['unreadable']);
      if (row.sends.length === 0 && row.receives !== 'data')
        expect(out.events.map((e) => e.type)).toEqual(['ake-ignored']);
    },
  );

  it.each(states)('%s, a whole AKE begun by the buddy makes the conversation encrypted', (state) => {
    const { alice, bob, tag } = scene(version, state);
    const before = bob.conv.status().ssid;
    startOtr(alice, bob);
    expect(msgStateOf(bob.conv, tag)).toBe('encrypted');
    expect(authStateOf(bob.conv, tag)).toBe('none');
    const secure = bob.events.filter((e) => e.type === 'gone-secure').at(-1);
    expect(secure).toMatchObject({ version, refreshed: state === 'encrypted' });
    expect(bob.conv.status().ssid).not.toEqual(before);
    say(alice, bob, 'after');
    expect(bob.received.at(-1)).toMatchObject({ text: 'after', encrypted: true });
  });
});
