/**
 * libotr's own figures on this machine: the harness's bench mode, libotr
 * against itself in one process (testkit/libotr-harness/README.md), for
 * `npm run bench` to print beside ours.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { buildLibotrHarness, HARNESS_BUILD_DIR } from '../libotr-harness/build';

export type LibotrBenchName = 'keygen' | 'ake' | 'data-alternating' | 'data-one-way' | 'fragmented' | 'smp';

export interface LibotrBenchResult {
  name: LibotrBenchName;
  unit: 'ms' | 'messages/s';
  median: number;
  /** ms: the 90th-percentile time. messages/s: the rate of the 90th-percentile (slow) round, so p90 <= median. */
  p90: number;
  /** ms benchmarks: the slowest iteration. */
  max?: number;
  iterations: number;
  messagesPerIteration?: number;
  messageBytes?: number;
  maxMessageSize?: number;
  libotr: string;
}

/**
 * Runs `harness --bench NAME`: libotr against itself in one process. Keys are
 * cached in `keyDir` (default build/libotr-harness/bench-keys) so only the
 * keygen benchmark pays for key generation.
 */
export async function runLibotrBench(
  name: LibotrBenchName,
  options: { iterations?: number; keyDir?: string; timeoutMs?: number } = {},
): Promise<LibotrBenchResult> {
  const binary = buildLibotrHarness().path;
  const args = ['--bench', name, '--dir', options.keyDir ?? join(HARNESS_BUILD_DIR, 'bench-keys')];
  if (options.iterations !== undefined) args.push('--iterations', String(options.iterations));
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(binary, args, { timeout: options.timeoutMs ?? 300_000, encoding: 'utf8' }, (error, out, err) => {
      if (error) reject(new Error(`libotr bench ${name} failed: ${error.message}\n${err}`));
      else resolve(out);
    });
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  const result = JSON.parse(line) as LibotrBenchResult;
  if (result.name !== name || typeof result.median !== 'number')
    throw new Error(`libotr bench ${name} printed ${line}`);
  return result;
}
