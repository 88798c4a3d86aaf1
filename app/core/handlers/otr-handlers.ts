/** The otr.* commands of a conversation: policy, start/end/status, instances, SMP, fingerprints. */
import { formatFingerprint, formatFingerprintV4 } from '../../../otr';
import type { OtrStatus } from '../../api/shapes';
import type { CommandHandlers, CoreContext } from '../core-context';
import { UserError } from '../errors';

type Handled =
  | 'otr.setPolicy'
  | 'otr.getPolicy'
  | 'otr.start'
  | 'otr.end'
  | 'otr.status'
  | 'otr.selectInstance'
  | 'otr.smp.start'
  | 'otr.smp.respond'
  | 'otr.smp.abort'
  | 'otr.fingerprint.mine'
  | 'otr.fingerprint.list'
  | 'otr.fingerprint.verify'
  | 'otr.fingerprint.forget';

export function otrHandlers(
  ctx: CoreContext,
  emitOtrState: (accountId: string, peer: string) => void,
): Pick<CommandHandlers, Handled> {
  const status = (accountId: string, peer: string): OtrStatus => ctx.layer(accountId).status(peer);
  const requirePrivate = (accountId: string, peer: string) => {
    if (status(accountId, peer).state !== 'encrypted')
      throw new UserError(`Start a private conversation with ${peer} before authenticating them.`, 'not-private');
  };
  return {
    'otr.setPolicy': async ({ accountId, peer, policy }) => {
      ctx.accounts.requireAccount(accountId);
      await ctx.settings.setPolicy(accountId, peer, policy);
      if (ctx.accounts.adapter(accountId)) ctx.layer(accountId).policyChanged(peer);
      return {};
    },
    'otr.getPolicy': async ({ accountId, peer }) => ctx.settings.policy(accountId, peer),
    'otr.start': async ({ accountId, peer }) => {
      await ctx.layer(accountId).start(peer);
      return status(accountId, peer);
    },
    'otr.end': async ({ accountId, peer }) => {
      await ctx.layer(accountId).end(peer);
      return status(accountId, peer);
    },
    'otr.status': async ({ accountId, peer }) => status(accountId, peer),
    'otr.selectInstance': async ({ accountId, peer, instanceTag }) => {
      try {
        await ctx.layer(accountId).selectInstance(peer, instanceTag);
      } catch (err) {
        if (err instanceof UserError) throw err;
        throw new UserError(err instanceof Error ? err.message : 'No such instance', 'unknown-instance');
      }
      return status(accountId, peer);
    },
    'otr.smp.start': async ({ accountId, peer, secret, question }) => {
      requirePrivate(accountId, peer);
      await ctx.layer(accountId).smp(peer, { start: { secret, ...(question ? { question } : {}) } });
      return {};
    },
    'otr.smp.respond': async ({ accountId, peer, secret }) => {
      requirePrivate(accountId, peer);
      await ctx.layer(accountId).smp(peer, { respond: secret });
      return {};
    },
    'otr.smp.abort': async ({ accountId, peer }) => {
      await ctx.layer(accountId).smp(peer, 'abort');
      return {};
    },
    'otr.fingerprint.mine': async ({ accountId }) => {
      ctx.accounts.requireAccount(accountId);
      await ctx.loadIdentity(accountId);
      const fingerprint = ctx.identities.myFingerprint(accountId);
      if (!fingerprint) throw new UserError(`${accountId} has no OTR key yet`, 'no-key');
      const v4 = ctx.identities.myFingerprintV4(accountId);
      return {
        fingerprint,
        formatted: formatFingerprint(fingerprint),
        ...(v4 ? { v4: { fingerprint: v4, formatted: formatFingerprintV4(Buffer.from(v4, 'hex')) } } : {}),
      };
    },
    'otr.fingerprint.list': async ({ accountId }) => ctx.identities.listFingerprints(accountId),
    'otr.fingerprint.verify': async ({ accountId, peer, fingerprint, verified }) => {
      await ctx.identities.setVerified(accountId, peer, fingerprint, verified);
      emitOtrState(accountId, peer);
      return {};
    },
    'otr.fingerprint.forget': async ({ accountId, peer, fingerprint }) => {
      await ctx.identities.forget(accountId, peer, fingerprint);
      return {};
    },
  };
}
