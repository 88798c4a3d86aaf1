import { describe, expect, it } from 'vitest';
import { parseMessage, timeOf } from './incoming-message';
import { parsePresence } from './incoming-presence';
import { stanza } from './test-support/stanza';

const NOW = new Date('2026-01-02T03:04:05.000Z');
const OWN = 'me@example.org';

describe('parseMessage', () => {
  it('reads a chat message: bare peer, resource as instance, body exactly as sent', () => {
    const m = parseMessage(
      stanza(`<message from='Bob@Example.org/Phone' type='chat' id='i1'><body> hi &lt;b&gt; </body></message>`),
      OWN,
      NOW,
    );
    expect(m).toEqual({
      kind: 'chat',
      id: 'i1',
      message: { peer: 'bob@example.org', instance: 'Phone', body: ' hi <b> ', time: NOW },
    });
  });

  it('takes the body without a language first, and ignores messages without one', () => {
    expect(
      parseMessage(
        stanza(`<message from='a@b/c'><body xml:lang='de'>hallo</body><body>hello</body></message>`),
        OWN,
        NOW,
      ),
    ).toMatchObject({ message: { body: 'hello' } });
    expect(
      parseMessage(
        stanza(`<message from='a@b/c'><active xmlns='http://jabber.org/protocol/chatstates'/></message>`),
        OWN,
        NOW,
      ),
    ).toEqual({ kind: 'none' });
  });

  it('marks headlines as notices, never to be answered', () => {
    expect(
      parseMessage(stanza(`<message from='news.example' type='headline'><body>news</body></message>`), OWN, NOW),
    ).toMatchObject({ message: { peer: 'news.example', notice: true } });
  });

  it('uses the XEP-0203 delay as the time, unless it is in the future or nonsense', () => {
    const delayed = (stamp: string) =>
      stanza(`<message from='a@b'><body>x</body><delay xmlns='urn:xmpp:delay' stamp='${stamp}'/></message>`);
    expect(timeOf(delayed('2025-12-31T23:00:00Z'), NOW)).toEqual(new Date('2025-12-31T23:00:00Z'));
    expect(timeOf(delayed('2030-01-01T00:00:00Z'), NOW)).toEqual(NOW);
    expect(timeOf(delayed('yesterday'), NOW)).toEqual(NOW);
  });

  it('reads sent and received carbons from our own account, with the peer on the other side', () => {
    const received = stanza(
      `<message from='${OWN}' to='${OWN}/desk'><received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>` +
        `<message from='bob@example.org/home' to='${OWN}/phone' type='chat' id='c1'><body>to the phone</body></message></forwarded></received></message>`,
    );
    expect(parseMessage(received, OWN, NOW)).toEqual({
      kind: 'chat',
      id: 'c1',
      message: { peer: 'bob@example.org', instance: 'home', body: 'to the phone', time: NOW, carbon: 'received' },
    });
    const sent = stanza(
      `<message from='${OWN}'><sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'>` +
        `<message from='${OWN}/phone' to='bob@example.org' type='chat'><body>from the phone</body></message></forwarded></sent></message>`,
    );
    expect(parseMessage(sent, OWN, NOW)).toMatchObject({
      kind: 'chat',
      message: { peer: 'bob@example.org', body: 'from the phone', carbon: 'sent' },
    });
  });

  it('drops a carbon from anyone but our own bare JID (XEP-0280 §11)', () => {
    const forged = (from: string) =>
      stanza(
        `<message from='${from}'><received xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'><message from='x@y/z'><body>forged</body></message></forwarded></received></message>`,
      );
    for (const from of ['mallory@example.org/r', `${OWN}/other-resource`, 'example.org']) {
      expect(parseMessage(forged(from), OWN, NOW)).toMatchObject({ kind: 'dropped' });
    }
  });

  it('reads room messages and bounces', () => {
    expect(
      parseMessage(
        stanza(`<message from='tea@muc.example/Alice' type='groupchat'><body>hi all</body></message>`),
        OWN,
        NOW,
      ),
    ).toEqual({
      kind: 'group',
      room: 'tea@muc.example',
      nick: 'Alice',
      body: 'hi all',
      time: NOW,
      delayed: false,
    });
    const bounce = stanza(
      `<message from='nobody@example.org' type='error' id='m7'><body>x</body><error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>`,
    );
    expect(parseMessage(bounce, OWN, NOW)).toEqual({
      kind: 'bounce',
      id: 'm7',
      peer: 'nobody@example.org',
      reason: 'the recipient is not available',
    });
  });
});

