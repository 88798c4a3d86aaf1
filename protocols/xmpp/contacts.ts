/**
 * Buddies (RFC 6121 §2–§4): the roster loaded at login and kept by pushes
 * (pushes are accepted only from our own account, §2.1.6), buddies' presence
 * through the flood gate, and subscriptions: asking (§3.1.1), answering
 * (§3.1.4–3.1.5), and removing a buddy (§2.5).
 */
import type { IqCaller } from '@xmpp/iq/caller.js';
import { xml, type Element } from '@xmpp/xml';
import { AdapterError, type Presence, type RosterEntry, type SubscriptionEvent } from '../adapter';
import { FloodGate } from './flood-gate';
import { formatBare, parseJid } from './jid';
import { Roster } from './roster';
import { NS_ROSTER, rosterSet, subscription } from './stanzas';
import { firstNonXmlChar } from './xml-text';

export interface ContactDeps {
  iqCaller: IqCaller;
  send(element: Element): Promise<void>;
  ownBare: string;
  roster(entries: RosterEntry[]): void;
  presence(presence: Presence): void;
  subscription(event: SubscriptionEvent): void;
  dropped(reason: string): void;
}

/** How often held presence is let out, and a flood summarized. */
const FLUSH_MS = 250;

export class Contacts {
  readonly roster = new Roster();
  /** Buddies we asked to subscribe to and who have not answered (for "denied" vs "removed"). */
  private readonly asked = new Set<string>();
  private readonly presenceGate = new FloodGate<Presence>({ ratePerSecond: 200, burst: 500, maxHeld: 5000 });
  private readonly subscriptionGate = new FloodGate<SubscriptionEvent>({ ratePerSecond: 10, burst: 50, maxHeld: 200 });
  private flushTimer: NodeJS.Timeout | undefined;
  /** Instances we reported as present, by `peer/instance`, to report them gone if the connection is. */
  private readonly present = new Map<string, Presence>();

  constructor(private readonly deps: ContactDeps) {}

  static peer(text: string): string {
    const jid = parseJid(text);
    if (!jid || jid.resource)
      throw new AdapterError(`"${text}" is not a buddy address of the form user@server.`, 'config');
    return formatBare(jid);
  }

  async load(): Promise<void> {
    const query = await this.deps.iqCaller.get(xml('query', { xmlns: NS_ROSTER }));
    const bad = this.roster.replace(query);
    if (bad > 0) this.deps.dropped(`${bad} roster item(s) without a valid address were ignored.`);
    for (const entry of this.roster.list()) if (entry.pending) this.asked.add(entry.peer);
    this.deps.roster(this.roster.list());
  }

  /** A roster push; returns false (and the iq is refused) when it is not from our account. */
  onPush(from: string | undefined, query: Element): boolean {
    if (from !== undefined && from !== this.deps.ownBare) {
      this.deps.dropped(`A roster push from ${from.slice(0, 200)} (not our account) was ignored.`);
      return false;
    }
    if (!this.roster.push(query)) {
      this.deps.dropped('A malformed roster push was ignored.');
      return false;
    }
    this.deps.roster(this.roster.list());
    return true;
  }

  onPresence(presence: Presence): void {
    const key = `${presence.peer}/${presence.instance ?? ''}`;
    const verdict = this.presenceGate.offer(key, presence);
    if (verdict === 'pass') this.report(presence);
    else this.scheduleFlush();
  }

  private report(presence: Presence): void {
    const key = `${presence.peer}/${presence.instance ?? ''}`;
    if (presence.availability === 'offline') this.present.delete(key);
    else if (this.present.size < 10_000 || this.present.has(key)) this.present.set(key, presence);
    this.deps.presence(presence);
  }

  /** The connection is gone: what we knew of buddies' presence is no longer true. */
  connectionLost(): void {
    this.presenceGate.clear();
    const gone = [...this.present.values()];
    this.present.clear();
    for (const p of gone) {
      const offline: Presence = { peer: p.peer, availability: 'offline' };
      if (p.instance !== undefined) offline.instance = p.instance;
      this.deps.presence(offline);
    }
  }

  onSubscription(peer: string, type: 'subscribe' | 'subscribed' | 'unsubscribe' | 'unsubscribed'): void {
    let kind: SubscriptionEvent['kind'];
    if (type === 'subscribe') kind = 'request';
    else if (type === 'subscribed') kind = 'approved';
    // §3.2: "unsubscribed" answers our request (denied) or cancels an approval we had (removed).
    else if (type === 'unsubscribed') kind = this.asked.has(peer) ? 'denied' : 'removed';
    else kind = 'removed';
    if (type === 'subscribed' || type === 'unsubscribed') this.asked.delete(peer);
    const event: SubscriptionEvent = { peer, kind };
    if (this.subscriptionGate.offer(`${peer}/${kind}`, event) === 'pass') this.deps.subscription(event);
    else this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      for (const p of this.presenceGate.drain()) this.report(p);
      for (const s of this.subscriptionGate.drain()) this.deps.subscription(s);
      const p = this.presenceGate.takeCounts();
      if (p) this.deps.dropped(`Presence flood: ${p.merged} update(s) replaced by newer ones, ${p.dropped} dropped.`);
      const s = this.subscriptionGate.takeCounts();
      if (s) this.deps.dropped(`Subscription flood: ${s.merged} repeated request(s) merged, ${s.dropped} dropped.`);
      if (this.presenceGate.held > 0 || this.subscriptionGate.held > 0) this.scheduleFlush();
    }, FLUSH_MS);
  }

  async add(peer: string, name: string | undefined, groups: string[]): Promise<void> {
    for (const text of [name ?? '', ...groups]) {
      if (firstNonXmlChar(text))
        throw new AdapterError('A buddy name or group contains a character XMPP cannot carry.', 'config');
    }
    await this.deps.iqCaller.set(rosterSet({ jid: peer, name, groups }));
    this.asked.add(peer);
    await this.deps.send(subscription(peer, 'subscribe'));
  }

  async remove(peer: string): Promise<void> {
    // §2.5.2: the server also cancels both subscriptions for us.
    await this.deps.iqCaller.set(rosterSet({ jid: peer, remove: true }));
    this.asked.delete(peer);
  }

  async answer(peer: string, accept: boolean): Promise<void> {
    await this.deps.send(subscription(peer, accept ? 'subscribed' : 'unsubscribed'));
  }

  stop(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.presenceGate.clear();
    this.subscriptionGate.clear();
  }
}
