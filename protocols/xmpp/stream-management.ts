/**
 * XEP-0198 (stream management) as xmpp.js 0.14 does it, with what it misses
 * made up for, so that no stanza the server never acknowledged is forgotten:
 * when no resumption will be tried (§5), after a resumption whose resend
 * failed (§5), and by asking for acknowledgements during a steady stream (§4).
 */
import type { StreamManagement } from '@xmpp/stream-management';
import { xml, type Element } from '@xmpp/xml';
import type { GuardedClient } from './guarded-client';

const NS_SM = 'urn:xmpp:sm:3';

/**
 * XEP-0198 §5: what the server never acknowledged is resent by a resumption;
 * when none will be tried (no session id: the server's <enabled/> never came,
 * or a resumption already failed), it is given up on here, before the next
 * login, so that the sender resends or reports it (Sender.onUnacknowledged).
 * xmpp.js fails its queue only when a resumption fails or on 'offline': it
 * would keep these stanzas forever, and its next <enable/> would throw
 * ("queue should be empty after enable").
 */
export function failUnresumable(sm: StreamManagement): void {
  if (sm.id || sm.outbound_q.length === 0) return;
  const unacknowledged = sm.outbound_q.splice(0);
  // §4: the count of our acknowledged stanzas restarts with the next session.
  (sm as StreamManagement & { outbound: number }).outbound = 0;
  for (const { stanza } of unacknowledged) sm.emit('fail', stanza);
}

/**
 * XEP-0198 §5: after <resumed/>, xmpp.js empties its queue and writes what the
 * server had not acknowledged in one go. If that write fails (the connection
 * died again at once), those stanzas would be neither queued nor sent, and
 * xmpp.js would take the resumption for failed and go on to bind a new session
 * on whatever connection comes next. Instead they are put back in the queue
 * and this resumption goes no further: the next connection resumes again and
 * resends them, or fails to and reports them.
 */
export function requeueFailedResend(entity: GuardedClient, sm: StreamManagement): void {
  const client = entity as unknown as { sendMany(elements: Element[]): Promise<void> };
  const sendMany = client.sendMany.bind(entity);
  client.sendMany = async (elements) => {
    try {
      await sendMany(elements);
    } catch {
      sm.outbound_q.unshift(...elements.map((stanza) => ({ stanza, stamp: new Date().toISOString() })));
      await new Promise<never>(() => undefined);
    }
  };
}

/** Stanzas sent between two requests for an acknowledgement, at most. */
const ACK_EVERY = 10;

/**
 * XEP-0198 §4 lets a client ask for an acknowledgement at any time. xmpp.js
 * asks 250 ms after the last stanza it sent, which a steady stream (OTR
 * fragments, a pasted text) never leaves: asking every ACK_EVERY stanzas too
 * keeps what a crash would leave unconfirmed (and send again) short.
 */
export function askForAcks(entity: GuardedClient, sm: StreamManagement & { enableSent?: boolean }): void {
  let unrequested = 0;
  entity.on('send', (element: Element) => {
    // Counted from <enable/> on, as the server counts (§4); the <r/> goes after it on the wire.
    if (element.is('enable', NS_SM)) unrequested = 0;
    if (!(sm.enabled || sm.enableSent) || !['message', 'presence', 'iq'].includes(element.name)) return;
    unrequested += 1;
    if (unrequested < ACK_EVERY) return;
    unrequested = 0;
    entity.send(xml('r', { xmlns: NS_SM })).catch(() => undefined);
  });
}
