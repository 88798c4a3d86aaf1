/**
 * The TypeScript side of the libotr interop harness
 * (testkit/libotr-harness): a real libotr 4.1.1 user in a child process,
 * driven command by command, so tests can hold whole OTR conversations with
 * the reference implementation; plus `shuttle`, which carries wire messages
 * between any two parties (libotr or our own engine) until both fall quiet,
 * and `runLibotrBench` for libotr's own figures on this machine.
 *
 * The harness answers every command with event lines and then exactly one
 * `OK` or `ERR <b64 reason>`; commands are sent one at a time, so the events
 * of a command are exactly the lines before its `OK`.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildLibotrHarness, HARNESS_BUILD_DIR } from '../libotr-harness/build';

/** libotr's policy bits (proto.h) and its three named policies. */
export const POLICY = {
  ALLOW_V1: 0x01,
  ALLOW_V2: 0x02,
  ALLOW_V3: 0x04,
  REQUIRE_ENCRYPTION: 0x08,
  SEND_WHITESPACE_TAG: 0x10,
  WHITESPACE_START_AKE: 0x20,
  ERROR_START_AKE: 0x40,
  NEVER: 0x00,
  /** V2 | V3: OTR only when someone asks for it. */
  MANUAL: 0x02 | 0x04,
  /** libotr's default: V2 | V3 | SEND_WHITESPACE_TAG | WHITESPACE_START_AKE | ERROR_START_AKE. */
  OPPORTUNISTIC: 0x02 | 0x04 | 0x10 | 0x20 | 0x40,
  /** V2 | V3 | REQUIRE_ENCRYPTION | WHITESPACE_START_AKE | ERROR_START_AKE. */
  ALWAYS: 0x02 | 0x04 | 0x08 | 0x20 | 0x40,
} as const;

export type MsgState = 'plaintext' | 'encrypted' | 'finished';
export type SmpEventName = 'NONE' | 'ERROR' | 'ABORT' | 'CHEATED' | 'ASK_FOR_ANSWER' | 'ASK_FOR_SECRET' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE';

/** One line the harness printed, decoded. Names follow libotr's callbacks. */
export type LibotrEvent =
  | { type: 'wire'; peer: string; message: string }
  | { type: 'emptyInject'; peer: string }
  | { type: 'plain'; text: string; encrypted: boolean }
  | { type: 'ignored' }
  | { type: 'tlvs'; types: number[] }
  | { type: 'goneSecure'; peer: string; instanceTag: number }
  | { type: 'goneInsecure'; peer: string }
  | { type: 'stillSecure'; peer: string; isReply: boolean }
  | { type: 'newFingerprint'; peer: string; fingerprint: string }
  /** handle_msg_event: `event` is the OTRL_MSGEVENT_ name without its prefix. */
  | { type: 'msgEvent'; event: string; message?: string; gcryError: number }
  | { type: 'errorMessage'; code: string; text: string }
  | { type: 'smp'; event: SmpEventName; progress: number; question?: string }
  | { type: 'trust'; peer: string; fingerprint: string; trust: string | null }
  | { type: 'symkey'; key: string }
  | { type: 'receivedSymkey'; use: number; usedata: Buffer; key: string }
  | { type: 'status'; msgstate: MsgState; fingerprint: string | null; ssid: string | null; protocolVersion: number; instanceTag: number | null; trust: string | null }
  | { type: 'instance'; instanceTag: number | null; msgstate: MsgState; fingerprint: string | null }
  | { type: 'timer'; interval: number }
  | { type: 'createPrivkey' }
  | { type: 'createInstag' }
  | { type: 'unknown'; line: string };

export interface CommandResult {
  events: LibotrEvent[];
  /** The messages libotr sent to the network during the command, in order. */
  wire: string[];
}

export interface ReceiveResult extends CommandResult {
  /** What the user would see; undefined when libotr ignored the message. */
  plaintext?: string;
  /** True when `plaintext` came out of an OTR data message. */
  encrypted: boolean;
  ignored: boolean;
  /** TLV types carried by a data message (1 disconnect, 2-7 SMP, 8 symkey). */
  tlvs: number[];
}

