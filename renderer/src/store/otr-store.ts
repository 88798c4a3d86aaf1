/**
 * OTR per conversation: the status the core reported, the authentication (SMP)
 * under way, and whether the buddy's key changed since a verified one. Also
 * the known fingerprints and key generation, shown on the Keys page.
 */
import { create } from 'zustand';
import type { CommandResult } from '../../../app/api/contract';
import type { OtrStatus } from '../../../app/api/shapes';
import type { ConvKey } from '../lib/conversation-keys';

export type SmpOutcome = 'succeeded' | 'failed' | 'aborted' | 'cheated' | 'error';

export interface SmpRun {
  /** Who asked: we run the wizard, they get the request dialog. */
  by: 'us' | 'them';
  method: 'question' | 'secret';
  question?: string;
  progress: number;
  /** They asked and we have not answered yet. */
  awaitingAnswer: boolean;
  outcome?: SmpOutcome;
  /** Set after the outcome: whether the buddy is now verified on our side. */
  verifiedAfter?: boolean;
}

/** Its `version` is optional in the contract: an older core leaves it out, and the key's length tells. */
export type KnownFingerprint = CommandResult<'otr.fingerprint.list'>[number];

/** The account's own fingerprints: v3, and v4 once it has v4 keys. */
export type MyFingerprints = CommandResult<'otr.fingerprint.mine'>;

interface OtrStoreState {
  status: Record<ConvKey, OtrStatus>;
  smp: Record<ConvKey, SmpRun>;
  fingerprints: KnownFingerprint[];
  mine: Record<string, MyFingerprints>;
  keygen: Record<string, { phase: 'started' | 'finished' | 'failed'; message?: string }>;
}

export const useOtrStore = create<OtrStoreState>(() => ({
  status: {},
  smp: {},
  fingerprints: [],
  mine: {},
  keygen: {},
}));

export function setStatus(key: ConvKey, status: OtrStatus): void {
  useOtrStore.setState((s) => ({ status: { ...s.status, [key]: status } }));
}

export function patchStatus(
  key: ConvKey,
  patch: Pick<OtrStatus, 'state' | 'verified' | 'keyChanged' | 'fingerprint' | 'version'>,
): void {
  useOtrStore.setState((s) => {
    const old = s.status[key] ?? { state: 'plaintext' as const, verified: false, keyChanged: false, instances: [] };
    const next: OtrStatus = { ...old, state: patch.state, verified: patch.verified, keyChanged: patch.keyChanged };
    if (patch.fingerprint) next.fingerprint = patch.fingerprint;
    else delete next.fingerprint;
    // What the old status said of the version and the transitional key belongs to its key:
    // kept for the same key (no flicker in the announced label), dropped for another or
    // for plaintext (a v3 key labelled "v4"); the full status that follows fills them in.
    const sameKey = patch.state !== 'plaintext' && patch.fingerprint === old.fingerprint;
    if (patch.version !== undefined) next.version = patch.version;
    else if (!sameKey) delete next.version;
    if (!sameKey) delete next.transitional;
    return { status: { ...s.status, [key]: next } };
  });
}

export function setSmp(key: ConvKey, run: SmpRun | undefined): void {
  useOtrStore.setState((s) => {
    const smp = { ...s.smp };
    if (run) smp[key] = run;
    else delete smp[key];
    return { smp };
  });
}

export function patchSmp(key: ConvKey, patch: Partial<SmpRun>): void {
  const run = useOtrStore.getState().smp[key];
  if (run) setSmp(key, { ...run, ...patch });
}

export function setFingerprints(fingerprints: KnownFingerprint[]): void {
  useOtrStore.setState({ fingerprints });
}

export function setMine(accountId: string, mine: MyFingerprints): void {
  useOtrStore.setState((s) => ({ mine: { ...s.mine, [accountId]: mine } }));
}

export function setKeygen(accountId: string, phase: 'started' | 'finished' | 'failed', message?: string): void {
  useOtrStore.setState((s) => ({ keygen: { ...s.keygen, [accountId]: { phase, ...(message ? { message } : {}) } } }));
}
