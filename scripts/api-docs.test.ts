/** docs/API.md must describe every command and event of the contract, and nothing that is not in it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands, events } from '../app/api/contract';

const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'API.md'), 'utf8');
const documented = new Set([...doc.matchAll(/^\| `([a-z][\w.]*)` \|/gm)].map((m) => m[1]));

describe('docs/API.md', () => {
  it('describes every command and event', () => {
    const missing = [...Object.keys(commands), ...Object.keys(events)].filter((name) => !documented.has(name));
    expect(missing).toEqual([]);
  });

  it('describes nothing the contract does not have', () => {
    const known = new Set([...Object.keys(commands), ...Object.keys(events)]);
    expect([...documented].filter((name) => !known.has(name!))).toEqual([]);
  });
});
