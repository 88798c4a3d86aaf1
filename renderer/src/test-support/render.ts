/**
 * Rendering a view in jsdom for a unit test, with React's act() and nothing else: the
 * project has no testing library, and these few helpers are all the view tests need.
 * Only tests import this (renderer/tsconfig.json leaves test-support/ out of the app).
 */
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ApiClient } from '../api/client';
import { setApi } from '../api/api';

// Tells React that updates are awaited through act(), so it flushes them there.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom has <dialog> but not its modal methods; the views' Dialog calls them on mount.
const dialog = globalThis.HTMLDialogElement?.prototype;
if (dialog && typeof dialog.showModal !== 'function') {
  dialog.showModal = function (this: HTMLDialogElement) {
    this.open = true;
  };
}
if (dialog && typeof dialog.close !== 'function') {
  dialog.close = function (this: HTMLDialogElement) {
    this.open = false;
  };
}

export interface Rendered {
  container: HTMLElement;
  unmount: () => void;
}

const mounted: (() => void)[] = [];

export async function render(node: ReactNode): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  await act(async () => root.render(node));
  const unmount = () => {
    act(() => root.unmount());
    container.remove();
  };
  mounted.push(unmount);
  return { container, unmount };
}

/** For afterEach: every view of the test unmounted, the document empty again. */
export function cleanup(): void {
  for (const unmount of mounted.splice(0)) unmount();
}

/** Lets pending promises (API calls, effects) settle inside act(). */
export async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

export async function click(el: Element | null | undefined): Promise<void> {
  if (!(el instanceof HTMLElement)) throw new Error('nothing to click');
  await act(async () => el.click());
}

/** Types into a controlled input as a user would: React listens for 'input', not for the value. */
export async function typeInto(el: Element | null | undefined, value: string): Promise<void> {
  if (!(el instanceof HTMLInputElement)) throw new Error('no input to type into');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  await act(async () => {
    setValue?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** The input a <label> names by its text (ours wrap their input). */
export function inputLabelled(root: ParentNode, text: string | RegExp): HTMLInputElement {
  const labels = Array.from(root.querySelectorAll('label'));
  const label = labels.find((l) => (typeof text === 'string' ? textOf(l) === text : text.test(textOf(l))));
  const input = label?.querySelector('input') ?? (label?.htmlFor ? document.getElementById(label.htmlFor) : null);
  if (!(input instanceof HTMLInputElement)) throw new Error(`no input labelled ${String(text)}`);
  return input;
}

/** One element by data-testid, or a failure that names what was missing. */
export function byTestId(root: ParentNode, id: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!found) throw new Error(`no element with data-testid="${id}"`);
  return found;
}

/** Text as a screen reader gets it from the DOM (visually hidden spans included), spaces collapsed. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** A button's accessible name: aria-label when it has one, else its text (the only two ways ours get one). */
export function nameOf(el: Element): string {
  return el.getAttribute('aria-label') ?? textOf(el);
}

export function buttonNamed(root: ParentNode, name: string | RegExp): HTMLButtonElement {
  const buttons = Array.from(root.querySelectorAll('button'));
  const found = buttons.find((b) => (typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b))));
  if (!found) throw new Error(`no button named ${String(name)} among: ${buttons.map(nameOf).join(' | ')}`);
  return found;
}

type Handler = (params: Record<string, unknown>) => unknown;

/** A fake core: each command answered by its handler (or failing), every call recorded. */
export function fakeApi(handlers: Record<string, Handler>): { calls: { method: string; params: unknown }[] } {
  const calls: { method: string; params: unknown }[] = [];
  const client = {
    call: async (method: string, params: Record<string, unknown>) => {
      calls.push({ method, params });
      const handler = handlers[method];
      if (!handler) throw new Error(`${method} is not faked`);
      return handler(params);
    },
    on: () => () => undefined,
  };
  setApi(client as unknown as ApiClient);
  return { calls };
}
