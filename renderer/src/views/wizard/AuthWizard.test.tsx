// @vitest-environment jsdom
/**
 * The authentication wizard in an OTRv4 conversation: our v4 key beside the buddy's,
 * both in 14 groups of 8 and labelled OTR v4 (never our v3 key beside their v4 one);
 * the transitional v3 key said for information only; the SMP steps as in v3.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OtrStatus } from '../../../../app/api/shapes';
import { convKey } from '../../lib/conversation-keys';
import { fingerprintGroups } from '../../lib/format';
import { useAppStore } from '../../store/app-store';
import { setStatus, useOtrStore } from '../../store/otr-store';
import {
  buttonNamed,
  byTestId,
  cleanup,
  click,
  fakeApi,
  inputLabelled,
  render,
  settle,
  textOf,
  typeInto,
} from '../../test-support/render';
import { AuthWizard } from './AuthWizard';

const ALICE = 'xmpp:alice@example.org';
const BOB = convKey(ALICE, 'bob@example.org');
const MY_V3 = '11'.repeat(20);
const MY_V4 = '0123456789abcdef'.repeat(7);
const THEIR_V3 = 'b2c3d4e5'.repeat(5);
const THEIR_V4 = 'fedcba9876543210'.repeat(7);

const spaced = (hex: string) => fingerprintGroups(hex).join(' ');

function v4Status(extra: Partial<OtrStatus> = {}): OtrStatus {
  return {
    state: 'encrypted',
    verified: false,
    keyChanged: false,
    fingerprint: THEIR_V4,
    version: 4,
    transitional: { fingerprint: THEIR_V3, verified: true },
    instances: [],
    ...extra,
  };
}

let api: ReturnType<typeof fakeApi>;

beforeEach(() => {
  useOtrStore.setState(useOtrStore.getInitialState(), true);
  useAppStore.setState({
    accounts: [
      {
        accountId: ALICE,
        protocol: 'xmpp',
        name: 'alice@example.org',
        state: 'online',
        autoConnect: true,
        fingerprint: MY_V3,
        tls: 'starttls',
      },
    ],
  });
  api = fakeApi({
    'otr.fingerprint.mine': () => ({
      fingerprint: MY_V3,
      formatted: spaced(MY_V3),
      v4: { fingerprint: MY_V4, formatted: spaced(MY_V4) },
    }),
    'otr.fingerprint.verify': () => ({}),
    'otr.fingerprint.list': () => [],
    'otr.smp.start': () => ({}),
  });
});
afterEach(cleanup);

async function wizard(status: OtrStatus) {
  setStatus(BOB, status);
  const { container } = await render(<AuthWizard convKey={BOB} />);
  await settle();
  return container;
}

async function choose(container: HTMLElement, method: 'question' | 'secret' | 'fingerprint') {
  await click(container.querySelector(`input[name="method"][value="${method}"]`));
  await click(buttonNamed(container, 'Next'));
}

describe('the transitional v3 key', () => {
  it('is said beside the v4 key, for information only, when the user has verified it', async () => {
    const c = await wizard(v4Status());
    expect(textOf(byTestId(c, 'transitional-note'))).toBe(
      'Their OTR v4 key is signed by their OTR v3 key B2C3D4E5… which you have verified. This is shown for your information; verify the v4 key to trust it.',
    );
    expect(byTestId(c, 'transitional-note').getAttribute('role')).toBe('note');
  });

  it('says when the user has not verified it', async () => {
    const c = await wizard(v4Status({ transitional: { fingerprint: THEIR_V3, verified: false } }));
    expect(textOf(byTestId(c, 'transitional-note'))).toContain('which you have not verified.');
  });

  it('is not shown without a transitional signature, nor in a v3 conversation', async () => {
    const { transitional: _, ...without } = v4Status();
    expect((await wizard(without)).querySelector('[data-testid="transitional-note"]')).toBeNull();
    cleanup();
    const v3 = v4Status({ fingerprint: THEIR_V3, version: 3 });
    expect((await wizard(v3)).querySelector('[data-testid="transitional-note"]')).toBeNull();
  });
});

describe('comparing fingerprints in a v4 conversation', () => {
  it('shows our v4 key and theirs, 14 groups of 8 in two rows of 7, labelled OTR v4', async () => {
    const c = await wizard(v4Status());
    await choose(c, 'fingerprint');
    const mine = byTestId(c, 'my-fingerprint');
    const theirs = byTestId(c, 'their-fingerprint');
    expect(textOf(mine)).toBe(spaced(MY_V4));
    expect(textOf(theirs)).toBe(spaced(THEIR_V4));
    for (const fp of [mine, theirs]) {
      expect(fp.querySelectorAll('.fingerprint-group')).toHaveLength(14);
      expect(Array.from(fp.querySelectorAll('.fingerprint-row'), (r) => r.children.length)).toEqual([7, 7]);
      expect(fp.classList).toContain('fingerprint-v4');
    }
    const labels = Array.from(c.querySelectorAll('.fingerprints dt'), textOf);
    expect(labels).toEqual([
      'Your fingerprint (alice@example.org) OTR v4',
      'Fingerprint bob@example.org is using now OTR v4',
    ]);
    expect(textOf(c)).not.toContain(spaced(MY_V3));
    expect(textOf(byTestId(c, 'transitional-note'))).toContain('verify the v4 key to trust it');
  });

  it('saves the trust of the v4 key, not of the transitional v3 key', async () => {
    const c = await wizard(v4Status());
    await choose(c, 'fingerprint');
    await click(inputLabelled(c, /I have verified that this is the correct fingerprint/));
    await click(buttonNamed(c, 'Save'));
    await settle();
    expect(api.calls).toContainEqual({
      method: 'otr.fingerprint.verify',
      params: { accountId: ALICE, peer: 'bob@example.org', fingerprint: THEIR_V4, verified: true },
    });
  });

  it('says "Not known yet" until our v4 key is known, never showing our v3 key in its place', async () => {
    api = fakeApi({ 'otr.fingerprint.mine': () => ({ fingerprint: MY_V3, formatted: spaced(MY_V3) }) });
    const c = await wizard(v4Status());
    await choose(c, 'fingerprint');
    expect(textOf(c.querySelector('.fingerprints dd'))).toBe('Not known yet');
    expect(textOf(c)).not.toContain(spaced(MY_V3));
  });

  it('takes a 112-digit key for v4 even when the core leaves the version out', async () => {
    const { version: _, ...noVersion } = v4Status();
    const c = await wizard(noVersion);
    await choose(c, 'fingerprint');
    expect(textOf(byTestId(c, 'my-fingerprint'))).toBe(spaced(MY_V4));
  });
});

describe('a v3 conversation', () => {
  it('compares our v3 key with theirs, labelled OTR v3, without asking for our v4 key', async () => {
    const c = await wizard(v4Status({ fingerprint: THEIR_V3, version: 3, transitional: undefined }));
    await choose(c, 'fingerprint');
    expect(textOf(byTestId(c, 'my-fingerprint'))).toBe(spaced(MY_V3));
    expect(byTestId(c, 'their-fingerprint').querySelectorAll('.fingerprint-group')).toHaveLength(5);
    expect(textOf(c.querySelector('.fingerprints dt'))).toContain('OTR v3');
    expect(api.calls.map((x) => x.method)).not.toContain('otr.fingerprint.mine');
  });
});

describe('question and answer, and shared secret, in a v4 conversation', () => {
  it('asks and starts the SMP as in v3, then shows its progress', async () => {
    const c = await wizard(v4Status());
    await choose(c, 'question');
    expect(byTestId(c, 'transitional-note')).toBeTruthy();
    await typeInto(inputLabelled(c, 'Question for bob@example.org'), 'Where did we meet?');
    await typeInto(inputLabelled(c, 'Answer'), 'Lisbon');
    await click(buttonNamed(c, 'Authenticate'));
    await settle();
    expect(api.calls).toContainEqual({
      method: 'otr.smp.start',
      params: { accountId: ALICE, peer: 'bob@example.org', secret: 'Lisbon', question: 'Where did we meet?' },
    });
    expect(byTestId(c, 'smp-progress')).toBeTruthy();
    expect(c.querySelector('[data-testid="transitional-note"]')).toBeNull();
  });

  it('starts a shared-secret run without a question', async () => {
    const c = await wizard(v4Status());
    await choose(c, 'secret');
    await typeInto(inputLabelled(c, 'Shared secret'), 'blue tram');
    await click(buttonNamed(c, 'Authenticate'));
    await settle();
    expect(api.calls).toContainEqual({
      method: 'otr.smp.start',
      params: { accountId: ALICE, peer: 'bob@example.org', secret: 'blue tram' },
    });
  });
});
