#!/usr/bin/env node
// Builds everything that runs: the renderer (Vite), the app core for Node
// (dist/app/sotto.mjs) and the Electron main process and preload (dist/main/).
// Dependencies stay in node_modules; only our own code is bundled.
import { build as esbuild } from 'esbuild';
import { rm } from 'node:fs/promises';
import { build as viteBuild } from 'vite';

const only = process.argv.includes('--no-renderer') ? ['node'] : ['node', 'renderer'];

await rm('dist/app', { recursive: true, force: true });
await rm('dist/main', { recursive: true, force: true });

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };
await Promise.all([
  esbuild({ ...common, entryPoints: ['app/cli.ts'], outfile: 'dist/app/sotto.mjs', format: 'esm' }),
  esbuild({ ...common, entryPoints: ['main/main.ts'], outfile: 'dist/main/main.cjs', format: 'cjs', external: ['electron'] }),
  // The sandboxed preload may require only 'electron': everything else is bundled in.
  esbuild({ ...common, packages: undefined, entryPoints: ['main/preload.ts'], outfile: 'dist/main/preload.cjs', format: 'cjs', external: ['electron'] }),
]);
if (only.includes('renderer')) await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.error('build: dist/ is ready');
