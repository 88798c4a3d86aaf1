// @vitest-environment jsdom
/** My keys: the OTRv4 fingerprint beside the v3 one once the account has v4 keys, each labelled. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../../app/api/shapes';
import { fingerprintGroups } from '../../lib/format';
import { useAppStore } from '../../store/app-store';
import { useOtrStore } from '../../store/otr-store';
import { byTestId, cleanup, fakeApi, render, settle, textOf } from '../../test-support/render';
import { MyKeys } from './MyKeys';

const V3 = '5eed5eed'.repeat(5);
const V4 = 'abad1dea'.repeat(14);
const spaced = (hex: string) => fingerprintGroups(hex).join(' ');

const account: AccountSummary = {
  accountId: 'xmpp:alice@example.org',
  protocol: 'xmpp',
  name: 'alice@example.org',
  state: 'online',
  autoConnect: true,
  fingerprint: V3,
  tls: 'starttls',
};

beforeEach(() => {
  useOtrStore.setState(useOtrStore.getInitialState(), true);
  useAppStore.setState({ accounts: [account] });
});
afterEach(cleanup);

async function myKey() {
  const { container } = await render(<MyKeys />);
  await settle();
  return byTestId(container, 'my-key');
}

describe('my OTRv4 fingerprint', () => {
  it('is shown above the v3 one, each under its version', async () => {
    fakeApi({
      'otr.fingerprint.mine': () => ({
        fingerprint: V3,
        formatted: spaced(V3),
        v4: { fingerprint: V4, formatted: spaced(V4) },
      }),
    });
    const row = await myKey();
    expect(Array.from(row.querySelectorAll('dt'), textOf)).toEqual(['OTR v4', 'OTR v3']);
    expect(textOf(byTestId(row, 'fingerprint-v4'))).toBe(spaced(V4));
    expect(textOf(byTestId(row, 'fingerprint'))).toBe(spaced(V3));
  });

  it('is left out, and the v3 key shown as before, when the account has no v4 keys or the core cannot say', async () => {
    fakeApi({ 'otr.fingerprint.mine': () => ({ fingerprint: V3, formatted: spaced(V3) }) });
    let row = await myKey();
    expect(row.querySelector('dl')).toBeNull();
    expect(textOf(byTestId(row, 'fingerprint'))).toBe(spaced(V3));
    cleanup();
    fakeApi({});
    row = await myKey();
    expect(textOf(byTestId(row, 'fingerprint'))).toBe(spaced(V3));
  });
});
