/**
 * One connection to an IRC server, from TCP connect to close: RFC 2812 §3.1
 * (connection registration: PASS, NICK, USER), IRCv3 CAP and SASL 3.1/3.2
 * (PLAIN), §5.2 error replies. irc-framework does the protocol; this is the
 * only file that touches it, and it turns the library's events into plain
 * typed callbacks, so no library type leaves the adapter.
 *
 * Registration succeeds or fails once, with a reason a person can read: nick
 * in use (after trying the alternatives), wrong password, SASL refused or not
 * offered, untrusted certificate, network errors.
 */
import irc from 'irc-framework';
import { AdapterError, type UntrustedCertificate } from '../adapter';
import { plaintextLookup } from './options';
import { parseMask } from './relay-prefix';
import { forwardTraffic, str, type Ev } from './session-traffic';
import { describeSocketError, type SessionConfig, type SessionEvents } from './session-types';
import { transportClass } from './transport';
import { parseRawLine } from './wire';

export type { InboundText, SessionConfig, SessionEvents } from './session-types';

/** Nick errors during registration: none given, erroneous, in use, collision, temporarily unavailable. */
const NICK_REFUSED = new Set(['431', '432', '433', '436', '437']);

export class Session {
  private readonly client: InstanceType<(typeof irc)['Client']>;
  private registered = false;
  private announced = false;
  private over = false;
  private nickIndex = 0;
  private saslConfirmed = false;
  private serverError: string | undefined;
  private refusedCertificate: UntrustedCertificate | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private quitDone: (() => void) | undefined;

  constructor(
    private readonly config: SessionConfig,
    private readonly events: SessionEvents,
  ) {
    const transport = transportClass({
      ...config.hooks,
      lookup: plaintextLookup(config),
      onUntrustedCertificate: (certificate) => {
        this.refusedCertificate = certificate;
        events.certificate(certificate);
      },
    });
    this.client = new irc.Client({
      host: config.host,
      port: config.port,
      tls: config.tls,
      nick: config.nicks[0],
      username: config.username,
      gecos: config.realname,
      password: config.password,
      // An empty account object turns SASL off; otherwise the library would try the server password.
      account: config.sasl ? { account: config.sasl.account, password: config.sasl.password } : {},
      sasl_mechanism: 'PLAIN',
      // No automatic CTCP VERSION answer: it would tell strangers which client we run.
      version: '',
      auto_reconnect: false,
      ping_interval: 30,
      ping_timeout: 120,
      enable_chghost: true,
      encoding: 'utf8',
      transport,
    });
    this.listen();
  }

  get nick(): string {
    return this.client.user.nick;
  }

  start(): void {
    this.timer = setTimeout(
      () => this.fail(new AdapterError(`${this.config.host} did not complete the login in time.`, 'network')),
      this.config.registrationTimeoutMs ?? 30_000,
    );
    this.client.connect();
  }

  /** Writes a line of this connection (paced); dropped if the connection is gone. */
  send(line: string): void {
    if (!this.over) this.client.raw(line);
  }

  isChannel(name: string): boolean {
    return this.client.network.isChannelName(name);
  }

  /** Says QUIT and resolves once the connection is closed (or after a grace period). */
  quit(message: string): Promise<void> {
    if (this.over) return Promise.resolve();
    return new Promise((resolve) => {
      const timeout = setTimeout(() => {
        this.destroy();
        resolve();
      }, 3000);
      this.quitDone = () => {
        clearTimeout(timeout);
        resolve();
      };
      this.client.quit(message);
    });
  }

