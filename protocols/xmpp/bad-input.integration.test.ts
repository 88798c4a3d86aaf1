/**
 * Bad input reaching the adapter through a real Prosody from a raw client
 * ("mallory"): unexpected children, a forged carbon copy, stanzas far larger
 * than any message, floods of presence and subscription requests, invalid
 * UTF-8. The adapter keeps working and reports what it dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { account, type Recorded } from './test-support/harness';
import { rawLogin, type RawXmpp } from './test-support/raw-xmpp';

describe('XMPP adapter under bad input from the network (through Prosody)', () => {
  let server: ProsodyServer;
  let alice: Recorded;
  let mallory: RawXmpp;
  let aliceFull: string;
  let n = 0;
  const jid = (name: string) => `${name}@${server.domain}`;

  /** Sends a plain message from mallory and waits until alice has it: proof she still works. */
  async function stillWorks(): Promise<void> {
    const body = `still there ${++n}`;
    mallory.send(`<message to='${aliceFull}' type='chat' id='ok${n}'><body>${body}</body></message>`);
    await alice.next('message', (m) => m.body === body, 15_000);
  }

  beforeAll(async () => {
    server = await startProsody({ users: ['alice', 'mallory'].map((name) => ({ name, password: `${name}-pw` })) });
    alice = account(server, 'alice', 'alice-pw', { resource: 'desk' });
    await alice.adapter.connect();
    aliceFull = `${jid('alice')}/desk`;
    mallory = await rawLogin(server.host, server.port, server.domain, 'mallory', 'mallory-pw', 'raw');
  });
  afterAll(async () => {
    mallory?.close();
    await alice?.adapter.disconnect();
    await server?.dispose();
  });

  it('reads the body of a message with unexpected children, several bodies and odd attributes', async () => {
    mallory.send(
      `<message to='${aliceFull}' type='chat' id='x1'><weird xmlns='urn:example:weird'><deep><deeper a='1'/></deep></weird>` +
        `<body xml:lang='fr'>bonjour</body><body>hello</body><subject>s</subject><thread>t</thread></message>`,
    );
    expect(await alice.next('message', (m) => m.peer === jid('mallory'))).toMatchObject({
      body: 'hello',
      instance: 'raw',
    });
    mallory.send(`<message to='${aliceFull}' type='bogus-type' id='x2'><body>typed oddly</body></message>`);
    await alice.next('message', (m) => m.body === 'typed oddly');
    mallory.send(
      `<message to='${aliceFull}' type='chat'><nobody/></message><message to='${aliceFull}' type='chat'><body/></message>`,
    );
    await stillWorks();
  });

  it('ignores a carbon copy forged by someone else, and says so', async () => {
    mallory.send(
      `<message to='${aliceFull}' type='chat'><received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>` +
        `<message from='${jid('bob')}/x' to='${aliceFull}' type='chat'><body>forged</body></message></forwarded></received></message>`,
    );
    const dropped = await alice.next('dropped', (d) => d.reason.includes('forged carbon'));
    expect(dropped.reason).toContain(jid('mallory'));
    expect(alice.events.message.some((m) => m.body === 'forged')).toBe(false);
    await stillWorks();
  });

  it('drops a 9 MB stanza with a report, and keeps working', async () => {
    const huge = 'A'.repeat(9 * 1024 * 1024);
    mallory.send(`<message to='${aliceFull}' type='chat' id='huge'><body>${huge}</body></message>`);
    const dropped = await alice.next('dropped', (d) => d.reason.includes('larger than'), 20_000);
    expect(dropped.reason).toMatch(
      /<message> from mallory@localhost\/raw larger than 1024 KiB \(92\d\d KiB\) was dropped/,
    );
    expect(alice.events.message.some((m) => m.body.length > 1000)).toBe(false);
    expect(alice.adapter.state).toEqual({ state: 'online' });
    await stillWorks();
  }, 30_000);

  it('drops a stanza nested thousands of levels deep without overflowing the stack', async () => {
    const depth = 20_000;
    mallory.send(
      `<message to='${aliceFull}' type='chat' id='deep'><body>deep</body>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</message>`,
    );
    await alice.next('dropped', (d) => d.reason.includes('nested deeper'), 15_000);
    await stillWorks();
  });

  it('turns a flood of 3000 presence updates into a few events, ending with the newest, and reports it', async () => {
    const since = alice.count('presence');
    let flood = '';
    for (let i = 0; i < 3000; i++)
      flood += `<presence to='${aliceFull}'><show>away</show><status>update ${i}</status></presence>`;
    mallory.send(flood);
    const report = await alice.next('dropped', (d) => d.reason.startsWith('Presence flood'), 15_000);
    expect(report.reason).toMatch(/Presence flood: \d+ update\(s\) replaced by newer ones/);
    await alice.next('presence', (p) => p.status === 'update 2999', 15_000, since);
    const seen = alice.events.presence.slice(since).filter((p) => p.peer === jid('mallory'));
    expect(seen.length).toBeLessThan(3000);
    expect(seen.at(-1)).toEqual({ peer: jid('mallory'), instance: 'raw', availability: 'away', status: 'update 2999' });
    await stillWorks();
  }, 30_000);

  it('hears a flood of 500 subscription requests as one request', async () => {
    // Prosody already forwards only the first while one is pending (RFC 6121
    // §3.1.3); the adapter's own merging is covered in flood-gate.test.ts.
    const since = alice.count('subscription');
    mallory.send(`<presence to='${jid('alice')}' type='subscribe'/>`.repeat(500));
    await alice.next('subscription', (s) => s.peer === jid('mallory'), 10_000, since);
    await stillWorks();
    expect(alice.events.subscription.slice(since)).toEqual([{ peer: jid('mallory'), kind: 'request' }]);
  }, 30_000);

  it('is unaffected when the server cuts off a client that sends invalid UTF-8', async () => {
    const bad = Buffer.concat([
      Buffer.from(`<message to='${aliceFull}' type='chat'><body>`),
      Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
      Buffer.from('</body></message>'),
    ]);
    const vandal = await rawLogin(server.host, server.port, server.domain, 'mallory', 'mallory-pw', 'vandal');
    vandal.send(bad);
    await vandal.waitFor(/<\/stream:stream>|stream:error/, 10_000).catch(() => undefined);
    vandal.close();
    await stillWorks();
    expect(alice.adapter.state).toEqual({ state: 'online' });
  });
});
