/**
 * One-to-one messages through a real Prosody: both ways, exactly as sent (a
 * 60 kB body in many-byte characters, markup, an OTR whitespace tag), to a
 * chosen resource, the XEP-0364 hints on OTR data as the receiving client gets
 * them, carbon copies between two resources of one account (XEP-0280), and a
 * bounce reported as send.failed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { account, sleep, type Recorded } from './test-support/harness';
import { rawLogin, type RawXmpp } from './test-support/raw-xmpp';

describe('XMPP messages against Prosody', () => {
  let server: ProsodyServer;
  let alice: Recorded;
  let alicePhone: Recorded;
  let bob: Recorded;
  let dave: RawXmpp;
  const jid = (name: string) => `${name}@${server.domain}`;

  beforeAll(async () => {
    server = await startProsody({ users: ['alice', 'bob', 'dave'].map((name) => ({ name, password: `${name}-pw` })) });
    alice = account(server, 'alice', 'alice-pw', { resource: 'desk' });
    alicePhone = account(server, 'alice', 'alice-pw', { resource: 'phone' });
    bob = account(server, 'bob', 'bob-pw', { resource: 'home' });
    await Promise.all([alice, alicePhone, bob].map((a) => a.adapter.connect()));
    dave = await rawLogin(server.host, server.port, server.domain, 'dave', 'dave-pw', 'raw');
    // Carbons are enabled by an iq right after login; give the answers a moment.
    await sleep(200);
  });
  afterAll(async () => {
    dave?.close();
    await Promise.all([alice, alicePhone, bob].map((a) => a?.adapter.disconnect()));
    await server?.dispose();
  });

  it('delivers a message from alice to bob with her resource and a time', async () => {
    const before = Date.now();
    expect(await alice.adapter.sendMessage(jid('bob'), 'Hello Bob')).toEqual({ status: 'sent' });
    const m = await bob.next('message', (x) => x.body === 'Hello Bob');
    expect(m).toMatchObject({ peer: jid('alice'), instance: 'desk', body: 'Hello Bob' });
    expect(m.carbon).toBeUndefined();
    expect(m.time.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('delivers bob’s answer to the resource he chose, with markup and an OTR whitespace tag unchanged', async () => {
    const body =
      'Hi <b>Alice</b> & "co" \u00a0\u2014 ok \x20\x09\x20\x20\x09\x09\x09\x09\x20\x09\x20\x09\x20\x09\x20\x20\x20\x20\x09\x09\x20\x20\x09\x09';
    await bob.adapter.sendMessage(jid('alice'), body, { instance: 'desk' });
    const m = await alice.next('message', (x) => x.body === body && x.carbon === undefined);
    expect(m).toMatchObject({ peer: jid('bob'), instance: 'home', body });
  });

  it('carries a 60 kB message of many-byte characters in one piece', async () => {
    const unit = 'Zürich — 東京 — 🦊 ';
    let body = '';
    while (Buffer.byteLength(body + unit) <= 60_000) body += unit;
    expect(Buffer.byteLength(body)).toBeGreaterThan(59_900);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(alice.adapter.maxMessageBytes);
    await alice.adapter.sendMessage(jid('bob'), body);
    const m = await bob.next('message', (x) => x.body.length === body.length);
    expect(m.body === body).toBe(true);
    expect(bob.events.dropped).toEqual([]);
  });

  it('puts the XEP-0364 hints on OTR messages, as the receiving client sees them, and not on others', async () => {
    let mark = dave.received().length;
    await alice.adapter.sendMessage(jid('dave'), '?OTR:AAMDdata.', { otr: true, instance: 'raw' });
    const [otr] = await dave.waitFor(
      /<message[^>]*>(?:(?!<\/message>)[\s\S])*\?OTR:AAMDdata\.(?:(?!<\/message>)[\s\S])*<\/message>/,
      10_000,
      mark,
    );
    expect(otr).toMatch(new RegExp(`to=['"]${jid('dave')}/raw['"]`));
    expect(otr).toMatch(/<no-store xmlns=['"]urn:xmpp:hints['"]\/>/);
    expect(otr).toMatch(/<no-copy xmlns=['"]urn:xmpp:hints['"]\/>/);
    // The XEP-0280 <private/> is for our server, which removes it before delivery
    // (§7); that the server honoured it is the carbons test below.
    mark = dave.received().length;
    await alice.adapter.sendMessage(jid('dave'), 'plain words', { instance: 'raw' });
    const [plain] = await dave.waitFor(
      /<message(?:(?!<\/message>)[\s\S])*plain words(?:(?!<\/message>)[\s\S])*<\/message>/,
      10_000,
      mark,
    );
    expect(plain).not.toMatch(/urn:xmpp:hints|<private/);
  });

  it('gives the other resource a "received" carbon of a message to this one', async () => {
    await bob.adapter.sendMessage(jid('alice'), 'for your desk', { instance: 'desk' });
    await alice.next('message', (m) => m.body === 'for your desk' && m.carbon === undefined);
    const carbon = await alicePhone.next('message', (m) => m.body === 'for your desk');
    expect(carbon).toMatchObject({ peer: jid('bob'), instance: 'home', carbon: 'received' });
  });

  it('gives the other resource a "sent" carbon naming the peer, but none of an OTR message', async () => {
    await alice.adapter.sendMessage(jid('bob'), '?OTR:secret.', { otr: true, instance: 'home' });
    await alice.adapter.sendMessage(jid('bob'), 'sent from the desk', { instance: 'home' });
    const carbon = await alicePhone.next('message', (m) => m.body === 'sent from the desk');
    expect(carbon).toMatchObject({ peer: jid('bob'), instance: 'home', carbon: 'sent' });
    await bob.next('message', (m) => m.body === 'sent from the desk');
    expect(alicePhone.events.message.some((m) => m.body === '?OTR:secret.')).toBe(false);
    expect(bob.events.message.some((m) => m.body === '?OTR:secret.')).toBe(true);
  });

  it('reports a message the server bounces as send.failed', async () => {
    await alice.adapter.sendMessage(jid('nobody'), 'anyone there?');
    const failed = await alice.next('send.failed');
    expect(failed).toMatchObject({ peer: jid('nobody'), body: 'anyone there?' });
    expect(failed.reason).toMatch(/^Not delivered: /);
  });

  it('refuses what XMPP cannot carry instead of breaking the stream', async () => {
    await expect(alice.adapter.sendMessage(jid('bob'), 'nul \u0000 here')).rejects.toMatchObject({
      kind: 'protocol',
      message: expect.stringContaining('U+0000'),
    });
    await expect(alice.adapter.sendMessage(jid('bob'), 'x'.repeat(300 * 1024))).rejects.toMatchObject({
      kind: 'protocol',
      message: expect.stringContaining('too long'),
    });
    await expect(alice.adapter.sendMessage(jid('bob'), 'hi', { instance: 'bell\u0007' })).rejects.toMatchObject({
      kind: 'config',
    });
    await expect(alice.adapter.sendMessage('bob@@localhost', 'hi')).rejects.toMatchObject({ kind: 'config' });
    await alice.adapter.sendMessage(jid('bob'), 'still fine');
    await bob.next('message', (m) => m.body === 'still fine');
  });

  it('never writes a message body (or a password) into the log', () => {
    for (const r of [alice, alicePhone, bob]) {
      const log = r.logs.join('\n');
      for (const secret of [
        'Hello Bob',
        'for your desk',
        'sent from the desk',
        '?OTR:secret.',
        'anyone there?',
        'still fine',
        'alice-pw',
        'bob-pw',
      ]) {
        expect(log).not.toContain(secret);
      }
    }
  });
});
