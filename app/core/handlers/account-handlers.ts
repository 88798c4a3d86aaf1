/** The account.*, presence.set and app.info commands. */
import { PROFILE_SECRETS_WARNING } from '../../accounts/secret-store';
import { APP_NAME, APP_VERSION } from '../../version';
import type { CommandHandlers, CoreContext } from '../core-context';
import { UserError } from '../errors';

type Handled =
  | 'app.info'
  | 'account.add'
  | 'account.remove'
  | 'account.update'
  | 'account.connect'
  | 'account.disconnect'
  | 'account.list'
  | 'account.acceptCertificate'
  | 'presence.set';

export function accountHandlers(ctx: CoreContext): Pick<CommandHandlers, Handled> {
  return {
    'app.info': async () => ({
      name: APP_NAME,
      version: APP_VERSION,
      transport: ctx.frontEnd,
      secretStorage: ctx.secrets.kind,
    }),
    'account.list': async () =>
      ctx.accounts.list().map((a) => {
        const fingerprint = ctx.identities.myFingerprint(a.accountId);
        return { ...a, ...(fingerprint ? { fingerprint } : {}) };
      }),
    'account.add': async (params) => {
      const accountId = await ctx.accounts.add(params);
      return {
        accountId,
        warnings: ctx.secrets.kind === 'profile-file' && params.password ? [PROFILE_SECRETS_WARNING] : [],
      };
    },
    'account.update': async ({ accountId, password, host, port, tls, autoConnect }) => {
      const current = ctx.accounts.config(accountId);
      if (tls !== undefined && typeof tls !== (current.protocol === 'irc' ? 'boolean' : 'string')) {
        throw new UserError(
          current.protocol === 'irc'
            ? 'For IRC, tls is true or false'
            : 'For XMPP, tls is "starttls", "direct" or "none"',
          'invalid',
        );
      }
      await ctx.accounts.update(
        accountId,
        (c) =>
          ({
            ...c,
            ...(host !== undefined ? { host } : {}),
            ...(port !== undefined ? { port } : {}),
            ...(tls !== undefined ? { tls } : {}),
            ...(autoConnect !== undefined ? { autoConnect } : {}),
          }) as typeof c,
      );
      if (password !== undefined) await ctx.secrets.set(accountId, password);
      return {};
    },
    'account.remove': async ({ accountId }) => {
      await ctx.accounts.remove(accountId);
      ctx.forgetAccount(accountId);
      await ctx.settings.forgetAccount(accountId);
      return {};
    },
    // The identity is loaded once the connect has its place among the account's
    // connects and disconnects: a Disconnect sent while the key loads still comes after it.
    'account.connect': async ({ accountId }) => ({
      state: await ctx.accounts.connect(accountId, () => ctx.loadIdentity(accountId)),
    }),
    'account.disconnect': async ({ accountId }) => ({ state: await ctx.accounts.disconnect(accountId) }),
    'account.acceptCertificate': async ({ accountId, fingerprint }) => {
      await ctx.accounts.acceptCertificate(accountId, fingerprint);
      return {};
    },
    'presence.set': async ({ accountId, availability, status }) => {
      const ids = accountId ? [accountId] : ctx.accounts.ids();
      for (const id of ids) {
        if (availability === 'offline') {
          await ctx.accounts.disconnect(id);
          continue;
        }
        const adapter = ctx.accounts.adapter(id);
        if (adapter && adapter.state.state === 'online') await adapter.setPresence(availability, status);
      }
      return {};
    },
  };
}
