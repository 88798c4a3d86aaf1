import { describe, expect, it } from 'vitest';
import { MAX_QUEUED } from './outbox';
import { bodies, chat, senderScene } from './test-support/sender-scene';
import type { Element } from './test-support/stanza';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Sender', () => {
  it('sends at once when online', async () => {
    const t = senderScene();
    expect(await t.sender.send(chat('now'))).toEqual({ status: 'sent' });
    expect(bodies(t.written)).toEqual(['now']);
  });

  it('queues while reconnecting and sends in order, with the original time, once back', async () => {
    const t = senderScene('reconnecting');
    expect(await t.sender.send(chat('one'))).toEqual({ status: 'queued' });
    expect(await t.sender.send(chat('two'))).toEqual({ status: 'queued' });
    t.set('online');
    t.sender.flush();
    expect(await t.sender.send(chat('three'))).toEqual({ status: 'queued' }); // behind the others
    await tick();
    await tick();
    expect(bodies(t.written)).toEqual(['one', 'two', 'three']);
    expect(t.written[0]?.getChild('delay', 'urn:xmpp:delay')).toBeDefined();
  });

  it('keeps a message whose write failed under it, when the account still wants to be online', async () => {
    const t = senderScene();
    t.setWritable(false);
    expect(await t.sender.send(chat('lost?'))).toEqual({ status: 'queued' });
    t.setWritable(true);
    t.sender.flush();
    await tick();
    expect(bodies(t.written)).toEqual(['lost?']);
  });

  it('refuses when offline, and when the queue is full', async () => {
    await expect(senderScene('offline').sender.send(chat('x'))).rejects.toMatchObject({ kind: 'network' });
    const t = senderScene('reconnecting');
    for (let i = 0; i < MAX_QUEUED; i++) await t.sender.send(chat(`q${i}`));
    await expect(t.sender.send(chat('one too many'))).rejects.toMatchObject({ kind: 'network' });
  });

  it('resends what stream management could not confirm, and reports it after three tries', async () => {
    const t = senderScene();
    const m = chat('unconfirmed');
    await t.sender.send(m);
    const stanza = t.written[0] as Element;
    t.sender.onUnacknowledged(stanza);
    await tick();
    t.sender.onUnacknowledged(t.written[1] as Element);
    await tick();
    expect(bodies(t.written)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed']);
    expect(t.written.every((e) => e.attrs.id === m.id)).toBe(true);
    t.sender.onUnacknowledged(t.written[2] as Element);
    expect(t.failed).toEqual([
      { peer: 'b@x', body: 'unconfirmed', reason: 'The server did not confirm it after several attempts.' },
    ]);
  });

  it('reports everything still waiting when the account stops', async () => {
    const t = senderScene('reconnecting');
    await t.sender.send(chat('a'));
    await t.sender.send(chat('b'));
    t.set('offline', false);
    t.sender.failAll('Signed off.');
    expect(t.failed.map((f) => [f.body, f.reason])).toEqual([
      ['a', 'Not sent: Signed off.'],
      ['b', 'Not sent: Signed off.'],
    ]);
  });
});
