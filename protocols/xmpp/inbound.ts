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
import { errorText } from '../common/error-text';
import type { Contacts } from './contacts';
import type { Groups } from './groups';
import { parseMessage } from './incoming-message';
import { parsePresence } from './incoming-presence';
import type { Outbox } from './outbox';
import { NS_ROSTER } from './stanzas';

const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** Recent messages remembered to recognise a repeat. */
const REMEMBERED = 512;

/**
 * XEP-0198 §5 resends what the server did not acknowledge before a connection
 * broke, and the first copy may have arrived after all: a sender that resends
 * keeps the stanza id. A message with the same sender, id and body as one just
 * received is that repeat. (The body is compared too: some clients reuse ids
 * across sessions, and dropping a different message would lose it.)
 */
export class RecentMessages {
  private readonly seen = new Set<string>();
  isRepeat(peer: string, id: string | undefined, body: string): boolean {
    if (!id) return false;
    const key = `${peer}\u0000${id}\u0000${body}`;
    if (this.seen.has(key)) return true;
    this.seen.add(key);
    if (this.seen.size > REMEMBERED) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return false;
  }
}

export interface InboundDeps {
  ownBare: string;
  contacts: Contacts;
  groups: Groups;
  outbox: Outbox;
  recent: RecentMessages;
  emit<E extends keyof AdapterEvents>(event: E, payload: AdapterEvents[E]): void;
  /** Input that was dropped, and why. */
  dropped(reason: string): void;
  log(message: string): void;
}

function onMessage(stanza: Element, deps: InboundDeps): void {
  const parsed = parseMessage(stanza, deps.ownBare);
  switch (parsed.kind) {
    case 'chat':
      if (
        deps.recent.isRepeat(`${parsed.message.carbon ?? ''}${parsed.message.peer}`, parsed.id, parsed.message.body)
      ) {
        deps.log(`a repeated message from ${parsed.message.peer} was skipped`);
        return;
      }
      deps.emit('message', parsed.message);
      return;
    case 'group':
      deps.groups.onMessage(parsed.room, parsed.nick, parsed.body, parsed.time, parsed.delayed);
      return;
    case 'bounce': {
      const sent = deps.outbox.recall(parsed.id);
      if (sent)
        deps.emit('send.failed', { peer: sent.peer, body: sent.body, reason: `Not delivered: ${parsed.reason}.` });
      else deps.log(`a message to ${parsed.peer} bounced: ${parsed.reason}`);
      return;
    }
    case 'dropped':
      deps.dropped(parsed.reason);
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
export function routeInbound(
  on: (event: 'stanza', listener: (stanza: Element) => void) => void,
  callee: IqCallee,
  deps: InboundDeps,
): void {
  on('stanza', (stanza) => {
    try {
      if (stanza.name === 'message') onMessage(stanza, deps);
      else if (stanza.name === 'presence') onPresence(stanza, deps);
    } catch (err) {
      deps.dropped(`A <${stanza.name}> could not be read (${errorText(err)}) and was dropped.`);
    }
  });
  callee.set(NS_ROSTER, 'query', (ctx) => {
    if (deps.contacts.onPush(ctx.stanza.attrs.from, ctx.element)) return {};
    return xml('error', { type: 'cancel' }, xml('service-unavailable', { xmlns: NS_STANZAS }));
  });
}
