/**
 * An ngIRCd 26 server for tests: its own temp folder and config, loopback only,
 * a free plain port and a TLS port with a self-signed certificate. Flood
 * protection stays on unless `floodProtection: false`, because real servers
 * have it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, LOOPBACK, makeSelfSignedCert, requireBinary, spawnServer, type ServerProcess } from './process';

export interface NgircdOptions {
  floodProtection?: boolean;
  /** A server password every client must send. */
  password?: string;
}

export interface NgircdServer {
  host: string;
  port: number;
  tlsPort: number;
  serverName: string;
  certFile: string;
  dir: string;
  logFile: string;
  stop(options?: { crash?: boolean }): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

const NGIRCD = '/usr/sbin/ngircd';

export async function startNgircd(options: NgircdOptions = {}): Promise<NgircdServer> {
  requireBinary(NGIRCD, 'ngircd');
  const dir = mkdtempSync(join(tmpdir(), 'sotto-ngircd-'));
  const serverName = 'irc.sotto.test';
  const { cert, key } = makeSelfSignedCert(dir, 'localhost');
  const [port, tlsPort] = [await freePort(), await freePort()];
  const configFile = join(dir, 'ngircd.conf');
  const logFile = join(dir, 'ngircd.log');
  writeFileSync(
    configFile,
    `# Written by testkit/servers/ngircd.ts for one test run.
[Global]
Name = ${serverName}
Info = Sotto test server
Listen = ${LOOPBACK}
Ports = ${port}
MotdPhrase = "Sotto test server"
HelpFile = ${dir}/none
${options.password ? `Password = ${options.password}` : ''}
[Limits]
MaxConnections = 0
MaxConnectionsIP = 0
MaxJoins = 0
MaxNickLength = 30
PingTimeout = 120
${options.floodProtection === false ? 'MaxPenaltyTime = 0' : ''}
[Options]
DNS = no
Ident = no
PAM = no
IncludeDir = ${dir}/conf.d
[SSL]
CertFile = ${cert}
KeyFile = ${key}
Ports = ${tlsPort}
`,
  );
  let proc: ServerProcess | undefined;
  // ngIRCd writes its log to stderr with --nodaemon; keep it in the folder.
  const start = async () => {
    proc = await spawnServer('ngircd', NGIRCD, ['--nodaemon', '--config', configFile], {
      cwd: dir,
      ports: [port, tlsPort],
      logFile,
    });
    proc.child.stderr?.on('data', (chunk: Buffer) => writeFileSync(logFile, chunk, { flag: 'a' }));
  };
  const stop = async ({ crash = false } = {}) => {
    if (!proc) return;
    if (crash) proc.child.kill('SIGKILL');
    await proc.stop();
    proc = undefined;
  };
  await start();
  return {
    host: LOOPBACK,
    port,
    tlsPort,
    serverName,
    certFile: cert,
    dir,
    logFile,
    stop,
    start,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
