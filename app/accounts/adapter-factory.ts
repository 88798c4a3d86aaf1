/** Makes the adapter for a stored account: the one place that knows both networks' option shapes. */
import { AdapterError, type ProtocolAdapter } from '../../protocols/adapter';
import { createIrcAdapter } from '../../protocols/irc';
import { createXmppAdapter } from '../../protocols/xmpp';
import type { Logger } from '../log';
import type { StoredAccount } from './account-config';
import type { AdapterFactory } from './account-manager';

export const createAdapterFor: AdapterFactory = (
  account: StoredAccount,
  password: string | undefined,
  logger: Logger,
): ProtocolAdapter => {
  const log = {
    log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) =>
      logger.log(level, `${account.accountId}: ${message}`),
  };
  if (account.protocol === 'xmpp') {
    if (!password)
      throw new AdapterError(`${account.jid} has no password saved: edit the account to add it.`, 'config');
    return createXmppAdapter({
      jid: account.jid,
      password,
      tls: account.tls,
      trustedCertificates: account.trustedCertificates,
      logger: log,
      ...(account.host ? { host: account.host } : {}),
      ...(account.port ? { port: account.port } : {}),
    });
  }
  return createIrcAdapter({
    nick: account.nick,
    host: account.host,
    port: account.port,
    tls: account.tls,
    trustedCertificates: account.trustedCertificates,
    logger: log,
    ...(password ? { password } : {}),
    ...(account.buddies ? { buddies: account.buddies } : {}),
  });
};
