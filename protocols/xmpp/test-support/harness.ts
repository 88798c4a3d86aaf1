/**
 * An XMPP adapter under test, with every event it emits and every log line
 * recorded, and waits on them that fail with what did arrive instead
 * (../../common/test-support/recorder.ts); accounts on a test server.
 */
import { record, type Recorded } from '../../common/test-support/recorder';
import type { XmppAdapterOptions } from '../options';
import { createXmppAdapter } from '../xmpp-adapter';

export type { Recorded };

export interface ServerAddress {
  host: string;
  port: number;
  directTlsPort: number;
  domain: string;
}

export function recordAdapter(options: Omit<XmppAdapterOptions, 'logger'>): Recorded {
  return record((logger) => createXmppAdapter({ ...options, logger }));
}

/** An account on the test server, connecting over plain TCP on loopback unless told otherwise. */
export function account(
  server: ServerAddress,
  name: string,
  password: string,
  extra: Partial<XmppAdapterOptions> = {},
): Recorded {
  return recordAdapter({
    jid: `${name}@${server.domain}`,
    password,
    host: server.host,
    port: server.port,
    tls: 'none',
    ...extra,
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
