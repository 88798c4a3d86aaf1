/**
 * OtrLayer between two sides: going private (by itself, by the whitespace tag,
 * or not at all), holding and sending messages around the AKE, recovering a
 * lost session, routing to the instance's resource, forgetting idle
 * conversations. Fingerprints, verification and SMP: otr-layer-trust.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { fingerprint, WHITESPACE_TAG_BASE } from '../../otr';
import { ALICE_KEY, BOB_KEY, ManualClock } from '../../otr/test-support/fixtures';
import { FakeAdapter } from '../test-support/fake-adapter';
import { identity, link, side, type Side } from '../test-support/otr-layer-sides';
import type { SendStatus } from './otr-layer';

/** The user of `s` sends `text` and waits until it left. */
const send = (s: Side, peer: string, text: string): Promise<SendStatus> => s.layer.send(peer, text).done;

/** Delivers until nothing is in flight: writes to a slow adapter land later. */
async function quiet(flow: () => Promise<void>, a: Side, b: Side): Promise<void> {
  for (let idle = 0; idle < 3;) {
    await flow();
    await new Promise((r) => setTimeout(r, 15));
    idle = a.inbox.length || b.inbox.length ? 0 : idle + 1;
  }
}

describe('the OTR policy layer', () => {
  it('sends a message typed the instant "private" is announced after the AKE’s last message, fragments unbroken', async () => {
    // Small and slow, as IRC is: the Signature message is several fragments, each paced.
    const slow = (name: string) => new FakeAdapter(name, { maxMessageBytes: 300, writeDelayMs: 2 });
    const alice = side('alice', identity(ALICE_KEY, 0x111), 'opportunistic', slow('alice'));
    const bob = side('bob', identity(BOB_KEY, 0x222), 'opportunistic', slow('bob'));
    const flow = link(alice, bob);
    const sent: Promise<SendStatus>[] = [];
    // Alice answers Bob's AKE, so her Signature message ends it; she sends as soon as she hears "private".
    alice.onState = () => {
      if (sent.length === 0 && alice.layer.status('bob').state === 'encrypted')
        sent.push(alice.layer.send('bob', 'at once').done, alice.layer.send('bob', 'x'.repeat(2000)).done);
    };
    await send(alice, 'bob', 'hello');
    await quiet(flow, alice, bob);
    expect(await Promise.all(sent)).toEqual(['sent', 'sent']);
    expect(bob.messages.map((m) => [m.text.slice(0, 10), m.encrypted])).toEqual([
      ['hello', false],
      ['at once', true],
      ['x'.repeat(10), true],
    ]);
    expect(bob.notes.filter((n) => /could not be read|malformed/.test(n.text))).toEqual([]);
  });

  it('goes private by itself between two opportunistic buddies, with a clear line', async () => {
    const alice = side('alice', identity(ALICE_KEY, 0x111), 'opportunistic');
    const bob = side('bob', identity(BOB_KEY, 0x222), 'opportunistic');
    const flow = link(alice, bob);
    expect(await send(alice, 'bob', 'hi there')).toBe('sent');
    await flow();
    expect(bob.messages[0]).toEqual({ peer: 'alice', text: 'hi there', encrypted: false, verified: false });
    expect(alice.layer.status('bob')).toMatchObject({
      state: 'encrypted',
      verified: false,
      fingerprint: Buffer.from(fingerprint(BOB_KEY)).toString('hex'),
    });
    expect(alice.notes.map((n) => n.text)).toContain(
      'Unverified conversation with bob started. Authenticate bob to be sure you are talking to them.',
    );
    await send(alice, 'bob', 'now private');
    await flow();
    expect(bob.messages.at(-1)).toEqual({ peer: 'alice', text: 'now private', encrypted: true, verified: false });
  });

  it('puts the whitespace tag first where the network strips trailing whitespace, and still goes private', async () => {
    const alice = side(
      'alice',
      identity(),
      'opportunistic',
      new FakeAdapter('alice', { stripsTrailingWhitespace: true }),
    );
    const bob = side('bob', identity(BOB_KEY, 0x222), 'opportunistic');
    const flow = link(alice, bob);
    await send(alice, 'bob', 'hello over IRC');
    const body = alice.adapter.sent[0]?.body ?? '';
    expect(body.startsWith(WHITESPACE_TAG_BASE)).toBe(true);
    expect(body.endsWith('hello over IRC')).toBe(true);
    await flow();
    expect(bob.messages[0]?.text).toBe('hello over IRC');
    expect(alice.layer.status('bob').state).toBe('encrypted');
  });

  it('leaves a buddy without OTR alone, and says once that the conversation is not private', async () => {
    const alice = side('alice', identity(), 'opportunistic');
    const bob = side('bob', identity(BOB_KEY, 0x222), 'never');
    const flow = link(alice, bob);
    await send(alice, 'bob', 'hello');
    await flow();
    // Bob has no OTR: he sees the text with the tag, as a client without OTR would (whitespace only).
    expect(bob.messages[0]?.text.startsWith('hello')).toBe(true);
    await send(bob, 'alice', 'hi, plain');
    await send(bob, 'alice', 'again');
    await flow();
    expect(alice.messages.map((m) => [m.text, m.encrypted])).toEqual([
      ['hi, plain', false],
      ['again', false],
    ]);
    expect(alice.notes.filter((n) => /does not support private conversations/.test(n.text))).toHaveLength(1);
    // No AKE was started, nothing but the two messages and the tag went out.
    expect(alice.adapter.sent.map((s) => s.body.trim())).toEqual(['hello']);
  });

  it('holds messages typed during the AKE and sends each once, in order, encrypted', async () => {
    const alice = side('alice', identity(), 'always');
    const bob = side('bob', identity(BOB_KEY, 0x222), 'opportunistic');
    const flow = link(alice, bob);
    const statuses = [];
    for (const t of ['one', 'two', 'three']) statuses.push(await send(alice, 'bob', t));
    expect(statuses).toEqual(['queued', 'queued', 'queued']);
    // One query only: the AKE is not restarted per message.
    expect(alice.adapter.sent.filter((s) => s.body.startsWith('?OTRv'))).toHaveLength(1);
    await flow();
    expect(bob.messages.map((m) => [m.text, m.encrypted])).toEqual([
      ['one', true],
      ['two', true],
      ['three', true],
    ]);
    expect(alice.lines).toEqual([
      {
        ids: [1, 2, 3],
        outcome: {
          status: 'sent',
          encrypted: true,
          verified: false,
          fingerprint: Buffer.from(fingerprint(BOB_KEY)).toString('hex'),
        },
      },
    ]);
    for (const s of alice.adapter.sent) expect(s.body).not.toMatch(/one|two|three/);
  });

  it('restarts the AKE when an encrypted message cannot be read (the buddy lost its session)', async () => {
    const alice = side('alice', identity(), 'opportunistic');
    let bob = side('bob', identity(BOB_KEY, 0x222), 'opportunistic');
    let flow = link(alice, bob);
    await alice.layer.start('bob');
    await flow();
    expect(alice.layer.status('bob').state).toBe('encrypted');
    bob = side('bob', identity(BOB_KEY, 0x222), 'opportunistic'); // bob restarted
    flow = link(alice, bob);
    await send(alice, 'bob', 'lost');
    await flow();
    expect(bob.notes.map((n) => n.text).join('\n')).toMatch(/could not be read/);
    expect(alice.layer.status('bob').state).toBe('encrypted');
    expect(bob.layer.status('alice').state).toBe('encrypted');
    await send(alice, 'bob', 'found');
    await flow();
    expect(bob.messages.at(-1)).toMatchObject({ text: 'found', encrypted: true });
  });

  it('forgets conversations that went quiet with nothing private or pending in them, and keeps the others', async () => {
    const clock = new ManualClock();
    const alice = side('alice', identity(), 'opportunistic', new FakeAdapter('alice'), clock);
    const bob = side('bob', identity(BOB_KEY, 0x222), 'opportunistic');
    const flow = link(alice, bob);
    await send(alice, 'bob', 'hello');
    await flow();
    for (let i = 0; i < 50; i++) await alice.layer.receive({ peer: `stranger${i}`, body: 'hi', time: new Date() });
    expect(alice.layer.peers()).toHaveLength(51);
    clock.advance(11 * 60_000);
    await alice.layer.tick();
    expect(alice.layer.peers()).toEqual(['bob']);
    expect(alice.layer.status('bob').state).toBe('encrypted');
  });

  it('sends OTR messages to the resource of the instance they belong to, with the hints flag', async () => {
    const alice = side('alice', identity(), 'manual');
    const bob = side('bob', identity(BOB_KEY, 0x222), 'manual');
    const flow = link(alice, bob);
    await alice.layer.start('bob');
    await flow();
    await send(alice, 'bob', 'routed');
    const last = alice.adapter.sent.at(-1)!;
    expect(last.options).toEqual({ otr: true, instance: 'fake' });
  });
});
