/**
 * Mutations of recorded messages, for the transcript fuzzer. They work on whole
 * messages (fragments put back together), so that they reach the AKE, data and
 * SMP code rather than stop at reassembly: bit flips in the base64-decoded
 * bytes, truncation, exact duplicates, two messages spliced, rewritten instance
 * tags, and a fragmented message with a piece of another one in it. The result
 * goes out whole or in fragments. None of them can make a valid MAC.
 */
import { constantTimeEqual } from '../bytes';
import { encodeBase64 } from '../wire/base64';
import { WireError } from '../wire/codec';
import { fragmentMessage, fragmentOverhead, parseFragment } from '../wire/fragments';
import { decodeMessage, type DecodedMessage } from '../wire/messages';
import { classify } from '../wire/text-messages';
import type { Side, WireMessage } from './transcript';

/** One message as its sender meant it, and the pieces it went out in. */
export interface LogicalMessage {
  from: Side;
  text: string;
  pieces: string[];
}

/** Groups each run of fragments 1..n from one sender back into its message. */
export function logicalMessages(wire: readonly WireMessage[]): LogicalMessage[] {
  const out: LogicalMessage[] = [];
  let open: LogicalMessage | undefined;
  for (const m of wire) {
    const f = parseFragment(m.text);
    if (!f) {
      out.push({ from: m.from, text: m.text, pieces: [m.text] });
      continue;
    }
    if (f.k === 1) open = { from: m.from, text: '', pieces: [] };
    if (!open) throw new Error('a fragment without its first piece in the corpus');
    open.text += f.piece;
    open.pieces.push(m.text);
    if (f.k === f.n) {
      out.push(open);
      open = undefined;
    }
  }
  return out;
}

type Common = { source: number; fragmented: boolean };
export type Mutation = Common &
  (
    | { op: 'bitflip'; bit: number }
    | { op: 'truncate'; keep: number }
    | { op: 'duplicate' }
    | { op: 'splice'; other: number; cut: number }
    | { op: 'instance-tag'; field: 'sender' | 'receiver'; tag: number }
    | { op: 'foreign-piece'; other: number; at: number }
  );

const encodedBytes = (text: string): Uint8Array | undefined => {
  const c = classify(text);
  return c.kind === 'encoded' ? c.bytes : undefined;
};
const encoded = (bytes: Uint8Array) => `?OTR:${encodeBase64(bytes)}.`;

function flipBit(text: string, bit: number): string {
  const bytes = encodedBytes(text);
  if (bytes && bytes.length > 0) {
    const out = bytes.slice();
    const i = Math.floor(bit / 8) % out.length;
    out[i] = (out[i] as number) ^ (1 << (bit % 8));
    return encoded(out);
  }
  const i = Math.floor(bit / 7) % Math.max(text.length, 1);
  return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ (1 << (bit % 7))) + text.slice(i + 1);
}

/** Keeps `keep` per mille (at least one byte or character, never all). */
function truncate(text: string, keep: number): string {
  const bytes = encodedBytes(text);
  const cut = (n: number) => Math.min(n - 1, Math.max(1, Math.floor((n * keep) / 1000)));
  if (bytes && bytes.length > 1) return encoded(bytes.subarray(0, cut(bytes.length)));
  return text.length > 1 ? text.slice(0, cut(text.length)) : '';
}

/** The first `cut` per mille of `a`'s bytes, then `b`'s from there on. */
function splice(a: string, b: string, cut: number): string {
  const ba = encodedBytes(a);
  const bb = encodedBytes(b);
  if (!ba || !bb) return a;
  const at = Math.floor((Math.min(ba.length, bb.length) * cut) / 1000);
  const out = new Uint8Array(bb.length);
  out.set(ba.subarray(0, at));
  out.set(bb.subarray(at), at);
  return encoded(out);
}

function retag(text: string, field: 'sender' | 'receiver', tag: number): string {
  const bytes = encodedBytes(text);
  if (!bytes || bytes.length < 11 || bytes[1] !== 3) return text;
  const out = bytes.slice();
  new DataView(out.buffer).setUint32(field === 'sender' ? 3 : 7, tag >>> 0);
  return encoded(out);
}