export interface LibotrStatus {
  msgstate: MsgState;
  fingerprint: string | null;
  ssid: string | null;
  protocolVersion: number;
  instanceTag: number | null;
  trust: string | null;
  instances: { instanceTag: number | null; msgstate: MsgState; fingerprint: string | null }[];
}

/**
 * A party in a conversation, as `shuttle` sees it: libotr through this
 * driver, or (later) our own engine behind a small adapter.
 */
export interface OtrParty {
  /** The name the other party knows us by (its PEER for us). */
  readonly name: string;
  receive(from: string, wire: string): Promise<{ wire: string[]; plaintext?: string }>;
}

export interface LibotrPeerOptions {
  account: string;
  /** libpurple-style protocol id; default prpl-jabber. */
  protocol?: string;
  /** Where otr.private_key, otr.fingerprints, otr.instance_tags live; a temp dir (removed by stop) by default. */
  dir?: string;
  /** libotr policy bits; default POLICY.OPPORTUNISTIC (libotr's own default). */
  policy?: number;
  /** Fragment outgoing messages longer than this; 0 (default) = never. */
  maxMessageSize?: number;
  /** How long to wait for READY (key generation included); default 60 s. */
  startTimeoutMs?: number;
}

export interface LibotrPeer extends OtrParty {
  readonly account: string;
  readonly protocol: string;
  readonly dir: string;
  /** Our fingerprint, 40 lower-case hex digits. */
  readonly fingerprint: string;
  readonly instanceTag: number;
  /** Every event the harness printed, in order. */
  readonly events: LibotrEvent[];
  /** Commands (`> `), events and results, raw: print it when a test fails. */
  readonly transcript: string[];
  send(peer: string, text: string, instanceTag?: number): Promise<CommandResult>;
  receive(from: string, wire: string): Promise<ReceiveResult>;
  /** libotr's full query message (`?OTRv23?` plus an HTML explanation). */
  query(peer: string): Promise<CommandResult>;
  /** The one-line query (`?OTRv23?`), for IRC. */
  queryOneLine(peer: string): Promise<CommandResult>;
  end(peer: string): Promise<CommandResult>;
  status(peer: string): Promise<LibotrStatus>;
  setPolicy(policy: number): Promise<void>;
  setMaxMessageSize(bytes: number): Promise<void>;
  poll(): Promise<CommandResult>;
  smpStart(peer: string, secret: string | Uint8Array, question?: string): Promise<CommandResult>;
  smpRespond(peer: string, secret: string | Uint8Array): Promise<CommandResult>;
  smpAbort(peer: string): Promise<CommandResult>;
  /** otrl_message_symkey: the 32-byte extra key (hex) and the TLV 8 message. */
  symkey(peer: string, use: number, usedata: string | Uint8Array): Promise<CommandResult & { key: string }>;
  /** Sets (or clears, with null) a fingerprint's trust and writes the file. */
  trust(peer: string, fingerprint: string, trust: string | null): Promise<void>;
  writeFingerprints(): Promise<void>;
  /** Sends `quit`, waits for the exit (killing after a grace period), removes a temp dir. */
  stop(): Promise<void>;
}

const b64 = (data: string | Uint8Array): string => (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)).toString('base64');
const unb64 = (field: string | undefined): string => Buffer.from(field ?? '', 'base64').toString('utf8');
const optional = (field: string | undefined): string | null => (field === undefined || field === '-' ? null : field);
const hexNumber = (field: string | undefined): number | null => (optional(field) === null ? null : parseInt(field as string, 16));

