// The failures of repeated test runs, read from Vitest's and Playwright's JSON
// reports, counted per test and printed as one report.
import { join, relative } from 'node:path';

// The reporters colour their messages: ESC [ … m sequences go.
// eslint-disable-next-line no-control-regex -- ESC is the very character to match
const COLOUR = /\x1b\[[0-9;]*m/g;
const firstLine = (text) => (text ?? '').replace(COLOUR, '').trim().split('\n')[0];

/** Vitest's JSON report (Jest's format). A file that failed with no failed test (its setup threw) counts as one failure. */
export function vitestFailures(report, root = process.cwd()) {
  const failures = [];
  for (const file of report.testResults ?? []) {
    const where = relative(root, file.name);
    const failed = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failed)
      failures.push({ name: `${where} › ${t.fullName}`, message: firstLine(t.failureMessages?.[0]) });
    if (failed.length === 0 && file.status === 'failed')
      failures.push({ name: `${where} (the file itself)`, message: firstLine(file.message) });
  }
  return failures;
}

/**
 * Playwright's JSON report. With --repeat-each a test is listed once per repeat; each
 * result that neither passed nor was skipped counts, and so does an error outside any
 * test (a fixture of the worker, the config).
 */
export function playwrightFailures(report, root = process.cwd()) {
  // Spec files are named from the test folder: named here from the repository, as the CLI takes them.
  const testDir = report.config?.rootDir ?? root;
  const failures = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        for (const result of test.results ?? []) {
          if (result.status === 'passed' || result.status === 'skipped') continue;
          failures.push({
            name: `${relative(root, join(testDir, spec.file))}:${spec.line} › ${spec.title}`,
            message: firstLine(result.error?.message ?? result.status),
          });
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  for (const error of report.errors ?? [])
    failures.push({ name: '(outside any test)', message: firstLine(error.message) });
  return failures;
}

/** Failures per test across the runs of each suite. */
export class Tally {
  #suites = new Map();

  /** One run (Vitest) or one repeated run (Playwright) of a suite, `runs` times each test. */
  add(suite, runs, failures) {
    const s = this.#suites.get(suite) ?? { runs: 0, tests: new Map() };
    s.runs += runs;
    for (const f of failures) {
      const t = s.tests.get(f.name) ?? { count: 0, message: f.message };
      t.count += 1;
      s.tests.set(f.name, t);
    }
    this.#suites.set(suite, s);
  }

  get failed() {
    return [...this.#suites.values()].some((s) => s.tests.size > 0);
  }

  report() {
    const lines = [];
    for (const [suite, s] of this.#suites) {
      const tests = [...s.tests].sort(([a, x], [b, y]) => y.count - x.count || a.localeCompare(b));
      lines.push(
        `${suite}: each test ran ${s.runs} times; ${tests.length === 0 ? 'nothing failed' : `${tests.length} failed at least once`}`,
      );
      for (const [name, t] of tests) lines.push(`  ${t.count}/${s.runs}  ${name}`, `         first: ${t.message}`);
    }
    return lines.join('\n');
  }
}
