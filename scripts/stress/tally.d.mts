// Types of tally.mjs for its test.
export interface Failure {
  name: string;
  message: string;
}
export function vitestFailures(report: unknown, root?: string): Failure[];
export function playwrightFailures(report: unknown, root?: string): Failure[];
export class Tally {
  add(suite: string, runs: number, failures: Failure[]): void;
  readonly failed: boolean;
  report(): string;
}
