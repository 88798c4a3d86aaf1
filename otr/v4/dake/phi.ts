/**
 * The shared session state Φ ("Shared Session State"): what the OTRv4 spec mandates
 * (both instance tags, the first ephemeral keys of the double ratchet) followed by
 * phi', the host's own context: here the two parties' names on the network (XMPP bare
 * JIDs, IRC nicks). Both sides must build the same bytes without agreeing first, so
 * every part is put in an order both can compute (DECISIONS.md D24):
 *
 *   INT(lower tag) || INT(higher tag)
 *   || POINT(Bob's ecdh_first) || MPI(Bob's dh_first)
 *   || POINT(Alice's ecdh_first) || MPI(Alice's dh_first)
 *   || DATA(UTF-8 of the lower name) || DATA(UTF-8 of the higher name)
 *
 * Bob sent the Identity message, Alice the Auth-R message ("Interactive DAKE Overview").
 */
import type { CurvePoint } from '../crypto/ed448';
import { V4Writer } from '../wire/codec';

/** phi' as the host knows it: our name and the peer's, in the host's canonical form. */
export interface PhiNames {
  readonly ours: string;
  readonly theirs: string;
}

/** One side's our_ecdh_first.public and our_dh_first.public. */
export interface FirstPublicKeys {
  readonly ecdh: CurvePoint;
  readonly dh: bigint;
}

export interface PhiInputs {
  /** Both instance tags, in either order: they are sorted here. */
  readonly tags: readonly [number, number];
  /** The first keys of the Identity message's sender. */
  readonly bob: FirstPublicKeys;
  /** The first keys of the Auth-R message's sender. */
  readonly alice: FirstPublicKeys;
  readonly names: PhiNames;
}

/** Byte-wise order of UTF-8 encodings, which is the order of Unicode code points (not JavaScript's UTF-16 order). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Φ = the spec's session identifier || phi' ("phi = session identifier mandated by the OTRv4 spec || phi'"). */
export function sharedSessionState(p: PhiInputs): Uint8Array {
  // "sort the instance tag by numerical order and any string passed to phi' lexicographically"
  const [lowTag, highTag] = p.tags[0] <= p.tags[1] ? p.tags : [p.tags[1], p.tags[0]];
  const utf8 = new TextEncoder();
  const names = [utf8.encode(p.names.ours), utf8.encode(p.names.theirs)].sort(compareBytes);
  return new V4Writer()
    .int(lowTag)
    .int(highTag)
    .point(p.bob.ecdh)
    .mpi(p.bob.dh)
    .point(p.alice.ecdh)
    .mpi(p.alice.dh)
    .data(names[0] as Uint8Array)
    .data(names[1] as Uint8Array)
    .finish();
}
