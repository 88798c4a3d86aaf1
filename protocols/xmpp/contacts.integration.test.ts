/**
 * Buddies between real accounts on Prosody: asking, approving and denying
 * subscriptions, the roster with groups (at login and by pushes), presence
 * both ways with show and status, and removing a buddy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { account, type Recorded } from './test-support/harness';

describe('XMPP roster, presence and subscriptions against Prosody', () => {
  let server: ProsodyServer;
  let alice: Recorded;
  let bob: Recorded;
  let carol: Recorded;
  const others: Recorded[] = [];
  const jid = (name: string) => `${name}@${server.domain}`;

  beforeAll(async () => {
    server = await startProsody({ users: ['alice', 'bob', 'carol'].map((name) => ({ name, password: `${name}-pw` })) });
    [alice, bob, carol] = ['alice', 'bob', 'carol'].map((name) =>
      account(server, name, `${name}-pw`, { resource: 'desk' }),
    ) as [Recorded, Recorded, Recorded];
    await Promise.all([alice, bob, carol].map((a) => a.adapter.connect()));
    // The roster of a fresh account arrives (empty) right after login.
    await Promise.all([alice, bob, carol].map((a) => a.next('roster')));
  });
  afterAll(async () => {
    await Promise.all([alice, bob, carol, ...others].map((a) => a?.adapter.disconnect()));
    await server?.dispose();
  });

  it('asks bob to share presence: the roster shows him pending in his group, and bob is asked', async () => {
    await alice.adapter.addBuddy(jid('bob'), { name: 'Bob', groups: ['Friends', 'Work'] });
    const roster = await alice.next('roster', (r) => r.some((e) => e.peer === jid('bob') && e.pending === true));
    expect(roster.find((e) => e.peer === jid('bob'))).toEqual({
      peer: jid('bob'),
      name: 'Bob',
      groups: ['Friends', 'Work'],
      subscription: 'none',
      pending: true,
    });
    expect(await bob.next('subscription')).toEqual({ peer: jid('alice'), kind: 'request' });
  });

  it('bob approves: alice hears it, her roster says "to", and she sees bob online', async () => {
    await bob.adapter.answerSubscription(jid('alice'), true);
    expect(await alice.next('subscription', (s) => s.peer === jid('bob'))).toEqual({
      peer: jid('bob'),
      kind: 'approved',
    });
    await alice.next('roster', (r) => r.some((e) => e.peer === jid('bob') && e.subscription === 'to' && !e.pending));
    expect(alice.adapter.roster().find((e) => e.peer === jid('bob'))?.subscription).toBe('to');
    // (Prosody first says the bare JID is unavailable, then sends each resource's presence.)
    expect(await alice.next('presence', (p) => p.peer === jid('bob') && p.availability !== 'offline')).toEqual({
      peer: jid('bob'),
      instance: 'desk',
      availability: 'available',
    });
  });

  it("sends bob's away, dnd, xa and available with status text to alice", async () => {
    for (const [availability, status] of [
      ['away', 'at lunch'],
      ['dnd', 'in a meeting'],
      ['xa', 'on holiday'],
      ['available', undefined],
    ] as const) {
      const since = alice.count('presence');
      await bob.adapter.setPresence(availability, status);
      const p = await alice.next('presence', (x) => x.peer === jid('bob'), 10_000, since);
      expect(p).toEqual(
        status === undefined
          ? { peer: jid('bob'), instance: 'desk', availability }
          : { peer: jid('bob'), instance: 'desk', availability, status },
      );
    }
  });

  it('a second login of alice gets the roster with groups from the server', async () => {
    const again = account(server, 'alice', 'alice-pw', { resource: 'laptop' });
    others.push(again);
    await again.adapter.connect();
    const roster = await again.next('roster');
    expect(roster).toEqual([{ peer: jid('bob'), name: 'Bob', groups: ['Friends', 'Work'], subscription: 'to' }]);
    // and the presence of the buddies she is subscribed to
    expect(await again.next('presence', (p) => p.peer === jid('bob') && p.availability !== 'offline')).toMatchObject({
      availability: 'available',
    });
    await again.adapter.disconnect();
  });

  it('carol denies: alice is told "denied"', async () => {
    await alice.adapter.addBuddy(jid('carol'));
    await carol.next('subscription', (s) => s.peer === jid('alice') && s.kind === 'request');
    await alice.next('roster', (r) => r.some((e) => e.peer === jid('carol') && e.pending === true));
    const rosterSince = alice.count('roster');
    await carol.adapter.answerSubscription(jid('alice'), false);
    expect(await alice.next('subscription', (s) => s.peer === jid('carol'))).toEqual({
      peer: jid('carol'),
      kind: 'denied',
    });
    await alice.next(
      'roster',
      (r) => r.some((e) => e.peer === jid('carol') && e.subscription === 'none' && !e.pending),
      10_000,
      rosterSince,
    );
  });

  it('bob going offline is seen by alice', async () => {
    const since = alice.count('presence');
    await bob.adapter.disconnect();
    expect(await alice.next('presence', (p) => p.peer === jid('bob'), 10_000, since)).toEqual({
      peer: jid('bob'),
      instance: 'desk',
      availability: 'offline',
    });
    await bob.adapter.connect();
  });

  it('removing bob takes him off the roster and tells bob', async () => {
    const since = bob.count('subscription');
    const rosterSince = alice.count('roster');
    await alice.adapter.removeBuddy(jid('bob'));
    await alice.next('roster', (r) => !r.some((e) => e.peer === jid('bob')), 10_000, rosterSince);
    expect(alice.adapter.roster().map((e) => e.peer)).toEqual([jid('carol')]);
    expect(await bob.next('subscription', (s) => s.peer === jid('alice'), 10_000, since)).toEqual({
      peer: jid('alice'),
      kind: 'removed',
    });
  });

  it('refuses a buddy address that is not one, and roster changes while offline', async () => {
    await expect(alice.adapter.addBuddy('not an address')).rejects.toMatchObject({ kind: 'config' });
    await expect(carol.adapter.setPresence('invisible')).rejects.toMatchObject({ kind: 'protocol' });
    const offline = account(server, 'carol', 'carol-pw');
    others.push(offline);
    await expect(offline.adapter.addBuddy(jid('alice'))).rejects.toMatchObject({ kind: 'network' });
  });
});
