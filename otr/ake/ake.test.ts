import { describe, expect, it } from 'vitest';
import { sha256 } from '../crypto/primitives';
import { DH_PRIME } from '../crypto/dh-group';
import { ALICE_KEY, BOB_KEY, testEnv } from '../test-support/fixtures';
import { encodeMessage, type BinaryMessage, type DhCommit, type DhKey, type RevealSignature } from '../wire/messages';
import { AUTH_NONE, handleAkeMessage, startAke, type AkeParty, type AuthState } from './ake';

const alice: AkeParty = { env: testEnv('ake-alice'), longTerm: ALICE_KEY, ourTag: 0x100, theirTag: 0x200 };
const bob: AkeParty = { env: testEnv('ake-bob'), longTerm: BOB_KEY, ourTag: 0x200, theirTag: 0x100 };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const digest = (m: BinaryMessage) => hex(sha256(encodeMessage(m)));

type AkeMessage = Exclude<BinaryMessage, { type: 'data' }>;

/** Runs a whole exchange from a commit; returns both final states and every message, in order. */
function run(first: AkeMessage, aState: AuthState, bState: AuthState) {
  const sent: AkeMessage[] = [first];
  let states = { a: aState, b: bState };
  let queue: { to: 'a' | 'b'; m: AkeMessage }[] = [{ to: 'b', m: first }];
  const completions: Record<'a' | 'b', boolean> = { a: false, b: false };
  while (queue.length) {
    const next: typeof queue = [];
    for (const { to, m } of queue) {
      const step = handleAkeMessage(states[to], m, to === 'a' ? alice : bob);
      states = { ...states, [to]: step.auth };
      if (step.complete) completions[to] = true;
      if (step.send) {
        sent.push(step.send as AkeMessage);
        next.push({ to: to === 'a' ? 'b' : 'a', m: step.send as AkeMessage });
      }
    }
    queue = next;
  }
  return { states, sent, completions };
}

