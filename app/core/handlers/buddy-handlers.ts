/** The buddy.* commands: the roster across accounts and subscriptions. */
import type { ProtocolAdapter } from '../../../protocols/adapter';
import type { CommandHandlers, CoreContext } from '../core-context';
import { UserError } from '../errors';

function online(ctx: CoreContext, accountId: string): ProtocolAdapter {
  const adapter = ctx.accounts.adapter(accountId);
  if (!adapter || adapter.state.state !== 'online') throw new UserError(`${accountId} is not connected`, 'offline');
  return adapter;
}

export function buddyHandlers(ctx: CoreContext): Pick<CommandHandlers, 'buddy.list' | 'buddy.add' | 'buddy.remove' | 'buddy.authorize'> {
  return {
    'buddy.list': async () => ctx.buddies.list(),
    'buddy.add': async ({ accountId, peer, name, groups }) => {
      await online(ctx, accountId).addBuddy(peer, { ...(name ? { name } : {}), ...(groups ? { groups } : {}) });
      return {};
    },
    'buddy.remove': async ({ accountId, peer }) => {
      await online(ctx, accountId).removeBuddy(peer);
      return {};
    },
    'buddy.authorize': async ({ accountId, peer, accept }) => {
      await online(ctx, accountId).answerSubscription(peer, accept);
      return {};
    },
  };
}
