/** receive.ts on its own: what each kind of incoming text does to one conversation, by state and policy. */
import { describe, expect, it } from 'vitest';
import { ALICE_TAG, BOB_TAG, makePair, startOtr } from '../test-support/pair';
import { classify, errorMessage, queryMessage, whitespaceTag } from '../wire/text-messages';
import { receiveMessage } from './receive';

const kinds = (texts: readonly { text: string }[]) => texts.map((m) => classify(m.text).kind);

describe('receiving', () => {
  it('answers a query with a D-H Commit of the best common version', () => {
    const { alice } = makePair('manual');
    const out = receiveMessage(alice.conv, queryMessage([2, 3], 'bob asks'));
    expect(kinds(out.send)).toEqual(['encoded']);
    expect(out.events).toEqual([]);
  });

  it('answers nothing to a query offering no version the policy allows', () => {
    const { alice } = makePair('manual');
    expect(receiveMessage(alice.conv, '?OTR?').send).toEqual([]);
    expect(receiveMessage(alice.conv, '?OTRv4?').send).toEqual([]);
  });

  it('passes plain text through, and stops advertising OTR after it', () => {
    const { alice } = makePair('opportunistic');
    const out = receiveMessage(alice.conv, 'just text');
    expect(out.received).toEqual({ text: 'just text', encrypted: false });
    expect(out.send).toEqual([]);
    expect(alice.conv.send('hello').send[0]?.text).toBe('hello');
  });

  it('starts an AKE on a whitespace tag under the opportunistic policy, and shows the text without the tag', () => {
    const { alice } = makePair('opportunistic');
    const out = receiveMessage(alice.conv, `hello${whitespaceTag([3])}`);
    expect(out.received).toEqual({ text: 'hello', encrypted: false });
    expect(kinds(out.send)).toEqual(['encoded']);
  });

  it('warns of plain text arriving while private, and of any plain text under the always policy', () => {
    const { alice, bob } = makePair('manual');
    startOtr(alice, bob);
    expect(receiveMessage(alice.conv, 'in the clear').events).toContainEqual({ type: 'received-unencrypted' });
    const strict = makePair('always').alice;
    expect(receiveMessage(strict.conv, 'in the clear').events).toContainEqual({ type: 'received-unencrypted' });
  });

  it('reports an OTR error and asks for a new AKE when the policy says so (ERROR_START_AKE)', () => {
    const { alice } = makePair('opportunistic');
    const out = receiveMessage(alice.conv, errorMessage('You transmitted an unreadable encrypted message.'));
    expect(out.events).toEqual([{ type: 'peer-error', text: 'You transmitted an unreadable encrypted message.' }]);
    expect(kinds(out.send)).toEqual(['query']);
    expect(receiveMessage(makePair('manual').alice.conv, errorMessage('x')).send).toEqual([]);
  });

  it('ignores fragments for another instance, and refuses a sender tag below 0x100', () => {
    const { alice } = makePair('manual');
    const other = `?OTR|${BOB_TAG.toString(16).padStart(8, '0')}|00009999,1,2,abc,`;
    expect(receiveMessage(alice.conv, other).events).toEqual([{ type: 'for-other-instance' }]);
    const low = `?OTR|000000ff|${ALICE_TAG.toString(16).padStart(8, '0')},1,2,abc,`;
    expect(receiveMessage(alice.conv, low).events).toEqual([
      { type: 'malformed', reason: 'a fragment with an invalid sender instance tag' },
    ]);
  });

  it('drops version 2 messages when the policy allows only version 3', () => {
    const { alice, bob } = makePair('manual');
    alice.conv.setPolicy({ ...alice.conv.policy, allowV2: false });
    bob.conv.setPolicy({ ...bob.conv.policy, allowV3: false });
    const v2Commit = receiveMessage(bob.conv, queryMessage([2], 'v2 please')).send[0]!.text;
    expect(receiveMessage(alice.conv, v2Commit)).toEqual({ send: [], events: [] });
  });
});
