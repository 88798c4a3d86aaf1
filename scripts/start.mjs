#!/usr/bin/env node
// `npm start`: builds, then launches Electron where its binary is available.
// Where it is not (no network to fetch it on first start), says so in one line
// and starts browser mode instead. `npm start -- --browser` asks for browser mode.
import { spawn, spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

function electronBinary() {
  if (args.includes('--browser') || args.includes('--headless')) return undefined;
  // Resolving the package fetches the binary on first use; offline it throws quickly.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (probe.status !== 0 || !probe.stdout) return undefined;
  return probe.stdout;
}

const run = (cmd, cmdArgs) => {
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
};

const binary = electronBinary();
if (binary) {
  run(binary, ['.', ...args]);
} else {
  if (!args.includes('--browser') && !args.includes('--headless')) {
    console.error(
      'Electron is not available on this machine (its binary could not be fetched); starting browser mode instead.',
    );
  }
  const rest = args.filter((a) => a !== '--browser');
  run(process.execPath, ['bin/sotto', ...(rest.includes('--headless') ? [] : ['--browser']), ...rest]);
}
