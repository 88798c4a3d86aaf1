/**
 * What the libotr harness (testkit/libotr-harness) prints, decoded: one
 * `LibotrEvent` per line, named after the libotr callback that printed it, and
 * the field encodings the line protocol uses both ways (free-form text is
 * base64; `-` is an absent field).
 */

export type MsgState = 'plaintext' | 'encrypted' | 'finished';
export type SmpEventName =
  'NONE' | 'ERROR' | 'ABORT' | 'CHEATED' | 'ASK_FOR_ANSWER' | 'ASK_FOR_SECRET' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE';

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
  | {
      type: 'status';
      msgstate: MsgState;
      fingerprint: string | null;
      ssid: string | null;
      protocolVersion: number;
      instanceTag: number | null;
      trust: string | null;
    }
  | { type: 'instance'; instanceTag: number | null; msgstate: MsgState; fingerprint: string | null }
  | { type: 'timer'; interval: number }
  | { type: 'createPrivkey' }
  | { type: 'createInstag' }
  | { type: 'unknown'; line: string };

export const b64 = (data: string | Uint8Array): string =>
  (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data)).toString('base64');
export const unb64 = (field: string | undefined): string => Buffer.from(field ?? '', 'base64').toString('utf8');
const optional = (field: string | undefined): string | null => (field === undefined || field === '-' ? null : field);
const hexNumber = (field: string | undefined): number | null =>
  optional(field) === null ? null : parseInt(field as string, 16);

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
      return {
        type: 'msgEvent',
        event: f[1] ?? '',
        ...(message === null ? {} : { message: unb64(message) }),
        gcryError: Number(f[3] ?? 0),
      };
    }
    case 'ERROR_MSG':
      return { type: 'errorMessage', code: f[1] ?? '', text: unb64(f[2]) };
    case 'SMP': {
      const question = optional(f[3]);
      return {
        type: 'smp',
        event: (f[1] ?? 'NONE') as SmpEventName,
        progress: Number(f[2] ?? 0),
        ...(question === null ? {} : { question: unb64(question) }),
      };
    }
    case 'TRUST':
      return { type: 'trust', peer: unb64(f[1]), fingerprint: f[2] ?? '', trust: optional(f[3]) };
    case 'SYMKEY':
      return { type: 'symkey', key: f[1] ?? '' };
    case 'RECEIVED_SYMKEY':
      return {
        type: 'receivedSymkey',
        use: Number(f[1] ?? 0),
        usedata: Buffer.from(f[2] ?? '', 'base64'),
        key: f[3] ?? '',
      };
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
      return {
        type: 'instance',
        instanceTag: hexNumber(f[1]),
        msgstate: (f[2] ?? 'plaintext') as MsgState,
        fingerprint: optional(f[3]),
      };
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

/** The messages libotr sent to the network (its WIRE lines), in order. */
export const wireOf = (events: LibotrEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'wire' ? [e.message] : []));
