/**
 * What XEP-0198 reports as never acknowledged, after a reconnection that could
 * not resume: sent again in the order it was first sent, with its first time
 * (XEP-0203), even when the outbox has forgotten it; reported only after
 * attempts that reached the wire.
 */
import { describe, expect, it } from 'vitest';
import { chatMessage, sentMessage } from './stanzas';
import { bodies, chat, senderScene } from './test-support/sender-scene';
import type { Element } from './test-support/stanza';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Sender: what the server never acknowledged', () => {
  it('goes out again in the order it was first sent, before what was written while down', async () => {
    const t = senderScene();
    const sameMillisecond = new Date();
    for (const body of ['one', 'two', 'three']) await t.sender.send(chat(body, sameMillisecond));
    t.set('reconnecting');
    await t.sender.send(chat('while down'));
    // Stream management reports them one at a time, oldest first.
    for (const stanza of t.written.slice(0, 3)) t.sender.onUnacknowledged(stanza);
    await settle();
    t.set('online');
    t.sender.flush();
    await settle();
    expect(bodies(t.written.slice(3))).toEqual(['one', 'two', 'three', 'while down']);
    const stamps = t.written.slice(3, 6).map((e) => e.getChild('delay', 'urn:xmpp:delay')?.attrs.stamp);
    expect(stamps).toEqual(Array(3).fill(sameMillisecond.toISOString()));
  });

  it('is read back from its stanza when the outbox has forgotten it, never dropped', async () => {
    const t = senderScene();
    await t.sender.send(chat('long ago'));
    const first = t.written[0] as Element;
    for (let i = 0; i < 300; i++) await t.sender.send(chat(`later ${i}`)); // pushes it out of the outbox's memory
    t.sender.onUnacknowledged(first);
    await settle();
    const again = t.written.at(-1) as Element;
    expect(again.getChildText('body')).toBe('long ago');
    expect(again.attrs.id).toBe(first.attrs.id);
    expect(again.getChild('delay', 'urn:xmpp:delay')).toBeDefined();
    expect(t.failed).toEqual([]);
  });

  it('counts as attempts only writes that reached the wire', async () => {
    const t = senderScene();
    const m = chat('patient');
    t.setWritable(false);
    expect(await t.sender.send(m)).toEqual({ status: 'queued' });
    for (let i = 0; i < 5; i++) {
      t.sender.flush(); // refused by a closed socket: not an attempt
      await settle();
    }
    expect(m.attempts).toBe(0);
    t.setWritable(true);
    t.sender.flush();
    await settle();
    expect(bodies(t.written)).toEqual(['patient']);
    expect(m.attempts).toBe(1);
  });
});

describe('sentMessage', () => {
  it('reads back the peer, instance, body, OTR hints and first time of one of our messages', () => {
    const createdAt = new Date('2024-05-06T07:08:09.010Z');
    const stanza = chatMessage({
      to: 'b@x/phone',
      body: '?OTR:AAM',
      id: 'id-1',
      type: 'chat',
      otr: true,
      delayedSince: createdAt,
      from: 'a@x/r',
    });
    expect(sentMessage(stanza)).toEqual({
      id: 'id-1',
      kind: 'chat',
      peer: 'b@x',
      instance: 'phone',
      body: '?OTR:AAM',
      otr: true,
      createdAt,
      attempts: 1,
    });
    const room = chatMessage({ to: 'room@muc.x', body: 'hi', id: 'id-2', type: 'groupchat' });
    const now = new Date();
    expect(sentMessage(room, now)).toEqual({
      id: 'id-2',
      kind: 'group',
      peer: 'room@muc.x',
      body: 'hi',
      otr: false,
      createdAt: now,
      attempts: 1,
    });
  });
});
