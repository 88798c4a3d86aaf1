/**
 * The harness's line protocol over its child process (testkit/libotr-harness):
 * start it and wait for `READY <fingerprint> <instance tag>`, then one command
 * at a time. The harness answers every command with event lines and then
 * exactly one `OK` or `ERR <b64 reason>`, so the events of a command are
 * exactly the lines before its `OK`. peer.ts turns the commands into methods.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseEvent, unb64, wireOf, type LibotrEvent } from './events';

export interface CommandResult {
  events: LibotrEvent[];
  /** The messages libotr sent to the network during the command, in order. */
  wire: string[];
}

export interface HarnessProcess {
  /** From READY: our fingerprint, 40 lower-case hex digits. */
  readonly fingerprint: string;
  /** From READY: our instance tag. */
  readonly instanceTag: number;
  /** Every event the harness printed, in order. */
  readonly events: LibotrEvent[];
  /** Commands (`> `), events and results, raw. */
  readonly transcript: string[];
  /** Writes one command line (fields joined by spaces) once the previous command is done; its events, or its ERR thrown. */
  command(...fields: string[]): Promise<CommandResult>;
  /** Sends `quit` and waits for the exit, killing the process after a grace period. */
  quit(): Promise<void>;
}

interface Pending {
  lines: string[];
  resolve: (lines: string[]) => void;
  reject: (error: Error) => void;
}

/** Spawns the harness `binary` with `args` and waits up to `startTimeout` ms for READY. */
export async function startHarnessProcess(
  binary: string,
  args: string[],
  startTimeout: number,
): Promise<HarnessProcess> {
  const child: ChildProcessWithoutNullStreams = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });

  const events: LibotrEvent[] = [];
  const transcript: string[] = [];
  let stderr = '';
  let exited: string | undefined;
  let pending: Pending | undefined;
  let ready: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  const describeExit = () => `the libotr harness ${exited ?? 'is running'}; stderr:\n${stderr || '(empty)'}`;

  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  child.stdin.on('error', () => {
    /* EPIPE after an exit: reported through the exit handler. */
  });
  child.once('error', (error) => {
    exited = `could not start: ${error.message}`;
    ready?.reject(new Error(describeExit()));
  });
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
    ready?.reject(new Error(describeExit()));
    pending?.reject(new Error(`${describeExit()}\nlast lines:\n${transcript.slice(-20).join('\n')}`));
    pending = undefined;
  });
  createInterface({ input: child.stdout, crlfDelay: Infinity }).on('line', (line) => {
    transcript.push(line);
    if (ready) {
      ready.resolve(line);
      ready = undefined;
      return;
    }
    if (!pending) {
      events.push({ type: 'unknown', line });
      return;
    }
    if (line === 'OK' || line.startsWith('ERR ')) {
      const done = pending;
      pending = undefined;
      if (line === 'OK') done.resolve(done.lines);
      else done.reject(new Error(`libotr harness: ${unb64(line.slice(4))}`));
      return;
    }
    pending.lines.push(line);
    events.push(parseEvent(line));
  });

  const readyLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no READY from the libotr harness in ${startTimeout} ms; ${describeExit()}`)),
      startTimeout,
    );
    ready = {
      resolve: (line) => {
        clearTimeout(timer);
        resolve(line);
      },
      reject: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    };
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const [word, fingerprint, instag] = readyLine.split(' ');
  if (word !== 'READY' || !fingerprint || !/^[0-9a-f]{40}$/.test(fingerprint) || !instag) {
    child.kill('SIGKILL');
    throw new Error(`the libotr harness said ${JSON.stringify(readyLine)} instead of READY; ${describeExit()}`);
  }

  // One command at a time: each waits for the previous one's OK/ERR.
  let queue: Promise<unknown> = Promise.resolve();
  const command = (...fields: string[]): Promise<CommandResult> => {
    const run = async (): Promise<CommandResult> => {
      if (exited) throw new Error(describeExit());
      const lines = await new Promise<string[]>((resolve, reject) => {
        pending = { lines: [], resolve, reject };
        const line = fields.join(' ');
        transcript.push(`> ${line}`);
        child.stdin.write(`${line}\n`);
      });
      const parsed = lines.map(parseEvent);
      return { events: parsed, wire: wireOf(parsed) };
    };
    const result = queue.then(run, run);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    fingerprint,
    instanceTag: parseInt(instag, 16),
    events,
    transcript,
    command,
    async quit() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await command('quit').catch(() => undefined);
      await gone;
      clearTimeout(timer);
    },
  };
}
