#!/usr/bin/env node
// Builds everything that runs: the renderer (Vite), the app core for Node
// (dist/app/sotto.mjs) and the Electron main process and preload (dist/main/).
// Dependencies stay in node_modules; only our own code is bundled. Each part is
// built into a temporary folder and swapped in at the end, so a test that runs
// while another build is going never finds dist/ half empty.
import { build as esbuild } from 'esbuild';
import { rename, rm } from 'node:fs/promises';
import { build as viteBuild } from 'vite';

const withRenderer = !process.argv.includes('--no-renderer');
const tmp = (name) => `dist/.${name}.tmp-${process.pid}`;

async function swapIn(name) {
  await rm(`dist/${name}`, { recursive: true, force: true });
  await rename(tmp(name), `dist/${name}`);
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
};
try {
  await Promise.all([
    esbuild({ ...common, entryPoints: ['app/cli.ts'], outfile: `${tmp('app')}/sotto.mjs`, format: 'esm' }),
    esbuild({
      ...common,
      entryPoints: ['main/main.ts'],
      outfile: `${tmp('main')}/main.cjs`,
      format: 'cjs',
      external: ['electron'],
    }),
    // The sandboxed preload may require only 'electron': everything else is bundled in.
    esbuild({
      ...common,
      packages: undefined,
      entryPoints: ['main/preload.ts'],
      outfile: `${tmp('main')}/preload.cjs`,
      format: 'cjs',
      external: ['electron'],
    }),
  ]);
  if (withRenderer)
    await viteBuild({
      configFile: 'vite.config.ts',
      logLevel: 'warn',
      build: { outDir: `../${tmp('renderer')}`, emptyOutDir: true },
    });
  await swapIn('app');
  await swapIn('main');
  if (withRenderer) await swapIn('renderer');
} finally {
  await Promise.all(['app', 'main', 'renderer'].map((name) => rm(tmp(name), { recursive: true, force: true })));
}
console.error('build: dist/ is ready');
