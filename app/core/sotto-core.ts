/**
 * The application core: accounts, their OTR layers, conversations and settings,
 * answering the commands of the API contract and reporting its events. It knows
 * nothing of the transport that carries them.
 */
import type { OtrEnv } from '../../otr/crypto/env';
import type { OtrEvent } from '../../otr/session/events';
import type { IncomingMessage, ProtocolAdapter } from '../../protocols/adapter';
import { AccountManager, type AdapterFactory } from '../accounts/account-manager';
import { accountName } from '../accounts/account-config';
import { PROFILE_SECRETS_WARNING, profileFileSecretStore, type SecretStore } from '../accounts/secret-store';
import type { CommandName, CommandParams, CommandResult, EventName, EventPayload, OtrStatus } from '../api/contract';
import { ConversationHistory, type ConversationLine } from '../conversations/lines';
import type { Logger } from '../log';
import { createNodeOtrEnv } from '../otr/node-env';
import { OtrLayer, type OtrIdentity } from '../otr/otr-layer';
import { SettingsStore } from '../settings/settings-store';
import { APP_NAME, APP_VERSION } from '../version';
import { UserError } from './errors';

export type FrontEnd = 'electron' | 'browser' | 'headless';

/** Keys, instance tags and trust, per account: app/identity/identities.ts implements it over the key store. */
export interface IdentityProvider {
  identity(accountId: string, protocol: 'xmpp' | 'irc', accountName: string): Promise<OtrIdentity>;
  myFingerprint(accountId: string): string | undefined;
  listFingerprints(accountId?: string): CommandResult<'otr.fingerprint.list'>;
  setVerified(accountId: string, peer: string, fingerprint: string, verified: boolean): Promise<void>;
  forget(accountId: string, peer: string, fingerprint: string): Promise<void>;
}

export interface CoreOptions {
  profileDir: string;
  frontEnd: FrontEnd;
  logger: Logger;
  adapterFactory: AdapterFactory;
  identities: IdentityProvider;
  secrets?: SecretStore;
  env?: OtrEnv;
  /** How often OTR timeouts are checked; tests shorten it. */
  tickMs?: number;
}

export type CoreEventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export type CommandHandlers = { [M in CommandName]: (params: CommandParams<M>) => Promise<CommandResult<M>> };

const conversationKey = (accountId: string, peer: string) => `${accountId}\n${peer}`;

/** The library's SMP events as the API names them. */
function toSmpEvent(e: Extract<OtrEvent, { type: 'smp' }>): Omit<EventPayload<'otr.smp'>, 'accountId' | 'peer'> | undefined {
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
    case 'aborted':
      return { event: 'aborted' };
    case 'cheated':
      return { event: 'cheated' };
    case 'error':
      return { event: 'error' };
  }
}

