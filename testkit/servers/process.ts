/**
 * Starting and stopping the test servers as the tests' own child processes:
 * free loopback ports, waiting until a port accepts connections, stopping by pid,
 * and failing loudly (with the server's log) when a server cannot start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';

export const LOOPBACK = '127.0.0.1';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Throws the install command when a Debian binary the tests need is missing. */
export function requireBinary(path: string, debianPackage: string): void {
  if (!existsSync(path)) {
    throw new Error(
      `${path} is missing. Install the test servers with:\n  sudo apt-get install -y --no-install-recommends ${debianPackage}\n(or run \`npm test\` as root, which installs them)`,
    );
  }
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: LOOPBACK, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface ServerProcess {
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Spawns a server and resolves once every port accepts a connection. Rejects with
 * the server's own log if it exits first or is not listening within the timeout.
 */
export async function spawnServer(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; ports: number[]; logFile: string; timeoutMs?: number; env?: NodeJS.ProcessEnv },
): Promise<ServerProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited: string | undefined;
  child.once('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`;
  });
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  for (;;) {
    if (exited)
      throw new Error(`${name} could not start (${exited}).\nOutput:\n${output}\nLog:\n${tail(options.logFile)}`);
    const ready = await Promise.all(options.ports.map(portAccepts));
    if (ready.every(Boolean)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `${name} did not listen on ${options.ports.join(', ')} in time.\nOutput:\n${output}\nLog:\n${tail(options.logFile)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    stop: () => stopProcess(child),
  };
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
export function stopProcess(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A self-signed certificate for localhost, for the STARTTLS and direct-TLS paths. */
export function makeSelfSignedCert(dir: string, commonName: string): { cert: string; key: string } {
  const cert = `${dir}/cert.pem`;
  const key = `${dir}/key.pem`;
  const result = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      `subjectAltName=DNS:${commonName}`,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0)
    throw new Error(`openssl could not make a test certificate: ${result.stderr || result.error?.message}`);
  return { cert, key };
}
