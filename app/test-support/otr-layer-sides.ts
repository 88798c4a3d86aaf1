/**
 * Two ends of an OTR conversation through OtrLayer (app/otr-host/otr-layer.ts)
 * over FakeAdapters, for the layer's tests: an identity that remembers the
 * fingerprints it saw and the ones verified, a side that records what the layer
 * reports, and a link that carries messages between two sides.
 */
import type { PolicyLevel } from '../../otr';
import { ALICE_KEY, ManualClock, testEnv } from '../../otr/test-support/fixtures';
import type { IncomingMessage } from '../../protocols/adapter';
import type { FingerprintStatus } from '../keys';
import { OtrLayer, type LineOutcome, type OtrIdentity } from '../otr-host/otr-layer';
import type { LineNote } from '../wording/otr-lines';
import { FakeAdapter } from './fake-adapter';

export interface Side {
  layer: OtrLayer;
  adapter: FakeAdapter;
  messages: { peer: string; text: string; encrypted: boolean; verified: boolean }[];
  notes: LineNote[];
  lines: { ids: number[]; outcome: LineOutcome }[];
  inbox: IncomingMessage[];
  policy: PolicyLevel;
  /** Runs as the layer reports a state change, synchronously. */
  onState?: () => void;
}

export function identity(
  key = ALICE_KEY,
  tag = 0x111,
  known: Record<string, string> = {},
): OtrIdentity & { verified: Set<string> } {
  const seen = new Map(Object.entries(known));
  const verified = new Set<string>();
  return {
    verified,
    verifiedBySmp: async (peer, fp) => void verified.add(`${peer} ${fp}`),
    key,
    instanceTag: tag,
    observeFingerprint(peer, fp): FingerprintStatus {
      const before = seen.get(peer);
      seen.set(peer, fp);
      return before === undefined ? 'new' : before === fp ? 'known-unverified' : 'changed';
    },
    isVerified: (peer, fp) => verified.has(`${peer} ${fp}`),
    hasVerified: (peer) => [...verified].some((v) => v.startsWith(`${peer} `)),
    keyChanged: (peer, fp) => seen.get(peer) !== undefined && seen.get(peer) !== fp,
  };
}

export function side(
  name: string,
  id: OtrIdentity,
  policy: PolicyLevel,
  adapter = new FakeAdapter(name),
  clock = new ManualClock(),
): Side {
  const s: Side = { adapter, messages: [], notes: [], lines: [], inbox: [], policy, layer: undefined as never };
  let nextId = 1;
  s.layer = new OtrLayer({
    accountName: name,
    nameForPeers: name,
    adapter,
    identity: id,
    env: testEnv(name, clock),
    policyFor: () => s.policy,
    logger: { log: () => undefined },
    newMessageId: () => nextId++,
    events: {
      message: (peer, { text, encrypted, verified }) => void s.messages.push({ peer, text, encrypted, verified }),
      note: (_peer, note) => void s.notes.push(note),
      state: () => s.onState?.(),
      lines: (_peer, ids, outcome) => void s.lines.push({ ids, outcome }),
      otrEvent: () => undefined,
    },
  });
  return s;
}

/** Links two sides; messages queue up and flow() delivers them until quiet. */
export function link(a: Side, b: Side) {
  a.adapter.deliver = (m) => b.inbox.push(m);
  b.adapter.deliver = (m) => a.inbox.push(m);
  return async () => {
    for (let i = 0; i < 100 && (a.inbox.length || b.inbox.length); i++) {
      for (const s of [a, b]) {
        const batch = s.inbox.splice(0);
        for (const m of batch) await s.layer.receive(m);
      }
    }
  };
}
