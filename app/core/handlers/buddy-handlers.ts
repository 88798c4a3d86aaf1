/** The buddy.* commands: the roster across accounts and subscriptions. */
import type { CommandHandlers, CoreContext } from '../core-context';

export function buddyHandlers(
  ctx: CoreContext,
): Pick<CommandHandlers, 'buddy.list' | 'buddy.add' | 'buddy.remove' | 'buddy.authorize'> {
  return {
    'buddy.list': async () => ctx.buddies.list(),
    'buddy.add': async ({ accountId, peer, name, groups }) => {
      await ctx.accounts
        .onlineAdapter(accountId)
        .addBuddy(peer, { ...(name ? { name } : {}), ...(groups ? { groups } : {}) });
      return {};
    },
    'buddy.remove': async ({ accountId, peer }) => {
      await ctx.accounts.onlineAdapter(accountId).removeBuddy(peer);
      return {};
    },
    'buddy.authorize': async ({ accountId, peer, accept }) => {
      await ctx.accounts.onlineAdapter(accountId).answerSubscription(peer, accept);
      return {};
    },
  };
}