/** Decodes one harness line; unknown lines are kept, never dropped. */
export function parseEvent(line: string): LibotrEvent {
  const f = line.split(' ');
  switch (f[0]) {
    case 'WIRE':
      return { type: 'wire', peer: unb64(f[1]), message: unb64(f[2]) };
    case 'EMPTY_INJECT':
      return { type: 'emptyInject', peer: unb64(f[1]) };
    case 'PLAIN':
      return { type: 'plain', text: unb64(f[1]), encrypted: f[2] === 'encrypted' };
    case 'IGNORED':
      return { type: 'ignored' };
    case 'TLVS':
      return { type: 'tlvs', types: (f[1] ?? '').split(',').map(Number) };
    case 'GONE_SECURE':
      return { type: 'goneSecure', peer: unb64(f[1]), instanceTag: parseInt(f[2] ?? '0', 16) };
    case 'GONE_INSECURE':
      return { type: 'goneInsecure', peer: unb64(f[1]) };
    case 'STILL_SECURE':
      return { type: 'stillSecure', peer: unb64(f[1]), isReply: f[2] === '1' };
    case 'NEW_FINGERPRINT':
      return { type: 'newFingerprint', peer: unb64(f[1]), fingerprint: f[2] ?? '' };
    case 'MSG_EVENT': {
      const message = optional(f[2]);
      return { type: 'msgEvent', event: f[1] ?? '', ...(message === null ? {} : { message: unb64(message) }), gcryError: Number(f[3] ?? 0) };
    }
    case 'ERROR_MSG':
      return { type: 'errorMessage', code: f[1] ?? '', text: unb64(f[2]) };
    case 'SMP': {
      const question = optional(f[3]);
      return { type: 'smp', event: (f[1] ?? 'NONE') as SmpEventName, progress: Number(f[2] ?? 0), ...(question === null ? {} : { question: unb64(question) }) };
    }
    case 'TRUST':
      return { type: 'trust', peer: unb64(f[1]), fingerprint: f[2] ?? '', trust: optional(f[3]) };
    case 'SYMKEY':
      return { type: 'symkey', key: f[1] ?? '' };
    case 'RECEIVED_SYMKEY':
      return { type: 'receivedSymkey', use: Number(f[1] ?? 0), usedata: Buffer.from(f[2] ?? '', 'base64'), key: f[3] ?? '' };
    case 'STATUS':
      return {
        type: 'status',
        msgstate: (f[1] ?? 'plaintext') as MsgState,
        fingerprint: optional(f[2]),
        ssid: optional(f[3]),
        protocolVersion: Number(f[4] ?? 0),
        instanceTag: hexNumber(f[5]),
        trust: optional(f[6]),
      };
    case 'INSTANCE':
      return { type: 'instance', instanceTag: hexNumber(f[1]), msgstate: (f[2] ?? 'plaintext') as MsgState, fingerprint: optional(f[3]) };
    case 'TIMER':
      return { type: 'timer', interval: Number(f[1] ?? 0) };
    case 'CREATE_PRIVKEY':
      return { type: 'createPrivkey' };
    case 'CREATE_INSTAG':
      return { type: 'createInstag' };
    default:
      return { type: 'unknown', line };
  }
}

const wireOf = (events: LibotrEvent[]): string[] => events.flatMap((e) => (e.type === 'wire' ? [e.message] : []));

interface Pending {
  lines: string[];
  resolve: (lines: string[]) => void;
  reject: (error: Error) => void;
}

