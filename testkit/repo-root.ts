/**
 * The repository root: the nearest folder up from this module (or from a bundle
 * of it, such as build/bench/bench.mjs) holding package.json and testkit/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'testkit'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no Sotto checkout above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(import.meta.dirname);
