import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsStore } from './settings-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sotto-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('SettingsStore', () => {
  it('keeps a buddy or account named like an object member ("__proto__", "constructor") to itself', async () => {
    const store = new SettingsStore(dir);
    await store.load();
    await store.setLogsOtr('xmpp:a@example.org', '__proto__', true);
    await store.setPolicy('__proto__', undefined, 'never');
    expect(({} as Record<string, unknown>).logOtr).toBeUndefined();
    expect(({} as Record<string, unknown>).policy).toBeUndefined();
    expect(store.logsOtr('xmpp:a@example.org', 'bob@example.org')).toBe(false);
    expect(store.logsOtr('xmpp:a@example.org', '__proto__')).toBe(true);
    expect(store.logsOtr('xmpp:a@example.org', 'constructor')).toBe(false);
    expect(store.policy('xmpp:b@example.org')).toEqual({ policy: 'opportunistic', inherited: true });
    expect(store.policy('__proto__')).toEqual({ policy: 'never', inherited: false });
  });

  it('reads back what it saved', async () => {
    const store = new SettingsStore(dir);
    await store.load();
    await store.setPolicy('xmpp:a@example.org', 'bob@example.org', 'always');
    await store.setLogsOtr('xmpp:a@example.org', 'bob@example.org', true);
    const again = new SettingsStore(dir);
    await again.load();
    expect(again.policy('xmpp:a@example.org', 'bob@example.org')).toEqual({ policy: 'always', inherited: false });
    expect(again.logsOtr('xmpp:a@example.org', 'bob@example.org')).toBe(true);
  });
});
