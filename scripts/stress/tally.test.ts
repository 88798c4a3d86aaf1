/** The stress report: failures read from both runners' JSON reports and counted per test. */
import { describe, expect, it } from 'vitest';
import { playwrightFailures, Tally, vitestFailures } from './tally.mjs';

const vitestRun = (status: 'passed' | 'failed') => ({
  testResults: [
    {
      name: '/repo/app/a.integration.test.ts',
      status,
      message: '',
      assertionResults: [
        { fullName: 'a connects', status: 'passed', failureMessages: [] },
        {
          fullName: 'a toggles',
          status,
          failureMessages:
            status === 'failed' ? ['\x1b[31mAssertionError\x1b[39m: expected offline\n    at toggle'] : [],
        },
      ],
    },
    {
      name: '/repo/app/b.integration.test.ts',
      status: 'failed',
      message: 'beforeAll: prosody did not start\nlog…',
      assertionResults: [],
    },
  ],
});

const playwrightRun = {
  config: { rootDir: '/repo/e2e' },
  suites: [
    {
      title: 'accounts.spec.ts',
      specs: [],
      suites: [
        {
          title: 'nested',
          specs: [
            {
              title: 'reconnects',
              file: 'accounts.spec.ts',
              line: 27,
              tests: [
                { results: [{ status: 'passed' }] },
                { results: [{ status: 'failed', error: { message: 'Error: expect(locator).toContainText\nmore' } }] },
                { results: [{ status: 'timedOut' }] },
                { results: [{ status: 'skipped' }] },
              ],
            },
          ],
        },
      ],
    },
  ],
  errors: [{ message: 'worker fixture prosody failed' }],
};

describe('stress tally', () => {
  it('reads failed tests, and files that failed before any test, from Vitest', () => {
    expect(vitestFailures(vitestRun('failed'), '/repo')).toEqual([
      { name: 'app/a.integration.test.ts › a toggles', message: 'AssertionError: expected offline' },
      { name: 'app/b.integration.test.ts (the file itself)', message: 'beforeAll: prosody did not start' },
    ]);
  });

  it('counts every repeat that did not pass from Playwright, nested suites and errors outside tests included', () => {
    expect(playwrightFailures(playwrightRun, '/repo')).toEqual([
      { name: 'e2e/accounts.spec.ts:27 › reconnects', message: 'Error: expect(locator).toContainText' },
      { name: 'e2e/accounts.spec.ts:27 › reconnects', message: 'timedOut' },
      { name: '(outside any test)', message: 'worker fixture prosody failed' },
    ]);
  });

  it('reports each test that failed at least once with its count, most frequent first', () => {
    const tally = new Tally();
    tally.add('integration', 1, vitestFailures(vitestRun('failed'), '/repo'));
    tally.add('integration', 1, vitestFailures(vitestRun('passed'), '/repo'));
    tally.add('e2e', 4, playwrightFailures({ suites: [] }, '/repo'));
    expect(tally.failed).toBe(true);
    expect(tally.report().split('\n')).toEqual([
      'integration: each test ran 2 times; 2 failed at least once',
      '  2/2  app/b.integration.test.ts (the file itself)',
      '         first: beforeAll: prosody did not start',
      '  1/2  app/a.integration.test.ts › a toggles',
      '         first: AssertionError: expected offline',
      'e2e: each test ran 4 times; nothing failed',
    ]);
  });

  it('says nothing failed when nothing did', () => {
    const tally = new Tally();
    tally.add('e2e', 2, []);
    expect(tally.failed).toBe(false);
  });
});
