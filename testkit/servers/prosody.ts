/**
 * A Prosody 0.12 XMPP server for tests: its own temp folder and config, loopback
 * only, free high ports, test accounts registered with prosodyctl, plain auth
 * allowed on loopback, STARTTLS and direct TLS with a self-signed certificate.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, LOOPBACK, makeSelfSignedCert, requireBinary, spawnServer, type ServerProcess } from './process';

export interface XmppUser {
  name: string;
  password: string;
}

export interface ProsodyOptions {
  users: XmppUser[];
  /** The XMPP domain; `localhost` resolves without DNS. */
  domain?: string;
  /** Require TLS for client connections (default: not required, STARTTLS offered). */
  requireEncryption?: boolean;
}

export interface ProsodyServer {
  host: string;
  domain: string;
  /** Client port: plain, with STARTTLS offered. */
  port: number;
  /** Client port with TLS from the first byte (XEP-0368). */
  directTlsPort: number;
  mucDomain: string;
  certFile: string;
  dir: string;
  logFile: string;
  /** Kills the server (SIGKILL when `crash`), keeping its data for `start()`. */
  stop(options?: { crash?: boolean }): Promise<void>;
  /** Starts it again on the same ports with the same data. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

const PROSODY = '/usr/bin/prosody';
const PROSODYCTL = '/usr/bin/prosodyctl';

export async function startProsody(options: ProsodyOptions): Promise<ProsodyServer> {
  requireBinary(PROSODY, 'prosody');
  const domain = options.domain ?? 'localhost';
  const mucDomain = `conference.${domain}`;
  const dir = mkdtempSync(join(tmpdir(), 'sotto-prosody-'));
  const { cert, key } = makeSelfSignedCert(dir, domain);
  const [port, directTlsPort] = [await freePort(), await freePort()];
  const configFile = join(dir, 'prosody.cfg.lua');
  const logFile = join(dir, 'prosody.log');
  writeFileSync(
    configFile,
    `-- Written by testkit/servers/prosody.ts for one test run.
run_as_root = true
daemonize = false
pidfile = "${dir}/prosody.pid"
data_path = "${dir}/data"
plugin_paths = {}
interfaces = { "${LOOPBACK}" }
c2s_ports = { ${port} }
c2s_direct_tls_ports = { ${directTlsPort} }
s2s_ports = {}
http_ports = {}
https_ports = {}
admin_socket = "${dir}/admin.sock"
c2s_require_encryption = ${options.requireEncryption ? 'true' : 'false'}
allow_unencrypted_plain_auth = true
authentication = "internal_hashed"
storage = "internal"
certificates = "${dir}"
ssl = { certificate = "${cert}", key = "${key}" }
c2s_direct_tls_ssl = { certificate = "${cert}", key = "${key}" }
log = { { levels = { min = "info" }, to = "file", filename = "${logFile}" } }
use_libevent = false
limits = { c2s = { rate = "10mb/s", burst = "10mb" } }
c2s_stanza_size_limit = 10 * 1024 * 1024
modules_enabled = { "roster", "saslauth", "tls", "disco", "carbons", "ping", "presence", "message", "iq", "posix", "smacks", "offline", "time", "version", "blocklist", "private", "vcard_legacy" }
modules_disabled = { "s2s" }
VirtualHost "${domain}"
  ssl = { certificate = "${cert}", key = "${key}" }
Component "${mucDomain}" "muc"
`,
  );
  for (const user of options.users) {
    const r = spawnSync(PROSODYCTL, ['--config', configFile, 'register', user.name, domain, user.password], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`prosodyctl register ${user.name} failed: ${r.stderr || r.stdout}`);
  }
  let proc: ServerProcess | undefined;
  const start = async () => {
    proc = await spawnServer('prosody', PROSODY, ['--config', configFile, '-F'], {
      cwd: dir,
      ports: [port, directTlsPort],
      logFile,
    });
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
    domain,
    port,
    directTlsPort,
    mucDomain,
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
