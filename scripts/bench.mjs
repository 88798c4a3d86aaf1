#!/usr/bin/env node
// `npm run bench`: bundles the TypeScript benchmarks with esbuild and runs them.
// Flags: --json, --only NAME[,NAME]. Figures are printed beside the reference
// (libotr through testkit/libotr-harness) measured in the same run.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

// The core and UI benchmarks drive bin/sotto and the built renderer: measure what the sources say now.
const built = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const outfile = 'build/bench/bench.mjs';
await build({
  entryPoints: ['scripts/bench/main.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const { main } = await import(pathToFileURL(outfile).href);
await main(process.argv.slice(2));
