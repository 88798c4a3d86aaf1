#!/usr/bin/env node
// `npm run test:stress -- [N] [--integration FILTER]... [--e2e FILTER]...`
// Runs the integration tests (Vitest, *.integration.test.ts) N times and the
// end-to-end suite once with --repeat-each N (N defaults to 5), never retried,
// then reports every test that failed even once and how often: a flake that one
// run in eight shows is found here, not in CI. Filters narrow a suite (Vitest
// file filters; Playwright file[:line]); with filters for one suite only, the
// other is not run. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playwrightFailures, Tally, vitestFailures } from './stress/tally.mjs';
import { ensureSystemDeps } from './system-deps.mjs';

function parseArgs(argv) {
  const options = { runs: 5, integration: [], e2e: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--integration' || arg === '--e2e') {
      const value = argv[++i];
      if (!value) usage(`${arg} needs a filter`);
      options[arg.slice(2)].push(value);
    } else if (/^[1-9]\d*$/.test(arg)) options.runs = Number(arg);
    else usage(`unknown argument ${arg}`);
  }
  const filtered = options.integration.length > 0 || options.e2e.length > 0;
  return {
    runs: options.runs,
    integration: filtered ? options.integration : ['.integration.test.ts'],
    e2e: filtered ? options.e2e : [],
    runE2e: !filtered || options.e2e.length > 0,
  };
}

function usage(problem) {
  console.error(`${problem}\nusage: npm run test:stress -- [N] [--integration FILTER]... [--e2e FILE[:LINE]]...`);
  process.exit(2);
}

function run(cmd, args, env = {}) {
  console.error(`\n=== ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status;
}

/** The failures in a runner's JSON report; a run that failed without failing a test (it crashed, an unhandled rejection) is one of its own. */
function failuresOf(file, suite, status, read) {
  if (!existsSync(file))
    return [{ name: `(${suite}: a run wrote no report)`, message: `the runner exited with ${status}` }];
  const failures = read(JSON.parse(readFileSync(file, 'utf8')));
  if (status !== 0 && failures.length === 0)
    return [
      {
        name: `(${suite}: a run failed outside the tests)`,
        message: `the runner exited with ${status}: see its output above`,
      },
    ];
  return failures;
}

const options = parseArgs(process.argv.slice(2));
ensureSystemDeps();
// The integration tests that start bin/sotto and the e2e suite use dist/: build what the sources say now.
if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);

const dir = mkdtempSync(join(tmpdir(), 'sotto-stress-'));
const tally = new Tally();

if (options.integration.length > 0) {
  for (let i = 1; i <= options.runs; i++) {
    const file = join(dir, `vitest-${i}.json`);
    const status = run('npx', [
      '--no-install',
      'vitest',
      'run',
      '--retry=0',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
      ...options.integration,
    ]);
    tally.add('integration (Vitest)', 1, failuresOf(file, 'integration', status, vitestFailures));
  }
}

if (options.runE2e) {
  const file = join(dir, 'playwright.json');
  const status = run(
    'npx',
    [
      '--no-install',
      'playwright',
      'test',
      `--repeat-each=${options.runs}`,
      '--retries=0',
      '--reporter=line,json',
      ...options.e2e,
    ],
    { PLAYWRIGHT_JSON_OUTPUT_FILE: file },
  );
  tally.add('end-to-end (Playwright)', options.runs, failuresOf(file, 'end-to-end', status, playwrightFailures));
}

console.error(`\n=== stress report (JSON reports in ${dir})\n${tally.report()}`);
process.exit(tally.failed ? 1 : 0);