describe('the AKE', () => {
  it('produces the same bytes for the same randomness (pinned)', () => {
    const a = { ...alice, env: testEnv('pin-alice') };
    const b = { ...bob, env: testEnv('pin-bob') };
    const commit = startAke(a, 3);
    const dhKey = handleAkeMessage(AUTH_NONE, commit.send as DhCommit, b);
    const reveal = handleAkeMessage(commit.auth, dhKey.send as DhKey, a);
    const sig = handleAkeMessage(dhKey.auth, reveal.send as RevealSignature, b);
    expect(sig.complete?.ssid).toBeDefined();
    expect(hex(sig.complete!.ssid)).toMatchInlineSnapshot(`"1a7daffb97942199"`);
    expect({
      commit: digest(commit.send!),
      dhKey: digest(dhKey.send!),
      revealSignature: digest(reveal.send!),
      signature: digest(sig.send!),
    }).toMatchInlineSnapshot(`
      {
        "commit": "4b877a680b86decb3e474ffe10a0c9bfb4ac3f7f9a61459dea9d27838d60d129",
        "dhKey": "baff649b9efe46ba71bf88eb4b20cc5279c08ccfe021f5b1ce42fcb4c4afeee5",
        "revealSignature": "44fc1ca6ec339f940df923eff29708d45cd2825c0dd2f2322f18656b988b9577",
        "signature": "700fb25cf8efc2cb04ebff5a93241561962efb7c00b50ac5dabd250abf598f27",
      }
    `);
  });

  it('completes on both sides with the same ssid and each other’s long-term keys', () => {
    const commit = startAke(alice, 3);
    const { states, completions } = run(commit.send as AkeMessage, commit.auth, AUTH_NONE);
    expect(completions).toEqual({ a: true, b: true });
    expect(states.a.state).toBe('none');
    expect(states.b.state).toBe('none');
  });

  it('resolves both sides committing at once: the higher hash keeps its commit', () => {
    const a = startAke(alice, 3);
    const b = startAke(bob, 3);
    const aCommit = a.send as DhCommit;
    const bCommit = b.send as DhCommit;
    const aStep = handleAkeMessage(a.auth, bCommit, alice);
    const bStep = handleAkeMessage(b.auth, aCommit, bob);
    const aWins = BigInt(`0x${hex(aCommit.hashedGx)}`) > BigInt(`0x${hex(bCommit.hashedGx)}`);
    const [winner, loser] = aWins ? [aStep, bStep] : [bStep, aStep];
    expect(winner.send?.type).toBe('dh-commit');
    expect(loser.send?.type).toBe('dh-key');
    expect(loser.auth.state).toBe('awaiting-revealsig');
    // The loser's D-H Key reaches the winner, who carries on as if it alone had committed.
    const w = aWins ? alice : bob;
    const l = aWins ? bob : alice;
    const reveal = handleAkeMessage(winner.auth, loser.send as DhKey, w);
    expect(reveal.send?.type).toBe('reveal-signature');
    const sig = handleAkeMessage(loser.auth, reveal.send as RevealSignature, l);
    expect(sig.complete).toBeDefined();
    expect(handleAkeMessage(reveal.auth, sig.send as AkeMessage, w).complete?.ssid).toEqual(sig.complete?.ssid);
  });

  it('answers a retransmitted commit with the same D-H Key and still completes', () => {
    const a = startAke(alice, 3);
    const first = handleAkeMessage(AUTH_NONE, a.send as DhCommit, bob);
    const again = handleAkeMessage(first.auth, a.send as DhCommit, bob);
    expect(again.send).toEqual(first.send);
    const reveal = handleAkeMessage(a.auth, again.send as DhKey, alice);
    expect(handleAkeMessage(again.auth, reveal.send as RevealSignature, bob).complete).toBeDefined();
  });

  it('retransmits the Reveal Signature for a repeated D-H Key, and ignores a different one', () => {
    const a = startAke(alice, 3);
    const dhKey = handleAkeMessage(AUTH_NONE, a.send as DhCommit, bob);
    const reveal = handleAkeMessage(a.auth, dhKey.send as DhKey, alice);
    const repeat = handleAkeMessage(reveal.auth, dhKey.send as DhKey, alice);
    expect(repeat.send).toEqual(reveal.send);
    const other = handleAkeMessage(reveal.auth, { ...(dhKey.send as DhKey), gy: 5n }, alice);
    expect(other.send).toBeUndefined();
    expect(other.ignored).toMatch(/different D-H Key/);
  });

  it('ignores out-of-range g^y and tampered signatures, and can still complete afterwards', () => {
    const a = startAke(alice, 3);
    const dhKey = handleAkeMessage(AUTH_NONE, a.send as DhCommit, bob);
    for (const gy of [0n, 1n, DH_PRIME - 1n, DH_PRIME]) {
      const step = handleAkeMessage(a.auth, { ...(dhKey.send as DhKey), gy }, alice);
      expect(step.ignored).toMatch(/out of range/);
      expect(step.auth).toBe(a.auth);
    }
    const reveal = handleAkeMessage(a.auth, dhKey.send as DhKey, alice).send as RevealSignature;
    const tampered = { ...reveal, encryptedSignature: reveal.encryptedSignature.map((b, i) => (i === 10 ? b ^ 1 : b)) };
    const bad = handleAkeMessage(dhKey.auth, tampered, bob);
    expect(bad.ignored).toMatch(/MAC/);
    expect(bad.complete).toBeUndefined();
    const wrongKey = handleAkeMessage(dhKey.auth, { ...reveal, revealedKey: new Uint8Array(16) }, bob);
    expect(wrongKey.ignored).toMatch(/commitment/);
    expect(handleAkeMessage(dhKey.auth, reveal, bob).complete).toBeDefined();
  });

  it('ignores AKE messages that arrive in the wrong state', () => {
    const a = startAke(alice, 3);
    const dhKey = handleAkeMessage(AUTH_NONE, a.send as DhCommit, bob);
    expect(handleAkeMessage(AUTH_NONE, dhKey.send as DhKey, alice).ignored).toMatch(/state none/);
    const reveal = handleAkeMessage(a.auth, dhKey.send as DhKey, alice);
    expect(handleAkeMessage(AUTH_NONE, reveal.send as RevealSignature, bob).ignored).toMatch(/state none/);
  });
});
