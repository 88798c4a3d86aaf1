import { describe, expect, it } from 'vitest';
import {
  createConversation,
  fingerprint,
  policyForLevel,
  toHex,
  WHITESPACE_TAG_BASE,
  type PolicyLevel,
} from '../../otr';
import { ALICE_KEY, BOB_KEY, ManualClock, testEnv } from '../../otr/test-support/fixtures';
import type { IncomingMessage } from '../../protocols/adapter';
import { FakeAdapter } from '../test-support/fake-adapter';
import type { LineNote } from '../wording/otr-lines';
import { OtrLayer, type LineOutcome, type OtrIdentity, type SendStatus } from './otr-layer';
import type { FingerprintStatus } from '../keys';

interface Side {
  layer: OtrLayer;
  adapter: FakeAdapter;
  messages: { peer: string; text: string; encrypted: boolean; verified: boolean }[];
  notes: LineNote[];
  lines: { ids: number[]; outcome: LineOutcome }[];
  inbox: IncomingMessage[];
  policy: PolicyLevel;
  /** Runs as the layer reports a state change, synchronously. */
  onState?: () => void;
}

function identity(
  key = ALICE_KEY,
  tag = 0x111,
  known: Record<string, string> = {},
): OtrIdentity & { verified: Set<string> } {
  const seen = new Map(Object.entries(known));
  const verified = new Set<string>();
  return {
    verified,
    verifiedBySmp: async (peer, fp) => void verified.add(`${peer} ${fp}`),
    key,
    instanceTag: tag,
    observeFingerprint(peer, fp): FingerprintStatus {
      const before = seen.get(peer);
      seen.set(peer, fp);
      return before === undefined ? 'new' : before === fp ? 'known-unverified' : 'changed';
    },
    isVerified: (peer, fp) => verified.has(`${peer} ${fp}`),
    hasVerified: (peer) => [...verified].some((v) => v.startsWith(`${peer} `)),
    keyChanged: (peer, fp) => seen.get(peer) !== undefined && seen.get(peer) !== fp,
  };
}

function side(
  name: string,
  id: OtrIdentity,
  policy: PolicyLevel,
  adapter = new FakeAdapter(name),
  clock = new ManualClock(),
): Side {
  const s: Side = { adapter, messages: [], notes: [], lines: [], inbox: [], policy, layer: undefined as never };
  let nextId = 1;
  s.layer = new OtrLayer({
    accountName: name,
    adapter,
    identity: id,
    env: testEnv(name, clock),
    policyFor: () => s.policy,
    logger: { log: () => undefined },
    newMessageId: () => nextId++,
    events: {
      message: (peer, { text, encrypted, verified }) => void s.messages.push({ peer, text, encrypted, verified }),
      note: (_peer, note) => void s.notes.push(note),
      state: () => s.onState?.(),
      lines: (_peer, ids, outcome) => void s.lines.push({ ids, outcome }),
      otrEvent: () => undefined,
    },
  });
  return s;
}

/** The user of `s` sends `text` and waits until it left. */
const send = (s: Side, peer: string, text: string): Promise<SendStatus> => s.layer.send(peer, text).done;

/** Links two sides; messages queue up and flow() delivers them until quiet. */
function link(a: Side, b: Side) {
  a.adapter.deliver = (m) => b.inbox.push(m);
  b.adapter.deliver = (m) => a.inbox.push(m);
  return async () => {
    for (let i = 0; i < 100 && (a.inbox.length || b.inbox.length); i++) {
      for (const s of [a, b]) {
        const batch = s.inbox.splice(0);
        for (const m of batch) await s.layer.receive(m);
      }
    }
  };
}

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

  it('marks a received message verified by the key of the login that sent it, not by the one messages go to', async () => {
    const aliceId = identity(ALICE_KEY, 0x111);
    const alice = side('alice', aliceId, 'manual');
    // Bob signed in twice, with two keys; only the first is verified.
    const login = (tag: number, key: typeof BOB_KEY) =>
      createConversation({
        env: testEnv(`bob${tag}`),
        ourKey: key,
        ourTag: tag,
        policy: policyForLevel('manual'),
        accountName: 'bob',
      });
    const phone = login(0xb001, BOB_KEY);
    const laptop = login(0xb002, ALICE_KEY);
    aliceId.verified.add(`bob ${toHex(fingerprint(BOB_KEY))}`);
    const toAlice = async (texts: readonly { text: string }[]) => {
      for (const { text } of texts) await alice.layer.receive({ peer: 'bob', body: text, time: new Date() });
    };
    alice.adapter.deliver = (m) => {
      for (const conv of [phone, laptop]) void toAlice(conv.receive(m.body).send);
    };
    await toAlice(laptop.start().send);
    await toAlice(phone.start().send);
    await new Promise((r) => setTimeout(r, 50));
    expect(alice.layer.status('bob')).toMatchObject({ state: 'encrypted', verified: true });
    await toAlice(laptop.send('from the laptop').send);
    await toAlice(phone.send('from the phone').send);
    expect(alice.messages.map((m) => [m.text, m.verified])).toEqual([
      ['from the laptop', false],
      ['from the phone', true],
    ]);
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

  it('flags a changed fingerprint loudly', async () => {
    const alice = side('alice', identity(ALICE_KEY, 0x111, { bob: 'ff'.repeat(20) }), 'manual');
    const bob = side('bob', identity(BOB_KEY, 0x222), 'manual');
    const flow = link(alice, bob);
    await alice.layer.start('bob');
    await flow();
    expect(alice.notes.find((n) => n.level === 'error')?.text).toMatch(/key has CHANGED/);
  });

  it('runs SMP with a question: the asker marks the buddy verified, the answerer is told to ask back', async () => {
    const aliceId = identity(ALICE_KEY, 0x111);
    const bobId = identity(BOB_KEY, 0x222);
    const alice = side('alice', aliceId, 'manual');
    const bob = side('bob', bobId, 'manual');
    const flow = link(alice, bob);
    await alice.layer.start('bob');
    await flow();
    await alice.layer.smp('bob', { start: { secret: 'blue', question: 'Favourite colour?' } });
    await flow();
    expect(bob.notes.map((n) => n.text)).toContain('alice wants to authenticate you and asks: Favourite colour?');
    await bob.layer.smp('alice', { respond: 'blue' });
    await flow();
    expect(alice.layer.status('bob').verified).toBe(true);
    expect(bob.layer.status('alice').verified).toBe(false);
    expect(alice.notes.map((n) => n.text)).toContain('Authentication succeeded: bob is verified.');
    expect(bob.notes.map((n) => n.text).join('\n')).toMatch(/Ask your own question/);
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
