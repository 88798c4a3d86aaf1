/** OTR per conversation: status updates from events, SMP runs, key generation. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { OtrStatus } from '../../../app/api/shapes';
import { convKey } from '../lib/conversation-keys';
import { patchSmp, patchStatus, setKeygen, setMine, setSmp, setStatus, useOtrStore, type SmpRun } from './otr-store';

const BOB = convKey('acct', 'bob@example.org');
const CAROL = convKey('acct', 'carol@example.org');
const FP = 'ab'.repeat(20);
const FP2 = 'cd'.repeat(20);
const V4FP = 'ef'.repeat(56);

const full: OtrStatus = {
  state: 'encrypted',
  verified: false,
  keyChanged: false,
  fingerprint: FP,
  instanceTag: 0x101,
  instances: [{ instanceTag: 0x101, state: 'encrypted', fingerprint: FP, verified: false }],
};
const run: SmpRun = { by: 'us', method: 'secret', progress: 25, awaitingAnswer: false };

const status = (key = BOB) => useOtrStore.getState().status[key];

beforeEach(() => useOtrStore.setState(useOtrStore.getInitialState(), true));

describe('status', () => {
  it('keeps a status per conversation', () => {
    setStatus(BOB, full);
    expect(status(BOB)).toEqual(full);
    expect(status(CAROL)).toBeUndefined();
  });

  it('applies an otr.state event over the full status, keeping what the event does not carry (instances, instance tag)', () => {
    setStatus(BOB, full);
    patchStatus(BOB, { state: 'encrypted', verified: true, keyChanged: false, fingerprint: FP });
    expect(status()).toEqual({ ...full, verified: true });
  });

  it('starts from plaintext with no instances when the event comes first', () => {
    patchStatus(BOB, { state: 'encrypted', verified: false, keyChanged: true, fingerprint: FP2 });
    expect(status()).toEqual({
      state: 'encrypted',
      verified: false,
      keyChanged: true,
      fingerprint: FP2,
      instances: [],
    });
  });

  it('takes the new fingerprint from the event', () => {
    setStatus(BOB, full);
    patchStatus(BOB, { state: 'encrypted', verified: false, keyChanged: true, fingerprint: FP2 });
    expect(status()?.fingerprint).toBe(FP2);
  });

  it('forgets the fingerprint when the event has none (back to plaintext)', () => {
    setStatus(BOB, full);
    patchStatus(BOB, { state: 'plaintext', verified: false, keyChanged: false });
    expect(status()).not.toHaveProperty('fingerprint');
    expect(status()?.state).toBe('plaintext');
  });

  it('takes the version from the event', () => {
    setStatus(BOB, full);
    patchStatus(BOB, { state: 'encrypted', verified: false, keyChanged: false, fingerprint: FP, version: 3 });
    expect(status()?.version).toBe(3);
  });

  it('keeps the version and the transitional key for the same key when the event leaves them out (no flicker)', () => {
    const transitional = { fingerprint: FP2, verified: true };
    setStatus(BOB, { ...full, fingerprint: V4FP, version: 4, transitional });
    patchStatus(BOB, { state: 'encrypted', verified: true, keyChanged: false, fingerprint: V4FP });
    expect(status()).toMatchObject({ version: 4, transitional, verified: true });
  });

  it('drops the version and the transitional key of another key, or of plaintext', () => {
    setStatus(BOB, { ...full, fingerprint: V4FP, version: 4, transitional: { fingerprint: FP2, verified: true } });
    patchStatus(BOB, { state: 'encrypted', verified: false, keyChanged: false, fingerprint: FP });
    expect(status()).not.toHaveProperty('version');
    expect(status()).not.toHaveProperty('transitional');
    setStatus(BOB, { ...full, version: 3 });
    patchStatus(BOB, { state: 'plaintext', verified: false, keyChanged: false });
    expect(status()).not.toHaveProperty('version');
  });

  it('keeps the version of a finished conversation, so Finished still names it', () => {
    setStatus(BOB, { ...full, fingerprint: V4FP, version: 4 });
    patchStatus(BOB, { state: 'finished', verified: false, keyChanged: false, fingerprint: V4FP, version: 4 });
    expect(status()).toMatchObject({ state: 'finished', version: 4 });
  });

  it('changes only the conversation the event is about', () => {
    setStatus(BOB, full);
    patchStatus(CAROL, { state: 'finished', verified: false, keyChanged: false });
    expect(status(BOB)).toEqual(full);
  });
});

describe('SMP runs', () => {
  it('starts and ends a run', () => {
    setSmp(BOB, run);
    expect(useOtrStore.getState().smp[BOB]).toEqual(run);
    setSmp(BOB, undefined);
    expect(useOtrStore.getState().smp).not.toHaveProperty(BOB);
  });

  it('updates a run under way', () => {
    setSmp(BOB, run);
    patchSmp(BOB, { progress: 100, outcome: 'succeeded' });
    expect(useOtrStore.getState().smp[BOB]).toEqual({ ...run, progress: 100, outcome: 'succeeded' });
  });

  it('ignores an update for a conversation with no run (it was cancelled)', () => {
    patchSmp(BOB, { progress: 50 });
    expect(useOtrStore.getState().smp).toEqual({});
  });
});

describe('key generation', () => {
  it('records the phase per account, with the message only when there is one', () => {
    setKeygen('acct', 'started');
    setKeygen('other', 'failed', 'no entropy');
    setKeygen('third', 'finished', '');
    expect(useOtrStore.getState().keygen).toEqual({
      acct: { phase: 'started' },
      other: { phase: 'failed', message: 'no entropy' },
      third: { phase: 'finished' },
    });
  });
});

describe('my fingerprints', () => {
  it('keeps each account’s own, the v4 one beside the v3 one', () => {
    setMine('acct', { fingerprint: FP, formatted: 'x', v4: { fingerprint: V4FP, formatted: 'y' } });
    setMine('other', { fingerprint: FP2, formatted: 'z' });
    expect(useOtrStore.getState().mine['acct']?.v4?.fingerprint).toBe(V4FP);
    expect(useOtrStore.getState().mine['other']?.v4).toBeUndefined();
  });
});