/** Fragments of `text` as a version 3 sender would cut them, with the tags its header names (or the original's). */
function refragment(text: string, original: LogicalMessage, maxBytes: number): string[] {
  const bytes = encodedBytes(text);
  const head = parseFragment(original.pieces[0]!);
  const view = bytes && bytes.length >= 11 && bytes[1] === 3 ? new DataView(bytes.buffer, bytes.byteOffset) : undefined;
  const sender = view?.getUint32(3) ?? head?.senderTag ?? 0;
  const receiver = view?.getUint32(7) ?? head?.receiverTag ?? 0;
  return fragmentMessage(text, maxBytes, bytes?.[1] === 2 ? 2 : 3, sender, receiver);
}

/** The pieces `m` went out in, or, if it went whole, two halves of it: a hybrid needs at least two. */
function piecesOf(m: LogicalMessage): string[] {
  if (m.pieces.length > 1 || !encodedBytes(m.text)) return m.pieces;
  return refragment(m.text, m, fragmentOverhead(3) + Math.ceil(m.text.length / 2));
}

/**
 * `a`'s fragments with one piece (the first from `at` on that differs) taken
 * from `b`, its header kept: reassembly yields a hybrid of the two messages.
 */
function foreignPiece(a: LogicalMessage, b: LogicalMessage, at: number): string[] {
  const pa = piecesOf(a);
  const pb = piecesOf(b);
  for (let step = 0; step < pa.length; step++) {
    const i = (at + step) % pa.length;
    const fa = parseFragment(pa[i]!);
    const fb = pb[i] === undefined ? undefined : parseFragment(pb[i]!);
    if (fa && fb && fa.piece !== fb.piece)
      return pa.map((p, j) => (j === i ? p.replace(`,${fa.piece},`, `,${fb.piece},`) : p));
  }
  return pa;
}

/** The message `texts` deliver, put back together when they are fragments. */
function reassembled(texts: readonly string[]): string {
  const pieces = texts.map((t) => parseFragment(t)?.piece);
  return pieces.every((p) => p !== undefined) ? pieces.join('') : texts.join('');
}

function decoded(text: string): DecodedMessage | undefined {
  const bytes = encodedBytes(text);
  try {
    return bytes && decodeMessage(bytes);
  } catch (err) {
    if (err instanceof WireError) return undefined;
    throw err;
  }
}

/**
 * Whether `texts` still carry `source`'s data message with its MAC-covered part
 * and its MAC intact (so an authentic copy, whatever else changed): the one
 * kind of mutation a receiver may rightly read.
 */
export function keepsAuthenticatedPart(texts: readonly string[], source: LogicalMessage): boolean {
  const m = decoded(reassembled(texts));
  const o = decoded(source.text);
  if (m?.type !== 'data' || o?.type !== 'data' || !m.authenticated || !o.authenticated) return false;
  return (
    m.authenticated.length === o.authenticated.length &&
    constantTimeEqual(m.authenticated, o.authenticated) &&
    constantTimeEqual(m.mac, o.mac)
  );
}

/** What to deliver, in order, for mutation `m` of the corpus. */
export function mutate(corpus: readonly LogicalMessage[], m: Mutation, maxBytes: number): string[] {
  const pick = (i: number) => corpus[i % corpus.length]!;
  const source = pick(m.source);
  let text: string;
  switch (m.op) {
    case 'foreign-piece':
      return foreignPiece(source, pick(m.other), m.at);
    case 'duplicate':
      return m.fragmented ? source.pieces : [source.text];
    case 'bitflip':
      text = flipBit(source.text, m.bit);
      break;
    case 'truncate':
      text = truncate(source.text, m.keep);
      break;
    case 'splice':
      text = splice(source.text, pick(m.other).text, m.cut);
      break;
    case 'instance-tag':
      text = retag(source.text, m.field, m.tag);
      break;
  }
  return m.fragmented && encodedBytes(text) ? refragment(text, source, maxBytes) : [text];
}
