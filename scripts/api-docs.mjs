#!/usr/bin/env node
// `npm run api-docs`: writes docs/api-schema.json from the contract (app/api/contract.ts, shapes.ts).
// scripts/api-docs.test.ts fails when the committed file and the contract differ.
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const outfile = 'build/api-docs/schema-document.mjs';
await build({
  entryPoints: ['scripts/api-docs/schema-document.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const { apiSchemaText } = await import(pathToFileURL(outfile).href);
await writeFile('docs/api-schema.json', apiSchemaText());
console.error('api-docs: docs/api-schema.json is up to date');
