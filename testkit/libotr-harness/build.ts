/**
 * Builds the libotr interop harness (the C files beside this one) into
 * build/libotr-harness/harness, linked against Debian's libotr 4.1.1.
 *
 * gcc runs only when the sources changed: a SHA-256 of the sources and the
 * compiler flags is stored beside the binary and compared on every call. Two
 * test workers may build at once, so each compiles to its own temp file and
 * renames it into place (a rename never leaves a half-written binary).
 *
 * By hand: `npx jiti testkit/libotr-harness/build.ts` prints the binary's path.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../repo-root';

export const HARNESS_SOURCE_DIR = join(REPO_ROOT, 'testkit', 'libotr-harness');
export const HARNESS_BUILD_DIR = join(REPO_ROOT, 'build', 'libotr-harness');
export const HARNESS_BINARY = join(HARNESS_BUILD_DIR, 'harness');
const HASH_FILE = `${HARNESS_BINARY}.sha256`;

export const LIBOTR_INSTALL_COMMAND = 'apt-get install -y --no-install-recommends libotr5-dev gcc pkg-config';

/** -Werror keeps the promise that the harness compiles without warnings. */
const CFLAGS = ['-Wall', '-Wextra', '-Werror', '-O2', '-std=gnu11'];

function run(command: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { ok: !result.error && result.status === 0, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * The compiler and linker flags for libotr, or a clear error naming the
 * packages to install. libotr.pc does not pull in libgcrypt, hence -lgcrypt.
 */
function libotrFlags(): { cflags: string[]; libs: string[] } {
  const missing: string[] = [];
  if (!run('gcc', ['--version']).ok) missing.push('gcc');
  const pkgConfig = run('pkg-config', ['--version']).ok;
  if (!pkgConfig) missing.push('pkg-config');
  const flags = pkgConfig ? run('pkg-config', ['--cflags', '--libs', 'libotr']) : undefined;
  if (!flags?.ok || !existsSync('/usr/include/libotr/message.h')) missing.push('libotr5-dev');
  if (missing.length > 0) {
    throw new Error(
      `The libotr interop harness cannot be built: ${missing.join(', ')} missing.\n` +
        `Install with:\n  sudo ${LIBOTR_INSTALL_COMMAND}\n(or run \`npm test\` as root, which installs the test packages)`,
    );
  }
  const words = (flags?.stdout ?? '').split(/\s+/).filter(Boolean);
  return {
    cflags: words.filter((w) => !w.startsWith('-l') && !w.startsWith('-L')),
    libs: [...words.filter((w) => w.startsWith('-l') || w.startsWith('-L')), '-lgcrypt', '-lm'],
  };
}

function sourceFiles(): string[] {
  return readdirSync(HARNESS_SOURCE_DIR)
    .filter((name) => name.endsWith('.c') || name.endsWith('.h'))
    .sort();
}

function sourceHash(flags: { cflags: string[]; libs: string[] }): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ CFLAGS, flags }));
  for (const name of sourceFiles()) {
    hash.update(`\0${name}\0`);
    hash.update(readFileSync(join(HARNESS_SOURCE_DIR, name)));
  }
  return hash.digest('hex');
}

export interface HarnessBuild {
  /** Absolute path of the harness binary. */
  path: string;
  /** True when gcc ran in this call; false when the binary was up to date. */
  compiled: boolean;
}

/** Compiles the harness if its sources changed since the last build. */
export function buildLibotrHarness(options: { force?: boolean } = {}): HarnessBuild {
  const flags = libotrFlags();
  const hash = sourceHash(flags);
  const upToDate =
    !options.force &&
    existsSync(HARNESS_BINARY) &&
    existsSync(HASH_FILE) &&
    readFileSync(HASH_FILE, 'utf8').trim() === hash;
  if (upToDate) return { path: HARNESS_BINARY, compiled: false };

  mkdirSync(HARNESS_BUILD_DIR, { recursive: true });
  const tmp = `${HARNESS_BINARY}.tmp-${process.pid}`;
  const sources = sourceFiles()
    .filter((name) => name.endsWith('.c'))
    .map((name) => join(HARNESS_SOURCE_DIR, name));
  const gcc = run('gcc', [...CFLAGS, ...flags.cflags, '-o', tmp, ...sources, ...flags.libs]);
  if (!gcc.ok) {
    rmSync(tmp, { force: true });
    throw new Error(`gcc could not build the libotr harness:\n${gcc.stderr || gcc.stdout}`);
  }
  renameSync(tmp, HARNESS_BINARY);
  writeFileSync(`${HASH_FILE}.tmp-${process.pid}`, `${hash}\n`);
  renameSync(`${HASH_FILE}.tmp-${process.pid}`, HASH_FILE);
  return { path: HARNESS_BINARY, compiled: true };
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const result = buildLibotrHarness({ force: process.argv.includes('--force') });
  console.log(`${result.path} (${result.compiled ? 'compiled' : 'up to date'})`);
}
