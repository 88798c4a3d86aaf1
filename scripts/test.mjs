#!/usr/bin/env node
// `npm test`: every check, in order, against real servers and a real browser.
// Each step runs even when an earlier one failed, so one run shows everything;
// the exit code is non-zero if any failed.
import { spawnSync } from 'node:child_process';
import { ensureSystemDeps } from './system-deps.mjs';

ensureSystemDeps();

const npx = (...args) => ['npx', ['--no-install', ...args]];
const steps = [
  ['build', ['node', ['scripts/build.mjs']]],
  ['lint', npx('eslint', '.')],
  ['format (Prettier, 120 columns)', npx('prettier', '--check', '.')],
  ['Electron security review (electronegativity)', ['node', ['scripts/electronegativity.mjs']]],
  ['type-check', npx('tsc', '-b')],
  ['unit and integration tests', npx('vitest', 'run')],
  ['end-to-end tests (Chromium)', npx('playwright', 'test')],
];

const results = [];
for (const [name, [cmd, args]] of steps) {
  console.error(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, {
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: r.status === 0, seconds });
  // Without a build nothing after it means anything.
  if (name === 'build' && r.status !== 0) break;
}
console.error('\n=== summary');
for (const r of results) console.error(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds} s)`);
process.exit(results.every((r) => r.ok) && results.length === steps.length ? 0 : 1);
