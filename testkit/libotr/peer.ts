/**
 * The process driver of the libotr interop harness (testkit/libotr-harness):
 * a real libotr 4.1.1 user in a child process, driven command by command, so
 * tests can hold whole OTR conversations with the reference implementation.
 * harness-process.ts keeps the child process and its line protocol (one
 * command at a time, each ended by `OK` or `ERR`); events.ts decodes what it
 * prints; shuttle.ts carries messages between it and another party; bench.ts
 * runs its bench mode.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLibotrHarness } from '../libotr-harness/build';
import { b64, type LibotrEvent, type MsgState } from './events';
import { startHarnessProcess, type CommandResult } from './harness-process';
import type { OtrParty } from './shuttle';

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

/** Builds the harness if needed, starts one libotr user and waits for READY. */
export async function startLibotrPeer(options: LibotrPeerOptions): Promise<LibotrPeer> {
  const binary = buildLibotrHarness().path;
  const protocol = options.protocol ?? 'prpl-jabber';
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'sotto-libotr-'));
  const args = [
    '--account',
    options.account,
    '--protocol',
    protocol,
    '--dir',
    dir,
    '--policy',
    String(options.policy ?? POLICY.OPPORTUNISTIC),
  ];
  args.push('--max-msg-size', String(options.maxMessageSize ?? 0));
  const harness = await startHarnessProcess(binary, args, options.startTimeoutMs ?? 60_000);
  const { command } = harness;
  const nothing = async (promise: Promise<CommandResult>): Promise<void> => {
    await promise;
  };

  const peer: LibotrPeer = {
    name: options.account,
    account: options.account,
    protocol,
    dir,
    fingerprint: harness.fingerprint,
    instanceTag: harness.instanceTag,
    events: harness.events,
    transcript: harness.transcript,
    send: (to, text, instanceTag) =>
      instanceTag === undefined
        ? command('send', b64(to), b64(text))
        : command('send', b64(to), b64(text), instanceTag.toString(16)),
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
        instances: lines.flatMap((e) =>
          e.type === 'instance'
            ? [{ instanceTag: e.instanceTag, msgstate: e.msgstate, fingerprint: e.fingerprint }]
            : [],
        ),
      };
    },
    setPolicy: (policy) => nothing(command('policy', String(policy))),
    setMaxMessageSize: (bytes) => nothing(command('maxsize', String(bytes))),
    poll: () => command('poll'),
    smpStart: (to, secret, question) =>
      question === undefined
        ? command('smp_start', b64(to), b64(secret))
        : command('smp_start', b64(to), b64(secret), b64(question)),
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
      await harness.quit();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return peer;
}
