/**
 * RFC 6120 §8 (stanzas) on arrival: each received message and presence is
 * read (incoming-message.ts, incoming-presence.ts) and handed to the part of
 * the adapter it concerns. Roster pushes (RFC 6121 §2.1.6) are answered as
 * iqs. Whatever goes wrong with one stanza is reported as dropped; it never
 * reaches the event loop.
 */
import type { IqCallee } from '@xmpp/iq/callee.js';
import { xml, type Element } from '@xmpp/xml';
import type { AdapterEvents } from '../adapter';
import type { Contacts } from './contacts';
import type { Groups } from './groups';
import { parseMessage } from './incoming-message';
import { parsePresence } from './incoming-presence';
import type { Outbox } from './outbox';
import { NS_ROSTER } from './stanzas';

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

export interface InboundDeps {
  ownBare: string;
  contacts: Contacts;
  groups: Groups;
  outbox: Outbox;
  emit<E extends keyof AdapterEvents>(event: E, payload: AdapterEvents[E]): void;
  log(message: string): void;
}

function onMessage(stanza: Element, deps: InboundDeps): void {
  const parsed = parseMessage(stanza, deps.ownBare);
  switch (parsed.kind) {
    case 'chat':
      deps.emit('message', parsed.message);
      return;
    case 'group':
      deps.groups.onMessage(parsed.room, parsed.nick, parsed.body, parsed.time, parsed.delayed);
      return;
    case 'bounce': {
      const sent = deps.outbox.recall(parsed.id);
      if (sent) deps.emit('send.failed', { peer: sent.peer, body: sent.body, reason: `Not delivered: ${parsed.reason}.` });
      else deps.log(`a message to ${parsed.peer} bounced: ${parsed.reason}`);
      return;
    }
    case 'dropped':
      deps.emit('dropped', { reason: parsed.reason });
      return;
    case 'none':
      return;
  }
}

function onPresence(stanza: Element, deps: InboundDeps): void {
  const parsed = parsePresence(stanza, (bare) => deps.groups.isRoom(bare));
  switch (parsed.kind) {
    case 'presence':
      deps.contacts.onPresence(parsed.presence);
      return;
    case 'subscription':
      deps.contacts.onSubscription(parsed.peer, parsed.type);
      return;
    case 'occupant':
    case 'room-error':
      deps.groups.onPresence(parsed);
      return;
    case 'none':
      return;
  }
}

/** Subscribes to the connection's stanzas; `on` is the entity's event registration. */
export function routeInbound(on: (event: 'stanza', listener: (stanza: Element) => void) => void, callee: IqCallee, deps: InboundDeps): void {
  on('stanza', (stanza) => {
    try {
      if (stanza.name === 'message') onMessage(stanza, deps);
      else if (stanza.name === 'presence') onPresence(stanza, deps);
    } catch (err) {
      deps.emit('dropped', { reason: `A <${stanza.name}> could not be read (${err instanceof Error ? err.message : String(err)}) and was dropped.` });
    }
  });
  callee.set(NS_ROSTER, 'query', (ctx) => {
    if (deps.contacts.onPush(ctx.stanza.attrs.from, ctx.element)) return {};
    return xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: NS_STANZAS }));
  });
}
