// The Debian packages the tests need: real servers and peers, not mocks.
// Installs them when run as root (as CI does); otherwise names the exact command.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (cmd, args = ['--version']) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

export const REQUIREMENTS = [
  { pkg: 'prosody', ok: () => existsSync('/usr/bin/prosody') },
  { pkg: 'ngircd', ok: () => existsSync('/usr/sbin/ngircd') },
  { pkg: 'chromium', ok: () => existsSync('/usr/bin/chromium') },
  { pkg: 'gcc', ok: () => has('gcc') },
  { pkg: 'pkg-config', ok: () => has('pkg-config') },
  { pkg: 'libotr5-dev', ok: () => has('pkg-config', ['--exists', 'libotr']) },
  { pkg: 'openssl', ok: () => has('openssl', ['version']) },
];

export function ensureSystemDeps() {
  const missing = REQUIREMENTS.filter((r) => !r.ok()).map((r) => r.pkg);
  if (missing.length === 0) return;
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `Missing Debian packages for the tests: ${missing.join(', ')}.\nInstall them with:\n  sudo sh -c '${command}'`,
    );
    process.exit(1);
  }
  console.error(`Installing Debian packages for the tests: ${missing.join(', ')}`);
  execFileSync('sh', ['-c', command], { stdio: 'inherit' });
  const still = REQUIREMENTS.filter((r) => !r.ok()).map((r) => r.pkg);
  if (still.length) {
    console.error(`Still missing after apt-get: ${still.join(', ')}`);
    process.exit(1);
  }
}