export class SottoCore {
  private readonly listeners = new Set<CoreEventListener>();
  readonly accounts: AccountManager;
  readonly settings: SettingsStore;
  readonly history = new ConversationHistory();
  private readonly layers = new Map<string, OtrLayer>();
  private readonly identities = new Map<string, OtrIdentity>();
  /** Held OTR messages (by the library's id) and the lines that show them. */
  private readonly heldLines = new Map<string, Map<number, number>>();
  private readonly secrets: SecretStore;
  private readonly env: OtrEnv;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: CoreOptions) {
    this.secrets = options.secrets ?? profileFileSecretStore(options.profileDir);
    this.env = options.env ?? createNodeOtrEnv();
    this.settings = new SettingsStore(options.profileDir);
    this.accounts = new AccountManager(
      options.profileDir,
      this.secrets,
      options.adapterFactory,
      {
        state: (accountId, state, error) => this.emit('account.state', { accountId, state, ...(error ? { error } : {}) }),
        adapter: (accountId, adapter) => this.attach(accountId, adapter),
        certificate: (accountId, c) => this.emit('error', { message: `The certificate of ${c.host} for ${accountId} is not trusted (${c.reason}). SHA-256 fingerprint: ${c.fingerprint}` }),
      },
      options.logger,
    );
  }

  get logger(): Logger {
    return this.options.logger;
  }

  /** Loads the profile and connects the accounts marked for it. */
  async start(): Promise<void> {
    await this.settings.load();
    await this.accounts.load();
    if (this.secrets.kind === 'profile-file') this.logger.log('warn', PROFILE_SECRETS_WARNING);
    this.ticker = setInterval(() => {
      for (const layer of this.layers.values()) void layer.tick().catch((err: unknown) => this.logger.log('error', `otr tick: ${(err as Error).message}`));
    }, this.options.tickMs ?? 1000);
    this.ticker.unref();
    void this.connectAutomatically();
  }

  private async connectAutomatically(): Promise<void> {
    for (const id of this.accounts.ids()) {
      if (!this.accounts.config(id).autoConnect) continue;
      await this.handlers['account.connect']({ accountId: id }).catch((err: unknown) => this.logger.log('warn', `auto-connect ${id}: ${(err as Error).message}`));
    }
  }

  readonly handlers: CommandHandlers = {
    'app.info': async () => ({ name: APP_NAME, version: APP_VERSION, transport: this.options.frontEnd, secretStorage: this.secrets.kind }),
    'account.list': async () => this.accounts.list().map((a) => ({ ...a, ...this.fingerprintOf(a.accountId) })),
    'account.add': async (params) => {
      const accountId = await this.accounts.add(params);
      return { accountId, warnings: this.secrets.kind === 'profile-file' && params.password ? [PROFILE_SECRETS_WARNING] : [] };
    },
    'account.remove': async ({ accountId }) => {
      await this.accounts.remove(accountId);
      this.layers.delete(accountId);
      await this.settings.forgetAccount(accountId);
      return {};
    },
    'account.connect': async ({ accountId }) => {
      const config = this.accounts.config(accountId);
      this.identities.set(accountId, await this.options.identities.identity(accountId, config.protocol, accountName(config)));
      return { state: await this.accounts.connect(accountId) };
    },
    'account.disconnect': async ({ accountId }) => ({ state: await this.accounts.disconnect(accountId) }),
    'account.acceptCertificate': async ({ accountId, fingerprint }) => {
      await this.accounts.acceptCertificate(accountId, fingerprint);
      return {};
    },
    'otr.setPolicy': async ({ accountId, peer, policy }) => {
      this.accounts.get(accountId);
      await this.settings.setPolicy(accountId, peer, policy);
      this.layers.get(accountId)?.policyChanged(peer);
      return {};
    },
    'otr.getPolicy': async ({ accountId, peer }) => this.settings.policy(accountId, peer),
    'message.send': async ({ accountId, peer, text }) => {
      const layer = this.layer(accountId);
      const wasPrivate = layer.status(peer).state === 'encrypted';
      const result = await layer.send(peer, text);
      const status = result.status;
      const line = this.addLine(accountId, peer, { direction: 'out', text, encrypted: wasPrivate && status === 'sent', verified: wasPrivate && layer.status(peer).verified, status });
      if (result.heldId !== undefined) this.heldMap(accountId, peer).set(result.heldId, line.id);
      return { status, lineId: line.id };
    },
    'conversation.history': async ({ accountId, peer, before, limit }) =>
      this.history.list(conversationKey(accountId, peer), { ...(before !== undefined ? { before } : {}), ...(limit !== undefined ? { limit } : {}) }),
    'otr.start': async ({ accountId, peer }) => {
      await this.layer(accountId).start(peer);
      return this.otrStatus(accountId, peer);
    },
    'otr.end': async ({ accountId, peer }) => {
      await this.layer(accountId).end(peer);
      return this.otrStatus(accountId, peer);
    },
    'otr.status': async ({ accountId, peer }) => this.otrStatus(accountId, peer),
    'otr.selectInstance': async ({ accountId, peer, instanceTag }) => {
      try {
        this.layer(accountId).selectInstance(peer, instanceTag);
      } catch (err) {
        throw new UserError(err instanceof Error ? err.message : 'No such instance', 'unknown-instance');
      }
      return this.otrStatus(accountId, peer);
    },
    'otr.smp.start': async ({ accountId, peer, secret, question }) => {
      this.requirePrivate(accountId, peer);
      await this.layer(accountId).smp(peer, { start: { secret, ...(question ? { question } : {}) } });
      return {};
    },
    'otr.smp.respond': async ({ accountId, peer, secret }) => {
      this.requirePrivate(accountId, peer);
      await this.layer(accountId).smp(peer, { respond: secret });
      return {};
    },
    'otr.smp.abort': async ({ accountId, peer }) => {
      await this.layer(accountId).smp(peer, 'abort');
      return {};
    },
    'otr.fingerprint.mine': async ({ accountId }) => {
      const config = this.accounts.config(accountId);
      const identity = this.identities.get(accountId) ?? (await this.options.identities.identity(accountId, config.protocol, accountName(config)));
      this.identities.set(accountId, identity);
      const fingerprint = this.options.identities.myFingerprint(accountId);
      if (!fingerprint) throw new UserError(`${accountId} has no OTR key yet`, 'no-key');
      return { fingerprint, formatted: fingerprint.toUpperCase().match(/.{8}/g)!.join(' ') };
    },
    'otr.fingerprint.list': async ({ accountId }) => this.options.identities.listFingerprints(accountId),
    'otr.fingerprint.verify': async ({ accountId, peer, fingerprint, verified }) => {
      await this.options.identities.setVerified(accountId, peer, fingerprint, verified);
      this.emitOtrState(accountId, peer);
      return {};
    },
    'otr.fingerprint.forget': async ({ accountId, peer, fingerprint }) => {
      await this.options.identities.forget(accountId, peer, fingerprint);
      return {};
    },
  };

  private fingerprintOf(accountId: string): { fingerprint?: string } {
    const fp = this.options.identities.myFingerprint(accountId);
    return fp ? { fingerprint: fp } : {};
  }

  private layer(accountId: string): OtrLayer {
    this.accounts.get(accountId);
    const layer = this.layers.get(accountId);
    if (!layer) throw new UserError(`${accountId} is not connected`, 'offline');
    return layer;
  }

  private requirePrivate(accountId: string, peer: string): void {
    if (this.layer(accountId).status(peer).state !== 'encrypted') {
      throw new UserError(`Start a private conversation with ${peer} before authenticating them.`, 'not-private');
    }
  }

  private otrStatus(accountId: string, peer: string): OtrStatus {
    return this.layer(accountId).status(peer);
  }

  private emitOtrState(accountId: string, peer: string): void {
    const layer = this.layers.get(accountId);
    if (!layer) return;
    const s = layer.status(peer);
    this.emit('otr.state', { accountId, peer, state: s.state, verified: s.verified, ...(s.fingerprint ? { fingerprint: s.fingerprint } : {}) });
  }

  private heldMap(accountId: string, peer: string): Map<number, number> {
    const key = conversationKey(accountId, peer);
    let map = this.heldLines.get(key);
    if (!map) this.heldLines.set(key, (map = new Map()));
    return map;
  }

  private addLine(accountId: string, peer: string, line: Omit<ConversationLine, 'id' | 'time'> & { time?: number }): ConversationLine {
    const full = this.history.add(conversationKey(accountId, peer), { time: Date.now(), ...line });
    this.emit('conversation.line', { accountId, peer, line: full });
    return full;
  }

  /** A new adapter for an account: its OTR layer and its incoming messages. */
  private attach(accountId: string, adapter: ProtocolAdapter): void {
    const identity = this.identities.get(accountId);
    if (!identity) throw new Error(`no identity loaded for ${accountId}`);
    const config = this.accounts.config(accountId);
    const layer = new OtrLayer({
      accountName: accountName(config),
      adapter,
      identity,
      env: this.env,
      policyFor: (peer) => this.settings.policy(accountId, peer).policy,
      logger: this.logger,
      whitespaceTagFirst: config.protocol === 'irc',
      events: {
        message: (peer, text, encrypted, verified, time) => {
          const line = this.addLine(accountId, peer, { direction: 'in', text, encrypted, verified, time: time.getTime() });
          this.emit('message.received', { accountId, peer, text, encrypted, verified, lineId: line.id, time: line.time });
        },
        note: (peer, note) => void this.addLine(accountId, peer, { direction: 'system', text: note.text, encrypted: false, verified: false, level: note.level }),
        state: (peer) => this.emitOtrState(accountId, peer),
        held: (peer, ids, outcome) => {
          const map = this.heldMap(accountId, peer);
          for (const heldId of ids) {
            const lineId = map.get(heldId);
            map.delete(heldId);
            const line = lineId === undefined ? undefined : this.history.update(conversationKey(accountId, peer), lineId, outcome === 'sent' ? { status: 'sent', encrypted: true } : { status: 'failed' });
            if (line) this.emit('conversation.line', { accountId, peer, line });
          }
        },
        otrEvent: (peer, event) => {
          if (event.type !== 'smp') return;
          const smp = toSmpEvent(event);
          if (smp) this.emit('otr.smp', { accountId, peer, ...smp });
        },
      },
    });
    this.layers.set(accountId, layer);
    adapter.on('message', (msg) => void this.incoming(accountId, layer, msg));
  }

  private async incoming(accountId: string, layer: OtrLayer, msg: IncomingMessage): Promise<void> {
    try {
      if (msg.carbon) {
        // A copy of a message to or from another of our devices: OTR data in it was
        // encrypted for that device, so it would show as gibberish here.
        if (msg.body.includes('?OTR')) return;
        this.addLine(accountId, msg.peer, { direction: msg.carbon === 'sent' ? 'out' : 'in', text: msg.body, encrypted: false, verified: false, time: msg.time.getTime() });
        return;
      }
      if (msg.notice) {
        this.addLine(accountId, msg.peer, { direction: 'in', text: msg.body, encrypted: false, verified: false, time: msg.time.getTime() });
        return;
      }
      await layer.receive(msg);
    } catch (err) {
      this.logger.log('error', `incoming message for ${accountId}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      this.emit('error', { message: `A message from ${msg.peer} could not be processed.` });
    }
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(name, payload);
  }

  async close(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    await this.accounts.closeAll();
    this.listeners.clear();
  }
}