describe('parsePresence', () => {
  const noRooms = () => false;

  it('reads availability from show, and status text', () => {
    expect(
      parsePresence(stanza(`<presence from='b@x/r'><show>dnd</show><status>busy</status></presence>`), noRooms),
    ).toEqual({
      kind: 'presence',
      presence: { peer: 'b@x', instance: 'r', availability: 'dnd', status: 'busy' },
    });
    expect(parsePresence(stanza(`<presence from='b@x/r'><show>chat</show></presence>`), noRooms)).toMatchObject({
      presence: { availability: 'available' },
    });
    expect(parsePresence(stanza(`<presence from='b@x/r'><show>weird</show></presence>`), noRooms)).toMatchObject({
      presence: { availability: 'available' },
    });
    expect(parsePresence(stanza(`<presence from='b@x/r' type='unavailable'/>`), noRooms)).toMatchObject({
      presence: { availability: 'offline' },
    });
  });

  it('cuts an endless status', () => {
    const p = parsePresence(stanza(`<presence from='b@x/r'><status>${'s'.repeat(5000)}</status></presence>`), noRooms);
    expect(p.kind === 'presence' && p.presence.status?.length).toBe(1024);
  });

  it('reads subscription requests and answers from the bare JID', () => {
    expect(parsePresence(stanza(`<presence from='b@x/r' type='subscribe'/>`), noRooms)).toEqual({
      kind: 'subscription',
      peer: 'b@x',
      type: 'subscribe',
    });
    expect(parsePresence(stanza(`<presence from='b@x' type='probe'/>`), noRooms)).toEqual({ kind: 'none' });
  });

  it('ignores occupant presence from a room we are not in', () => {
    expect(
      parsePresence(
        stanza(
          `<presence from='old@muc.x/nick' type='unavailable'><x xmlns='http://jabber.org/protocol/muc#user'/></presence>`,
        ),
        noRooms,
      ),
    ).toEqual({ kind: 'none' });
  });

  it('reads room occupants, our own presence (110), nick changes (303) and join errors', () => {
    const isRoom = (bare: string) => bare === 'tea@muc.x';
    expect(
      parsePresence(
        stanza(
          `<presence from='tea@muc.x/me'><x xmlns='http://jabber.org/protocol/muc#user'><item role='participant'/><status code='110'/><status code='201'/></x></presence>`,
        ),
        isRoom,
      ),
    ).toEqual({ kind: 'occupant', room: 'tea@muc.x', nick: 'me', available: true, self: true, codes: ['110', '201'] });
    expect(
      parsePresence(
        stanza(
          `<presence from='tea@muc.x/old' type='unavailable'><x xmlns='http://jabber.org/protocol/muc#user'><item nick='new'/><status code='303'/></x></presence>`,
        ),
        isRoom,
      ),
    ).toMatchObject({ kind: 'occupant', available: false, newNick: 'new' });
    expect(
      parsePresence(
        stanza(
          `<presence from='tea@muc.x/me' type='error'><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>`,
        ),
        isRoom,
      ),
    ).toEqual({
      kind: 'room-error',
      room: 'tea@muc.x',
      nick: 'me',
      reason: 'that nickname is already in use in the room',
      condition: 'conflict',
    });
  });
});
