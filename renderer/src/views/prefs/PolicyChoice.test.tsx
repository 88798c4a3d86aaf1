// @vitest-environment jsdom
/** The policy choice offers "Require OTR v4", said in one line, as one more radio of the same group. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, click, inputLabelled, render, textOf } from '../../test-support/render';
import { POLICIES, PolicyChoice } from './PolicyChoice';

afterEach(cleanup);

async function choice(value: Parameters<typeof PolicyChoice>[0]['value'], onChange = vi.fn()) {
  const { container } = await render(
    <PolicyChoice legend="Private conversations on alice@example.org" value={value} onChange={onChange} />,
  );
  return { container, onChange };
}

describe('Require OTR v4', () => {
  it('is offered last, with what it does and whom it leaves out', async () => {
    const { container } = await choice('opportunistic');
    const labels = Array.from(container.querySelectorAll('label'), textOf);
    expect(labels).toHaveLength(5);
    expect(labels[4]).toBe(
      'Require OTR v4 Send nothing unencrypted, and go private only with OTR v4: buddies whose clients speak only OTR v3 cannot chat privately.',
    );
  });

  it('is chosen with the others’ radio group: one name, so the arrow keys move between them', async () => {
    const { container, onChange } = await choice('always');
    const radios = Array.from(container.querySelectorAll<HTMLInputElement>('input[type="radio"]'));
    expect(new Set(radios.map((r) => r.name)).size).toBe(1);
    await click(inputLabelled(container, /^Require OTR v4/));
    expect(onChange).toHaveBeenCalledWith('require-v4');
  });

  it('shows as chosen when the core says so', async () => {
    const { container } = await choice('require-v4');
    expect(inputLabelled(container, /^Require OTR v4/).checked).toBe(true);
    expect(inputLabelled(container, /^Always/).checked).toBe(false);
  });

  it('sits in the fieldset named by the legend, and is disabled with it', async () => {
    const { container } = await render(
      <PolicyChoice legend="Private conversations with bob" value="manual" onChange={vi.fn()} disabled />,
    );
    const fieldset = container.querySelector('fieldset');
    expect(textOf(fieldset?.querySelector('legend'))).toBe('Private conversations with bob');
    expect(fieldset?.disabled).toBe(true);
  });

  it('leaves "Always" the only choice whose words start with a capital Always', () => {
    // A buddy's inherited policy is said by its title, and tests find a choice by it.
    expect(POLICIES.filter((p) => /Always/.test(`${p.title} ${p.text}`)).map((p) => p.value)).toEqual(['always']);
  });
});
