#!/usr/bin/env node
// Electronegativity over what the Electron app runs: main/ (main process and
// preload) and the built renderer page. Fails on any HIGH or MEDIUM finding.
// Findings reviewed and accepted carry an `eng-disable CHECK` comment with the
// reason beside the code. The check that downloads Electron's release list is
// left out: CI has no network, and `npm audit`-style freshness is not this test.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const input = 'build/electronegativity-input';
const report = 'build/electronegativity.csv';
if (!existsSync('dist/renderer/index.html')) {
  console.error('electronegativity: build first (dist/renderer/index.html is missing)');
  process.exit(1);
}
rmSync(input, { recursive: true, force: true });
mkdirSync(input, { recursive: true });
cpSync('main', `${input}/main`, { recursive: true });
cpSync('dist/renderer/index.html', `${input}/index.html`);
rmSync(report, { force: true });

const r = spawnSync('npx', ['--no-install', 'electronegativity', '-i', input, '-e', '45.0.0', '-r', '-o', report], {
  encoding: 'utf8',
  env: { ...process.env, LANG: 'C' },
});
if (!existsSync(report)) {
  console.error(`electronegativity did not write its report:\n${r.stdout}\n${r.stderr}`);
  process.exit(1);
}
const rows = readFileSync(report, 'utf8').trim().split('\n').slice(1).filter(Boolean);
const serious = rows.filter((row) => /^[A-Z_]+,"(HIGH|MEDIUM)"/.test(row));
for (const row of rows) console.error(row);
console.error(`electronegativity: ${rows.length} finding(s), ${serious.length} high or medium`);
process.exit(serious.length === 0 ? 0 : 1);
