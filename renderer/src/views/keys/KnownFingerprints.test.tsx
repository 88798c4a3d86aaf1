// @vitest-environment jsdom
/**
 * The trust list names each key's OTR version: a buddy may have a v3 and a v4 key,
 * each trusted on its own, so the rows and their buttons say which is which.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintGroups } from '../../lib/format';
import { useOtrStore, type KnownFingerprint } from '../../store/otr-store';
import { buttonNamed, byTestId, cleanup, click, fakeApi, render, settle, textOf } from '../../test-support/render';
import { KnownFingerprints } from './KnownFingerprints';

const ALICE = 'xmpp:alice@example.org';
const V3 = 'c0ffee00'.repeat(5);
const V4 = 'facade00'.repeat(14);

const known = (fingerprint: string, extra: Partial<KnownFingerprint> = {}): KnownFingerprint => ({
  accountId: ALICE,
  peer: 'bob@example.org',
  fingerprint,
  trust: 'unverified',
  ...extra,
});

let api: ReturnType<typeof fakeApi>;
let list: KnownFingerprint[];

beforeEach(() => {
  useOtrStore.setState(useOtrStore.getInitialState(), true);
  list = [known(V3, { trust: 'verified-smp' }), known(V4)];
  api = fakeApi({ 'otr.fingerprint.list': () => list, 'otr.fingerprint.verify': () => ({}) });
});
afterEach(cleanup);

async function table() {
  const { container } = await render(<KnownFingerprints />);
  await settle();
  const rows = Array.from(container.querySelectorAll<HTMLElement>('[data-testid="known-fingerprint"]'));
  return { container, rows };
}

describe('the version of each known fingerprint', () => {
  it('has a Version column, v3 or v4 per row, told by the length while the core does not say', async () => {
    const { container, rows } = await table();
    expect(Array.from(container.querySelectorAll('thead th'), textOf)).toEqual([
      'Buddy',
      'Version',
      'Fingerprint',
      'Trust',
      'Actions',
    ]);
    expect(rows.map((r) => textOf(byTestId(r, 'fingerprint-version')))).toEqual(['OTR v3', 'OTR v4']);
  });

  it('takes the version from the core when it says', async () => {
    list = [known(V4, { version: 4 }), known(V3, { version: 3 })];
    const { rows } = await table();
    expect(rows.map((r) => textOf(byTestId(r, 'fingerprint-version')))).toEqual(['OTR v4', 'OTR v3']);
  });

  it('shows a v4 key in 14 groups of 8, two rows of 7, and a v3 key in 5', async () => {
    const { rows } = await table();
    const [v3, v4] = rows.map((r) => byTestId(r, 'fingerprint'));
    expect(textOf(v4)).toBe(fingerprintGroups(V4).join(' '));
    expect(Array.from(v4?.querySelectorAll('.fingerprint-row') ?? [], (r) => r.children.length)).toEqual([7, 7]);
    expect(v3?.querySelectorAll('.fingerprint-group')).toHaveLength(5);
  });

  it('names each button by its key’s version, so a screen reader tells the two rows apart', async () => {
    const { container } = await table();
    const names = Array.from(container.querySelectorAll('tbody button'), (b) => b.getAttribute('aria-label'));
    expect(names).toEqual([
      'Unverify bob@example.org (OTR v3)',
      'Forget fingerprint of bob@example.org (OTR v3)',
      'Verify bob@example.org (OTR v4)',
      'Forget fingerprint of bob@example.org (OTR v4)',
    ]);
  });

  it('verifies the v4 key alone', async () => {
    const { container } = await table();
    await click(buttonNamed(container, 'Verify bob@example.org (OTR v4)'));
    await settle();
    expect(api.calls).toContainEqual({
      method: 'otr.fingerprint.verify',
      params: { accountId: ALICE, peer: 'bob@example.org', fingerprint: V4, verified: true },
    });
  });
});
