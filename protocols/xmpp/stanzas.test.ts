import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES, STANZA_LIMIT_BYTES, chatMessage, checkBody, presence, rosterSet } from './stanzas';

describe('outgoing stanzas', () => {
  it('writes a chat message with an id and the body escaped', () => {
    expect(chatMessage({ to: 'b@x', body: 'a < b & c', id: 'i1', type: 'chat' }).toString()).toBe(
      `<message type="chat" to="b@x" id="i1"><body>a &lt; b &amp; c</body></message>`,
    );
  });

  it('adds the XEP-0364 hints and the carbons <private/> to OTR messages only', () => {
    const otr = chatMessage({ to: 'b@x/r', body: '?OTR:AAMD.', id: 'i', type: 'chat', otr: true }).toString();
    expect(otr).toContain('<no-store xmlns="urn:xmpp:hints"/>');
    expect(otr).toContain('<no-copy xmlns="urn:xmpp:hints"/>');
    expect(otr).toContain('<private xmlns="urn:xmpp:carbons:2"/>');
    expect(chatMessage({ to: 'b@x', body: 'x', id: 'i', type: 'chat' }).toString()).not.toMatch(/hints|private/);
  });

  it('stamps a late attempt with its original time (XEP-0203)', () => {
    const m = chatMessage({
      to: 'b@x',
      body: 'x',
      id: 'i',
      type: 'chat',
      delayedSince: new Date('2026-01-01T00:00:00Z'),
      from: 'a@x/r',
    }).toString();
    expect(m).toContain('<delay xmlns="urn:xmpp:delay" from="a@x/r" stamp="2026-01-01T00:00:00.000Z"/>');
  });

  it('sends a body of maxMessageBytes, even all escapes, and refuses what no server would take', () => {
    expect(() =>
      chatMessage({ to: 'b@x', body: 'é'.repeat(MAX_MESSAGE_BYTES / 2), id: 'i', type: 'chat' }),
    ).not.toThrow();
    expect(() =>
      chatMessage({ to: 'b@x', body: '&'.repeat(MAX_MESSAGE_BYTES / 2), id: 'i', type: 'chat' }),
    ).not.toThrow();
    expect(() => chatMessage({ to: 'b@x', body: 'x'.repeat(STANZA_LIMIT_BYTES), id: 'i', type: 'chat' })).toThrow(
      expect.objectContaining({ kind: 'protocol' }),
    );
  });

  it('refuses bodies with characters XML cannot carry', () => {
    expect(() => checkBody('ok \t\n')).not.toThrow();
    expect(() => checkBody('bad \u0001')).toThrow(/U\+0001/);
  });

  it('writes presence with show and status, and roster sets', () => {
    expect(presence('away', 'lunch').toString()).toBe('<presence><show>away</show><status>lunch</status></presence>');
    expect(presence('available', undefined).toString()).toBe('<presence/>');
    expect(rosterSet({ jid: 'b@x', name: 'B', groups: ['G'] }).toString()).toBe(
      '<query xmlns="jabber:iq:roster"><item jid="b@x" name="B"><group>G</group></item></query>',
    );
    expect(rosterSet({ jid: 'b@x', remove: true }).toString()).toBe(
      '<query xmlns="jabber:iq:roster"><item jid="b@x" subscription="remove"/></query>',
    );
  });
});
