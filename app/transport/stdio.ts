/**
 * Headless mode: JSON-RPC 2.0 on stdin/stdout, one JSON object per line.
 * Nothing but JSON-RPC is written to stdout.
 */
import { createInterface } from 'node:readline';
import type { SottoCore } from '../core/sotto-core';
import { createRpcSession } from './rpc-session';

export function serveStdio(
  core: SottoCore,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<void> {
  const session = createRpcSession(core, (text) => output.write(`${text}\n`));
  const lines = createInterface({ input, crlfDelay: Infinity });
  const pending = new Set<Promise<void>>();
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    const job = session.receive(line).finally(() => pending.delete(job));
    pending.add(job);
  });
  return new Promise((resolve) => {
    lines.on('close', () => {
      void Promise.allSettled([...pending]).then(() => {
        session.close();
        resolve();
      });
    });
  });
}
