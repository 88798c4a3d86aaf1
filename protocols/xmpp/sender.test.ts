import type { Element } from './test-support/stanza';
import { describe, expect, it } from 'vitest';
import type { AdapterEvents, ConnectionState } from '../adapter';
import { MAX_QUEUED, type OutgoingMessage } from './outbox';
import { Sender } from './sender';

function setup(initial: ConnectionState['state'] = 'online') {
  const written: Element[] = [];
  const failed: AdapterEvents['send.failed'][] = [];
  let state: ConnectionState = { state: initial } as ConnectionState;
  let active = initial !== 'offline';
  let writable = true;
  const sender = new Sender({
    write: async (el) => {
      if (!writable) throw new Error('socket closed');
      written.push(el);
    },
    state: () => state,
    active: () => active,
    roomReady: () => true,
    ownJid: () => 'a@x/r',
    emit: (event, payload) => {
      if (event === 'send.failed') failed.push(payload as AdapterEvents['send.failed']);
    },
  });
  return {
    sender,
    written,
    failed,
    set: (s: ConnectionState['state'], a = s !== 'offline') => {
      state = { state: s } as ConnectionState;
      active = a;
    },
    setWritable: (w: boolean) => {
      writable = w;
    },
  };
}

let n = 0;
const message = (body: string): OutgoingMessage => ({ id: `m${++n}`, kind: 'chat', peer: 'b@x', body, otr: false, createdAt: new Date(), attempts: 0 });
const bodies = (els: Element[]) => els.map((e) => e.getChildText('body'));
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('Sender', () => {
  it('sends at once when online', async () => {
    const t = setup();
    expect(await t.sender.send(message('now'))).toEqual({ status: 'sent' });
    expect(bodies(t.written)).toEqual(['now']);
  });

  it('queues while reconnecting and sends in order, with the original time, once back', async () => {
    const t = setup('reconnecting');
    expect(await t.sender.send(message('one'))).toEqual({ status: 'queued' });
    expect(await t.sender.send(message('two'))).toEqual({ status: 'queued' });
    t.set('online');
    t.sender.flush();
    expect(await t.sender.send(message('three'))).toEqual({ status: 'queued' }); // behind the others
    await tick();
    await tick();
    expect(bodies(t.written)).toEqual(['one', 'two', 'three']);
    expect(t.written[0]?.getChild('delay', 'urn:xmpp:delay')).toBeDefined();
  });

  it('keeps a message whose write failed under it, when the account still wants to be online', async () => {
    const t = setup();
    t.setWritable(false);
    expect(await t.sender.send(message('lost?'))).toEqual({ status: 'queued' });
    t.setWritable(true);
    t.sender.flush();
    await tick();
    expect(bodies(t.written)).toEqual(['lost?']);
  });

  it('refuses when offline, and when the queue is full', async () => {
    await expect(setup('offline').sender.send(message('x'))).rejects.toMatchObject({ kind: 'network' });
    const t = setup('reconnecting');
    for (let i = 0; i < MAX_QUEUED; i++) await t.sender.send(message(`q${i}`));
    await expect(t.sender.send(message('one too many'))).rejects.toMatchObject({ kind: 'network' });
  });

  it('resends what stream management could not confirm, and reports it after three tries', async () => {
    const t = setup();
    const m = message('unconfirmed');
    await t.sender.send(m);
    const stanza = t.written[0] as Element;
    t.sender.onUnacknowledged(stanza);
    await tick();
    t.sender.onUnacknowledged(t.written[1] as Element);
    await tick();
    expect(bodies(t.written)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed']);
    expect(t.written.every((e) => e.attrs.id === m.id)).toBe(true);
    t.sender.onUnacknowledged(t.written[2] as Element);
    expect(t.failed).toEqual([{ peer: 'b@x', body: 'unconfirmed', reason: 'The server did not confirm it after several attempts.' }]);
  });

  it('reports everything still waiting when the account stops', async () => {
    const t = setup('reconnecting');
    await t.sender.send(message('a'));
    await t.sender.send(message('b'));
    t.set('offline', false);
    t.sender.failAll('Signed off.');
    expect(t.failed.map((f) => [f.body, f.reason])).toEqual([
      ['a', 'Not sent: Signed off.'],
      ['b', 'Not sent: Signed off.'],
    ]);
  });
});