  /** Ends the connection at once, reporting nothing more. */
  destroy(): void {
    this.over = true;
    this.clearTimer();
    this.client.connection.end(undefined, true);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fail(error: AdapterError): void {
    if (this.over) return;
    this.over = true;
    this.clearTimer();
    this.events.failed(error);
    this.client.connection.end(undefined, true);
  }

  private closedWith(err: unknown): void {
    this.clearTimer();
    const done = this.quitDone;
    this.quitDone = undefined;
    done?.();
    if (this.over) return;
    this.over = true;
    if (this.announced) {
      this.events.closed(
        this.serverError
          ? `The server closed the connection: ${this.serverError}`
          : describeSocketError(err, this.config.host, this.config.port),
      );
    } else if (err instanceof AdapterError) {
      // Refused before a byte was sent (a password that would leave this machine in the clear).
      this.events.failed(err);
    } else if (this.refusedCertificate) {
      this.events.failed(
        new AdapterError(
          `The TLS certificate of ${this.config.host} is not trusted: ${this.refusedCertificate.reason} Fingerprint: ${this.refusedCertificate.fingerprint}`,
          'certificate',
        ),
      );
    } else if (this.serverError && /pass(word)?|denied|auth/i.test(this.serverError)) {
      this.events.failed(new AdapterError(`${this.config.host} refused the login: ${this.serverError}`, 'auth'));
    } else {
      this.events.failed(
        new AdapterError(
          this.serverError
            ? `${this.config.host} closed the connection: ${this.serverError}`
            : describeSocketError(err, this.config.host, this.config.port),
          'network',
        ),
      );
    }
  }

  /** Registered, and the server has told us its limits: the connection is ready for use. */
  private announce(): void {
    if (!this.registered || this.announced || this.over) return;
    this.announced = true;
    this.clearTimer();
    this.events.registered(this.client.user.nick);
  }

  private nextNick(refused: string, reason: string): void {
    this.nickIndex += 1;
    const next = this.config.nicks[this.nickIndex];
    if (next === undefined) {
      const tried = this.config.nicks.join(', ');
      this.fail(
        new AdapterError(
          `${this.config.host} refused every nick this account may use (${tried}): ${reason || 'in use'}.`,
          'config',
        ),
      );
      return;
    }
    this.config.hooks.log('info', `nick ${refused} refused (${reason}); trying ${next}`);
    this.client.changeNick(next);
    this.client.user.nick = next;
  }

  /** Numerics and commands the library does not surface the way we need them. */
  private observe(line: string): void {
    const msg = parseRawLine(line);
    if (!msg) return;
    const p = msg.params;
    const last = p[p.length - 1] ?? '';
    if (msg.command === 'ERROR') {
      this.serverError = last;
    } else if (msg.command === '001') {
      const mask = parseMask(last.split(' ').pop() ?? '');
      if (mask) this.events.identity(mask);
    } else if (msg.command === '311' && p[1] && this.client.caseCompare(p[1], this.client.user.nick)) {
      this.events.identity({ user: p[2], host: p[3] });
    } else if (msg.command === '303') {
      this.events.ison(last.split(' ').filter(Boolean));
    } else if (msg.command === '730' || msg.command === '731') {
      this.events.monitor(
        last
          .split(',')
          .filter(Boolean)
          .map((m) => m.split('!')[0] ?? m),
        msg.command === '730',
      );
    } else if (msg.command === '376' || msg.command === '422') {
      this.announce();
    } else if (msg.command === '903') {
      this.saslConfirmed = true;
    } else if (!this.registered && NICK_REFUSED.has(msg.command)) {
      this.nextNick(p[1] ?? '', last);
    } else if (this.registered && /^[45]\d\d$/.test(msg.command)) {
      this.events.serverError(msg.command, p.length > 2 ? (p[1] ?? '') : '', last);
    }
  }

  private listen(): void {
    const c = this.client;
    const e = this.events;
    c.on('raw', (ev) => {
      if ((ev as Ev).from_server === true) this.observe(str(ev, 'line'));
    });
    c.on('socket close', (err) => this.closedWith(err));
    c.on('registered', () => {
      if (this.over) return;
      if (this.config.sasl && !this.saslConfirmed) {
        this.fail(
          new AdapterError(`${this.config.host} did not confirm the SASL login: not continuing without it.`, 'auth'),
        );
        return;
      }
      this.registered = true;
      this.clearTimer();
      // The server's limits (005) follow the welcome; the end of the MOTD says it has said them.
      this.timer = setTimeout(() => this.announce(), 10_000);
    });
    c.on('loggedin', () => (this.saslConfirmed = true));
    c.on('sasl failed', (ev) => {
      const reason = str(ev, 'reason');
      const text =
        reason === 'capability_missing' || reason === 'unsupported_mechanism'
          ? `${this.config.host} does not offer SASL PLAIN login.`
          : `${this.config.host} refused the SASL login for ${this.config.sasl?.account ?? 'this account'}${str(ev, 'message') ? `: ${str(ev, 'message')}` : '.'}`;
      this.fail(new AdapterError(text, 'auth'));
    });
    c.on('irc error', (ev) => {
      if (str(ev, 'error') === 'password_mismatch')
        this.fail(new AdapterError(`${this.config.host} refused the server password.`, 'auth'));
    });
    c.on('server options', () => e.isupport({ ...c.network.options }));
    forwardTraffic(c, e);
  }
}
