// @vitest-environment jsdom
/**
 * The privacy state at a glance names the OTR version: in the header's OTR button
 * (its visible word, its accessible name, its tooltip) and in the tab's name for
 * screen readers, for Unverified, Private and Finished alike.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OtrStatus } from '../../../../app/api/shapes';
import { convKey } from '../../lib/conversation-keys';
import { openTab, useConversationStore } from '../../store/conversation-store';
import { setStatus, useOtrStore } from '../../store/otr-store';
import { byTestId, cleanup, click, render, textOf } from '../../test-support/render';
import { TabStrip } from '../conversations/TabStrip';
import { OtrButton } from './OtrButton';

const BOB = convKey('xmpp:alice@example.org', 'bob@example.org');
const V4 = 'a1'.repeat(56);
const V3 = 'b2'.repeat(20);

const status = (s: Partial<OtrStatus>): OtrStatus => ({
  state: 'encrypted',
  verified: false,
  keyChanged: false,
  instances: [],
  ...s,
});

beforeEach(() => {
  useOtrStore.setState(useOtrStore.getInitialState(), true);
  useConversationStore.setState(useConversationStore.getInitialState(), true);
});
afterEach(cleanup);

async function button(s: OtrStatus | undefined) {
  if (s) setStatus(BOB, s);
  const { container } = await render(<OtrButton convKey={BOB} peerName="Bob" />);
  return byTestId(container, 'otr-button');
}

describe('the OTR button names the version', () => {
  it.each([
    { s: status({ fingerprint: V4, version: 4 }), label: 'Unverified (OTR v4)', cls: 'otr-unverified' },
    { s: status({ fingerprint: V4, version: 4, verified: true }), label: 'Private (OTR v4)', cls: 'otr-private' },
    { s: status({ state: 'finished', fingerprint: V4, version: 4 }), label: 'Finished (OTR v4)', cls: 'otr-finished' },
    { s: status({ fingerprint: V3, version: 3, verified: true }), label: 'Private (OTR v3)', cls: 'otr-private' },
    { s: status({ fingerprint: V3, version: 3 }), label: 'Unverified (OTR v3)', cls: 'otr-unverified' },
  ])('says $label in the word and the accessible name, in the state’s own colour', async ({ s, label, cls }) => {
    const el = await button(s);
    expect(textOf(byTestId(el, 'otr-label'))).toBe(label);
    expect(textOf(el)).toBe(`${label}: privacy of this conversation.`);
    expect(el.classList).toContain(cls);
    expect(byTestId(el, 'otr-label').getAttribute('aria-live')).toBe('polite');
  });

  it('says the version in the tooltip too', async () => {
    const el = await button(status({ fingerprint: V4, version: 4 }));
    expect(el.closest('.otr-control')?.getAttribute('title')).toContain('OTR version 4');
  });

  it('says Not private without a version, and the plain word when the core gives none', async () => {
    expect(textOf(byTestId(await button(undefined), 'otr-label'))).toBe('Not private');
    cleanup();
    expect(textOf(byTestId(await button(status({ verified: true })), 'otr-label'))).toBe('Private');
  });

  it('is a real button, reachable by Tab, that opens its menu', async () => {
    const el = await button(status({ fingerprint: V4, version: 4 }));
    expect(el.tagName).toBe('BUTTON');
    expect(el.getAttribute('aria-haspopup')).toBe('menu');
    expect(el.tabIndex).toBe(0);
    await click(el);
    expect(el.getAttribute('aria-expanded')).toBe('true');
    expect(textOf(document.querySelector('[role="menu"]'))).toContain('Authenticate buddy…');
  });
});

describe('the tab names the version for screen readers', () => {
  it('reads "Bob, Private (OTR v4)"', async () => {
    openTab('xmpp:alice@example.org', 'bob@example.org', 'direct', true);
    setStatus(BOB, status({ fingerprint: V4, version: 4, verified: true }));
    const { container } = await render(<TabStrip />);
    expect(textOf(byTestId(container, 'conversation-tab'))).toContain('bob@example.org, Private (OTR v4)');
  });
});
