/**
 * A new adapter for an account: its OTR layer, and everything the adapter and
 * the layer report, turned into lines and API events. What the user reads is
 * worded in app/wording/.
 */
import type { FragmentBudget, OtrEnv, OtrEvent } from '../../otr';
import type { IncomingMessage, ProtocolAdapter } from '../../protocols/adapter';
import type { AccountManager } from '../accounts/account-manager';
import { accountName } from '../accounts/account-config';
import type { EventName, EventPayload } from '../api/contract';
import type { BuddyBook } from '../buddies/buddy-book';
import type { Logger } from '../log';
import { OtrLayer, type LineOutcome, type OtrIdentity } from '../otr-host/otr-layer';
import type { SettingsStore } from '../settings/settings-store';
import { subscriptionAnswered, undelivered, unprocessable } from '../wording/core-lines';
import { systemLine, type NewLine } from './core-context';

/** What of the core the wiring needs. */
export interface AdapterHost {
  readonly accounts: AccountManager;
  readonly settings: SettingsStore;
  readonly buddies: BuddyBook;
  readonly logger: Logger;
  readonly env: OtrEnv;
  readonly fragmentBudget: FragmentBudget;
  newLineId(): number;
  addLine(accountId: string, peer: string, line: NewLine): { id: number; time: number };
  updateLines(accountId: string, peer: string, ids: number[], outcome: LineOutcome): void;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  emitOtrState(accountId: string, peer: string): void;
}

/** The library's SMP events as the API names them. */
function toSmpEvent(e: Extract<OtrEvent, { type: 'smp' }>): Omit<EventPayload<'otr.smp'>, 'accountId' | 'peer'> {
  switch (e.kind) {
    case 'asked-for-secret':
      return { event: 'request', progress: e.percent };
    case 'asked-for-answer':
      return { event: 'request', question: e.question, progress: e.percent };
    case 'in-progress':
      return { event: 'progress', progress: e.percent };
    case 'succeeded':
      return { event: 'succeeded', progress: 100 };
    case 'failed':
      return { event: 'failed', progress: 100 };
    default:
      return { event: e.kind };
  }
}

export function wireAdapter(
  host: AdapterHost,
  accountId: string,
  adapter: ProtocolAdapter,
  identity: OtrIdentity,
): OtrLayer {
  const config = host.accounts.config(accountId);
  const layer = new OtrLayer({
    accountName: accountName(config),
    nameForPeers: config.protocol === 'xmpp' ? config.jid : config.nick,
    adapter,
    identity,
    env: host.env,
    policyFor: (peer) => host.settings.policy(accountId, peer).policy,
    logger: host.logger,
    newMessageId: () => host.newLineId(),
    fragmentBudget: host.fragmentBudget,
    events: {
      message: (peer, { text, encrypted, verified, fingerprint, time }) => {
        const line = host.addLine(accountId, peer, {
          direction: 'in',
          text,
          encrypted,
          verified,
          ...(fingerprint ? { fingerprint } : {}),
          time: time.getTime(),
        });
        host.emit('message.received', { accountId, peer, text, encrypted, verified, lineId: line.id, time: line.time });
        host.emit('buddy.updated', host.buddies.addUnread(accountId, peer));
      },
      note: (peer, note) => void host.addLine(accountId, peer, systemLine(note)),
      state: (peer) => host.emitOtrState(accountId, peer),
      lines: (peer, ids, outcome) => host.updateLines(accountId, peer, ids, outcome),
      otrEvent: (peer, event) => {
        if (event.type === 'smp') host.emit('otr.smp', { accountId, peer, ...toSmpEvent(event) });
      },
    },
  });

  adapter.on('message', (msg) => void incoming(host, accountId, layer, msg));
  // Some servers list the account itself in its roster: it is not a buddy.
  const self = accountName(config).toLowerCase();
  adapter.on('roster', (roster) => {
    const { changed, removed } = host.buddies.setRoster(
      accountId,
      roster.filter((r) => r.peer.toLowerCase() !== self),
    );
    for (const b of changed) host.emit('buddy.updated', b);
    for (const peer of removed) host.emit('buddy.removed', { accountId, peer });
  });
  adapter.on('presence', (p) => {
    if (p.peer.toLowerCase() !== self) host.emit('buddy.updated', host.buddies.setPresence(accountId, p));
  });
  adapter.on('subscription', (s) => {
    if (s.kind === 'request') host.emit('subscription.request', { accountId, peer: s.peer });
    else host.addLine(accountId, s.peer, systemLine(subscriptionAnswered(s.peer, s.kind)));
  });
  adapter.on('group.message', (m) => {
    if (!m.own)
      host.addLine(accountId, m.room, {
        direction: 'in',
        text: m.body,
        encrypted: false,
        verified: false,
        nick: m.nick,
        time: m.time.getTime(),
      });
  });
  adapter.on('group.members', (g) => host.emit('group.members', { accountId, room: g.room, members: g.members }));
  adapter.on('send.failed', (f) => {
    layer.deliveryFailed(f.peer, f.body);
    host.addLine(accountId, f.peer, systemLine(undelivered(f.peer, f.reason)));
  });
  adapter.on('dropped', (d) => host.logger.log('warn', `${accountId}: dropped input from the network: ${d.reason}`));
  return layer;
}

async function incoming(host: AdapterHost, accountId: string, layer: OtrLayer, msg: IncomingMessage): Promise<void> {
  try {
    if (msg.carbon) {
      // A copy of a message to or from another of our devices: OTR data in it was
      // encrypted for that device, so it would show as gibberish here.
      if (msg.body.includes('?OTR')) return;
      host.addLine(accountId, msg.peer, {
        direction: msg.carbon === 'sent' ? 'out' : 'in',
        text: msg.body,
        encrypted: false,
        verified: false,
        time: msg.time.getTime(),
      });
      return;
    }
    if (msg.notice) {
      host.addLine(accountId, msg.peer, {
        direction: 'in',
        text: msg.body,
        encrypted: false,
        verified: false,
        time: msg.time.getTime(),
      });
      return;
    }
    await layer.receive(msg);
  } catch (err) {
    host.logger.log(
      'error',
      `incoming message for ${accountId}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    host.emit('error', { message: unprocessable(msg.peer) });
  }
}
