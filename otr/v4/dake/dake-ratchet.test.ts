/**
 * The contract of completion.ts end to end: what the DAKE hands on starts two double
 * ratchets that read each other's Data Messages ("Interactive DAKE Overview": Bob may
 * send at once, Alice once Auth-I is verified).
 */
import { describe, expect, it } from 'vitest';
import { memoModPow } from '../../test-support/memo-mod-pow';
import { dakeParty, runDake } from '../../test-support/v4-dake';
import { deliver, text, untext } from '../../test-support/v4-ratchet-pair';
import { initRatchet } from '../ratchet/ratchet';

const math = memoModPow();

describe('a completed DAKE starts the double ratchet', () => {
  it('lets Bob send first, Alice read and answer, and Bob read her answer', () => {
    const bob = dakeParty('bob', 0x101, { ours: 'bob@example.org', theirs: 'alice@example.org' }, { math });
    const alice = dakeParty('alice', 0x102, { ours: 'alice@example.org', theirs: 'bob@example.org' }, { math });
    const run = runDake(bob, alice);
    const bobRatchet = initRatchet(run.identitySender, bob.env, bob.ourTag);
    const aliceRatchet = initRatchet(run.authRSender, alice.env, alice.ourTag);

    const first = deliver(aliceRatchet, bobRatchet.seal(text('hello from Bob')));
    expect(first.ok && untext(first.plaintext)).toBe('hello from Bob');
    const answer = deliver(bobRatchet, aliceRatchet.seal(text('hello from Alice')));
    expect(answer.ok && untext(answer.plaintext)).toBe('hello from Alice');
  });
});
