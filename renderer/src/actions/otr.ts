/** OTR commands for one conversation: start, end, instances, authentication (SMP) and fingerprints. */
import { api } from '../api/api';
import { splitKey, type ConvKey } from '../lib/conversation-keys';
import { patchSmp, setFingerprints, setMine, setSmp, setStatus, useOtrStore } from '../store/otr-store';

export async function refreshOtrStatus(key: ConvKey): Promise<void> {
  const { accountId, peer } = splitKey(key);
  try {
    setStatus(key, await api().call('otr.status', { accountId, peer }));
  } catch {
    // Offline accounts have no OTR layer: the conversation is simply not private.
    setStatus(key, { state: 'plaintext', verified: false, keyChanged: false, instances: [] });
  }
}

export async function startOtr(key: ConvKey): Promise<void> {
  setStatus(key, await api().call('otr.start', splitKey(key)));
}

export async function endOtr(key: ConvKey): Promise<void> {
  setStatus(key, await api().call('otr.end', splitKey(key)));
}

export async function selectInstance(key: ConvKey, instanceTag: number | undefined): Promise<void> {
  const { accountId, peer } = splitKey(key);
  setStatus(
    key,
    await api().call('otr.selectInstance', { accountId, peer, ...(instanceTag !== undefined ? { instanceTag } : {}) }),
  );
}

export async function startSmp(key: ConvKey, secret: string, question?: string): Promise<void> {
  setSmp(key, {
    by: 'us',
    method: question ? 'question' : 'secret',
    ...(question ? { question } : {}),
    progress: 0,
    awaitingAnswer: false,
  });
  try {
    await api().call('otr.smp.start', { ...splitKey(key), secret, ...(question ? { question } : {}) });
  } catch (err) {
    setSmp(key, undefined);
    throw err;
  }
}

export async function respondSmp(key: ConvKey, secret: string): Promise<void> {
  patchSmp(key, { awaitingAnswer: false });
  try {
    await api().call('otr.smp.respond', { ...splitKey(key), secret });
  } catch (err) {
    patchSmp(key, { awaitingAnswer: true });
    throw err;
  }
}

export async function abortSmp(key: ConvKey): Promise<void> {
  const run = useOtrStore.getState().smp[key];
  setSmp(key, undefined);
  if (run && !run.outcome) await api().call('otr.smp.abort', splitKey(key));
}

export async function refreshFingerprints(): Promise<void> {
  setFingerprints(await api().call('otr.fingerprint.list', {}));
}

/** The account's own fingerprints; the v4 one is known only here (the account summary has v3's). */
export async function refreshMyFingerprints(accountId: string): Promise<void> {
  setMine(accountId, await api().call('otr.fingerprint.mine', { accountId }));
}

export async function verifyFingerprint(
  accountId: string,
  peer: string,
  fingerprint: string,
  verified: boolean,
): Promise<void> {
  await api().call('otr.fingerprint.verify', { accountId, peer, fingerprint, verified });
  await refreshFingerprints();
}

export async function forgetFingerprint(accountId: string, peer: string, fingerprint: string): Promise<void> {
  await api().call('otr.fingerprint.forget', { accountId, peer, fingerprint });
  await refreshFingerprints();
}
