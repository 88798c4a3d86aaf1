/**
 * The layout of Sotto's three key store files in the profile folder (JSON, one
 * envelope each: {"format": …, "version": 1, …}), encoded and strictly decoded.
 * Sotto writes these files itself, so anything unexpected in them is damage: the
 * decoder refuses the whole file with a reason that names the place, never the
 * secret that was there.
 */
import { type DsaPrivateKey, isValidInstanceTag } from '../../otr';
import { accountKey, buddyKey, checkAccount, type AccountRef } from './account-refs';
import { concealSecret, dsaKeyProblem } from './dsa-key-check';
import type { StoreFileProblem } from './errors';
import { TRUST_LEVELS, type Trust } from './trust';
import { decodeV4Keys, encodeV4Keys, type StoredV4Keys } from './v4-keys';

export interface StoredKey {
  readonly account: AccountRef;
  readonly key: DsaPrivateKey;
  /** ISO 8601. */
  readonly created: string;
  /** The account's name in libotr's files, when the key came from there: exported under the same name. */
  readonly libotrName?: string;
  /**
   * The OTRv4 keys, made with the DSA key or on first need. Optional so that files
   * from before OTRv4 load unchanged.
   */
  readonly v4?: StoredV4Keys;
}

export interface KnownFingerprint {
  readonly account: AccountRef;
  /** As first seen; compared with accounts.ts buddyKey. */
  readonly buddy: string;
  /** 40 (OTRv3) or 112 (OTRv4) lower-case hex digits: the length tells the version. */
  readonly fingerprint: string;
  readonly trust: Trust;
  /** ISO 8601. */
  readonly firstSeen: string;
}

export interface StoredInstanceTag {
  readonly account: AccountRef;
  readonly tag: number;
}

export interface StoreData {
  keys: readonly StoredKey[];
  fingerprints: readonly KnownFingerprint[];
  instanceTags: readonly StoredInstanceTag[];
}

export type StorePart = keyof StoreData;

export const STORE_FILES: Readonly<Record<StorePart, string>> = {
  keys: 'otr-private-keys.json',
  fingerprints: 'otr-fingerprints.json',
  instanceTags: 'otr-instance-tags.json',
};

export const FORMAT: Readonly<Record<StorePart, string>> = {
  keys: 'sotto-otr-private-keys',
  fingerprints: 'sotto-otr-fingerprints',
  instanceTags: 'sotto-otr-instance-tags',
};

const VERSION = 1;

/** Thrown by decoding: why the file cannot be used, and which kind of problem that is. */
export class StoreDecodeError extends Error {
  constructor(
    readonly reason: string,
    readonly problem: Exclude<StoreFileProblem, 'unreadable'> = 'corrupt',
  ) {
    super(reason);
    this.name = 'StoreDecodeError';
  }
}

const hex = (n: bigint) => n.toString(16);

