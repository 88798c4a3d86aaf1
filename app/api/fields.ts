/**
 * The contract's scalar fields, each with its bounds (bounded.ts): the shapes
 * (shapes.ts) and the commands and events (contract.ts) are built from them.
 */
import { chars, int } from './bounded';

export const accountId = chars({ min: 1, max: 200 });
/** A bare JID on XMPP, a nick on IRC. */
export const peer = chars({ min: 1, max: 3071 });
export const text = chars({ max: 1_000_000 });
export const shortText = chars({ max: 10_000 });
/** OTRv3's 20-byte fingerprint (40 hex digits) or OTRv4's 56-byte one (112): the length tells the version. */
export const fingerprintHex = chars({ pattern: /^(?:[0-9a-f]{40}|[0-9a-f]{112})$/ });
export const port = int(1, 65535);