/** Builds the harness if needed, starts one libotr user and waits for READY. */
export async function startLibotrPeer(options: LibotrPeerOptions): Promise<LibotrPeer> {
  const binary = buildLibotrHarness().path;
  const protocol = options.protocol ?? 'prpl-jabber';
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'sotto-libotr-'));
  const args = ['--account', options.account, '--protocol', protocol, '--dir', dir, '--policy', String(options.policy ?? POLICY.OPPORTUNISTIC)];
  args.push('--max-msg-size', String(options.maxMessageSize ?? 0));
  const child: ChildProcessWithoutNullStreams = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });

  const events: LibotrEvent[] = [];
  const transcript: string[] = [];
  let stderr = '';
  let exited: string | undefined;
  let pending: Pending | undefined;
  let ready: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  const describeExit = () => `the libotr harness ${exited ?? 'is running'}; stderr:\n${stderr || '(empty)'}`;

  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  child.stdin.on('error', () => {
    /* EPIPE after an exit: reported through the exit handler. */
  });
  child.once('error', (error) => {
    exited = `could not start: ${error.message}`;
    ready?.reject(new Error(describeExit()));
  });
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
    ready?.reject(new Error(describeExit()));
    pending?.reject(new Error(`${describeExit()}\nlast lines:\n${transcript.slice(-20).join('\n')}`));
    pending = undefined;
  });
  createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
    transcript.push(line);
    if (ready) {
      ready.resolve(line);
      ready = undefined;
      return;
    }
    if (!pending) {
      events.push({ type: 'unknown', line });
      return;
    }
    if (line === 'OK' || line.startsWith('ERR ')) {
      const done = pending;
      pending = undefined;
      if (line === 'OK') done.resolve(done.lines);
      else done.reject(new Error(`libotr harness: ${unb64(line.slice(4))}`));
      return;
    }
    pending.lines.push(line);
    events.push(parseEvent(line));
  });

  const startTimeout = options.startTimeoutMs ?? 60_000;
  const readyLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY from the libotr harness in ${startTimeout} ms; ${describeExit()}`)), startTimeout);
    ready = {
      resolve: (line) => {
        clearTimeout(timer);
        resolve(line);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    };
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const [word, fingerprint, instag] = readyLine.split(' ');
  if (word !== 'READY' || !fingerprint || !/^[0-9a-f]{40}$/.test(fingerprint) || !instag) {
    child.kill('SIGKILL');
    throw new Error(`the libotr harness said ${JSON.stringify(readyLine)} instead of READY; ${describeExit()}`);
  }

  // One command at a time: each waits for the previous one's OK/ERR.
  let queue: Promise<unknown> = Promise.resolve();
  const command = (...fields: string[]): Promise<CommandResult> => {
    const run = async (): Promise<CommandResult> => {
      if (exited) throw new Error(describeExit());
      const lines = await new Promise<string[]>((resolve, reject) => {
        pending = { lines: [], resolve, reject };
        const line = fields.join(' ');
        transcript.push(`> ${line}`);
        child.stdin.write(`${line}\n`);
      });
      const parsed = lines.map(parseEvent);
      return { events: parsed, wire: wireOf(parsed) };
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };
  const nothing = async (promise: Promise<CommandResult>): Promise<void> => {
    await promise;
  };

  const peer: LibotrPeer = {
    name: options.account,
    account: options.account,
    protocol,
    dir,
    fingerprint,
    instanceTag: parseInt(instag, 16),
    events,
    transcript,
    send: (to, text, instanceTag) =>
      instanceTag === undefined ? command('send', b64(to), b64(text)) : command('send', b64(to), b64(text), instanceTag.toString(16)),
    async receive(from, wire) {
      const result = await command('recv', b64(from), b64(wire));
      const plain = result.events.find((e) => e.type === 'plain');
      const tlvs = result.events.find((e) => e.type === 'tlvs');
      return {
        ...result,
        ...(plain ? { plaintext: plain.text } : {}),
        encrypted: plain?.encrypted ?? false,
        ignored: result.events.some((e) => e.type === 'ignored'),
        tlvs: tlvs ? tlvs.types : [],
      };
    },
    query: (to) => command('query', b64(to)),
    queryOneLine: (to) => command('query1', b64(to)),
    end: (to) => command('end', b64(to)),
    async status(of) {
      const { events: lines } = await command('status', b64(of));
      const status = lines.find((e) => e.type === 'status');
      if (!status) throw new Error('libotr harness: status printed no STATUS line');
      const { type: _type, ...fields } = status;
      return {
        ...fields,
        instances: lines.flatMap((e) => (e.type === 'instance' ? [{ instanceTag: e.instanceTag, msgstate: e.msgstate, fingerprint: e.fingerprint }] : [])),
      };
    },
    setPolicy: (policy) => nothing(command('policy', String(policy))),
    setMaxMessageSize: (bytes) => nothing(command('maxsize', String(bytes))),
    poll: () => command('poll'),
    smpStart: (to, secret, question) =>
      question === undefined ? command('smp_start', b64(to), b64(secret)) : command('smp_start', b64(to), b64(secret), b64(question)),
    smpRespond: (to, secret) => command('smp_respond', b64(to), b64(secret)),
    smpAbort: (to) => command('smp_abort', b64(to)),
    async symkey(to, use, usedata) {
      const result = await command('symkey', b64(to), String(use), b64(usedata));
      const key = result.events.find((e) => e.type === 'symkey');
      if (!key) throw new Error('libotr harness: symkey printed no SYMKEY line');
      return { ...result, key: key.key };
    },
    trust: (of, fp, trust) => nothing(command('trust', b64(of), fp, trust ?? '-')),
    writeFingerprints: () => nothing(command('write')),
    async stop() {
      if (!exited) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await command('quit').catch(() => undefined);
        await gone;
        clearTimeout(timer);
      }
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return peer;
}

export interface Delivery {
  from: string;
  to: string;
  wire: string;
  /** What the receiver showed its user, if anything. */
  plaintext?: string;
}

export interface ShuttleOptions {
  /** Stop with an error after this many deliveries (a loop); default 500. */
  maxDeliveries?: number;
  /**
   * Sees each message before delivery and may replace it: return the
   * messages to deliver instead ([] drops it), or undefined to deliver it as
   * is. For tests of lossy or mangling networks.
   */
  intercept?: (message: { from: string; to: string; wire: string }) => string[] | undefined;
}

/**
 * Delivers `wire` (sent by `from`) to `to`, then every reply to the other
 * side, first in first out, until neither side has anything left to send.
 * Returns every delivery in order, with what each receiver showed its user.
 */
export async function shuttle(from: OtrParty, to: OtrParty, wire: readonly string[], options: ShuttleOptions = {}): Promise<Delivery[]> {
  const max = options.maxDeliveries ?? 500;
  const queue = wire.map((message) => ({ sender: from, receiver: to, wire: message }));
  const deliveries: Delivery[] = [];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { sender, receiver } = next;
    const replaced = options.intercept?.({ from: sender.name, to: receiver.name, wire: next.wire }) ?? [next.wire];
    for (const message of replaced) {
      if (deliveries.length >= max) throw new Error(`shuttle: more than ${max} deliveries between ${from.name} and ${to.name}; a loop?`);
      const result = await receiver.receive(sender.name, message);
      deliveries.push({ from: sender.name, to: receiver.name, wire: message, ...(result.plaintext === undefined ? {} : { plaintext: result.plaintext }) });
      for (const reply of result.wire) queue.push({ sender: receiver, receiver: sender, wire: reply });
    }
  }
  return deliveries;
}

export type LibotrBenchName = 'keygen' | 'ake' | 'data-alternating' | 'data-one-way' | 'fragmented' | 'smp';

export interface LibotrBenchResult {
  name: LibotrBenchName;
  unit: 'ms' | 'messages/s';
  median: number;
  /** ms: the 90th-percentile time. messages/s: the rate of the 90th-percentile (slow) round, so p90 <= median. */
  p90: number;
  /** ms benchmarks: the slowest iteration. */
  max?: number;
  iterations: number;
  messagesPerIteration?: number;
  messageBytes?: number;
  maxMessageSize?: number;
  libotr: string;
}

/**
 * Runs `harness --bench NAME`: libotr against itself in one process. Keys are
 * cached in `keyDir` (default build/libotr-harness/bench-keys) so only the
 * keygen benchmark pays for key generation.
 */
export async function runLibotrBench(
  name: LibotrBenchName,
  options: { iterations?: number; keyDir?: string; timeoutMs?: number } = {},
): Promise<LibotrBenchResult> {
  const binary = buildLibotrHarness().path;
  const args = ['--bench', name, '--dir', options.keyDir ?? join(HARNESS_BUILD_DIR, 'bench-keys')];
  if (options.iterations !== undefined) args.push('--iterations', String(options.iterations));
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(binary, args, { timeout: options.timeoutMs ?? 300_000, encoding: 'utf8' }, (error, out, err) => {
      if (error) reject(new Error(`libotr bench ${name} failed: ${error.message}\n${err}`));
      else resolve(out);
    });
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  const result = JSON.parse(line) as LibotrBenchResult;
  if (result.name !== name || typeof result.median !== 'number') throw new Error(`libotr bench ${name} printed ${line}`);
  return result;
}