export function encodePart<P extends StorePart>(part: P, value: StoreData[P]): string {
  let items: unknown[];
  if (part === 'keys') {
    items = (value as StoreData['keys']).map((k) => ({
      account: { protocol: k.account.protocol, account: k.account.account },
      created: k.created,
      ...(k.libotrName === undefined ? {} : { libotrName: k.libotrName }),
      dsa: { p: hex(k.key.p), q: hex(k.key.q), g: hex(k.key.g), y: hex(k.key.y), x: hex(k.key.x) },
      ...(k.v4 ? { v4: encodeV4Keys(k.v4) } : {}),
    }));
  } else if (part === 'fingerprints') {
    items = (value as StoreData['fingerprints']).map((f) => ({
      ...f,
      account: { protocol: f.account.protocol, account: f.account.account },
    }));
  } else {
    items = (value as StoreData['instanceTags']).map((t) => ({
      account: { protocol: t.account.protocol, account: t.account.account },
      tag: t.tag,
    }));
  }
  return `${JSON.stringify({ format: FORMAT[part], version: VERSION, [part]: items }, null, 2)}\n`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function field(o: Obj, name: string, where: string, type: 'string' | 'number'): never | string | number {
  const v = o[name];
  if (typeof v !== type) throw new StoreDecodeError(`${where}.${name} is missing or not a ${type}`);
  return v as string | number;
}

function account(o: Obj, where: string): AccountRef {
  const a = o.account;
  if (!isObj(a)) throw new StoreDecodeError(`${where}.account is missing`);
  const ref = { protocol: a.protocol, account: a.account } as AccountRef;
  try {
    checkAccount(ref);
  } catch (error) {
    throw new StoreDecodeError(`${where}.account: ${(error as Error).message}`);
  }
  return ref;
}

function isoDate(o: Obj, name: string, where: string): string {
  const v = field(o, name, where, 'string') as string;
  if (Number.isNaN(Date.parse(v))) throw new StoreDecodeError(`${where}.${name} is not a date`);
  return v;
}

function decodeKey(o: Obj, where: string): StoredKey {
  const dsa = o.dsa;
  if (!isObj(dsa)) throw new StoreDecodeError(`${where}.dsa is missing`);
  const big = (name: string): bigint => {
    const v = dsa[name];
    if (typeof v !== 'string' || !/^[0-9a-f]{1,2048}$/.test(v))
      throw new StoreDecodeError(`${where}.dsa.${name} is not a hex number`);
    return BigInt(`0x${v}`);
  };
  const key = { p: big('p'), q: big('q'), g: big('g'), y: big('y'), x: big('x') };
  const problem = dsaKeyProblem(key);
  if (problem) throw new StoreDecodeError(`the key at ${where} is unusable: ${problem}`);
  const libotrName = o.libotrName;
  if (libotrName !== undefined && typeof libotrName !== 'string')
    throw new StoreDecodeError(`${where}.libotrName is not a string`);
  let v4: StoredV4Keys | undefined;
  try {
    v4 = o.v4 === undefined ? undefined : decodeV4Keys(o.v4);
  } catch (error) {
    throw new StoreDecodeError(`${where}.v4 ${(error as Error).message}`);
  }
  return {
    account: account(o, where),
    key: concealSecret(key),
    created: isoDate(o, 'created', where),
    ...(libotrName === undefined ? {} : { libotrName }),
    ...(v4 ? { v4 } : {}),
  };
}

function decodeFingerprint(o: Obj, where: string): KnownFingerprint {
  const fingerprint = field(o, 'fingerprint', where, 'string') as string;
  if (!/^(?:[0-9a-f]{40}|[0-9a-f]{112})$/.test(fingerprint))
    throw new StoreDecodeError(`${where}.fingerprint is not 40 or 112 lower-case hex digits`);
  const trust = o.trust as Trust;
  if (!TRUST_LEVELS.includes(trust))
    throw new StoreDecodeError(`${where}.trust is not one of ${TRUST_LEVELS.join(', ')}`);
  const buddy = field(o, 'buddy', where, 'string') as string;
  if (buddy === '') throw new StoreDecodeError(`${where}.buddy is empty`);
  return { account: account(o, where), buddy, fingerprint, trust, firstSeen: isoDate(o, 'firstSeen', where) };
}

function decodeTag(o: Obj, where: string): StoredInstanceTag {
  const tag = field(o, 'tag', where, 'number') as number;
  if (!isValidInstanceTag(tag)) throw new StoreDecodeError(`${where}.tag is not a valid instance tag`);
  return { account: account(o, where), tag };
}

/** Decodes a file's text; throws StoreDecodeError. */
export function decodePart<P extends StorePart>(part: P, text: string): StoreData[P] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    // Only the position: V8's message can quote the text around it, and that may be a key.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    throw new StoreDecodeError(`not valid JSON${line === undefined ? '' : ` (line ${line})`}`);
  }
  if (!isObj(doc) || doc.format !== FORMAT[part])
    throw new StoreDecodeError(`not a Sotto ${part} file (no "format": "${FORMAT[part]}")`);
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1)
    throw new StoreDecodeError('no valid "version"');
  if (doc.version > VERSION)
    throw new StoreDecodeError(`version ${doc.version}; this Sotto reads version ${VERSION}`, 'newer-version');
  const items = doc[part];
  if (!Array.isArray(items)) throw new StoreDecodeError(`"${part}" is not a list`);
  const decode = part === 'keys' ? decodeKey : part === 'fingerprints' ? decodeFingerprint : decodeTag;
  const seen = new Map<string, number>();
  return items.map((item, i) => {
    const where = `${part}[${i}]`;
    if (!isObj(item)) throw new StoreDecodeError(`${where} is not an object`);
    const decoded = decode(item, where);
    const id = identity(part, decoded);
    const first = seen.get(id);
    if (first !== undefined) throw new StoreDecodeError(`${where} repeats ${part}[${first}]`);
    seen.set(id, i);
    return decoded;
  }) as StoreData[P];
}

/** What makes an entry unique: one key and one tag per account, one record per account, buddy and fingerprint. */
export function identity(part: StorePart, entry: StoredKey | KnownFingerprint | StoredInstanceTag): string {
  if (part !== 'fingerprints') return accountKey(entry.account);
  const f = entry as KnownFingerprint;
  return JSON.stringify([accountKey(f.account), buddyKey(f.account.protocol, f.buddy), f.fingerprint]);
}
