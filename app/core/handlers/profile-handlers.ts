/** Keys (generate, import from and export to libotr's files) and settings. */
import type { CommandHandlers, CoreContext } from '../core-context';

export function profileHandlers(
  ctx: CoreContext,
): Pick<
  CommandHandlers,
  'otr.keys.generate' | 'otr.keys.import' | 'otr.keys.export' | 'settings.get' | 'settings.set'
> {
  return {
    'otr.keys.generate': async ({ accountId }) => {
      ctx.accounts.requireAccount(accountId);
      return { fingerprint: await ctx.identities.generateKey(accountId) };
    },
    'otr.keys.import': async ({ dir }) => ({ lines: await ctx.identities.importLibotr(dir) }),
    'otr.keys.export': async ({ dir }) => ({ lines: await ctx.identities.exportLibotr(dir) }),
    'settings.get': async () => ctx.settings.view(),
    'settings.set': async (change) => {
      await ctx.settings.update(change);
      return ctx.settings.view();
    },
  };
}
