/** Sending and reading conversations: message.send, conversation.*, group.*. */
import { groupJoined, groupLeft } from '../../wording/core-lines';
import { conversationKey, systemLine, type CommandHandlers, type CoreContext } from '../core-context';

type Handled =
  | 'message.send'
  | 'conversation.history'
  | 'conversation.list'
  | 'conversation.markRead'
  | 'conversation.getLogging'
  | 'conversation.setLogging'
  | 'group.join'
  | 'group.leave'
  | 'group.send';

export function conversationHandlers(ctx: CoreContext, groups: Set<string>): Pick<CommandHandlers, Handled> {
  return {
    'message.send': async ({ accountId, peer, text }) => {
      const sending = ctx.layer(accountId).send(peer, text);
      // The line exists before anything can settle it (a held message sent once private, a failure).
      const status = sending.status === 'held' ? 'queued' : sending.status;
      const held = status === 'queued';
      const { id, encrypted, verified, fingerprint } = sending;
      ctx.addLine(
        accountId,
        peer,
        {
          id,
          direction: 'out',
          text: sending.text,
          encrypted,
          verified,
          ...(fingerprint ? { fingerprint } : {}),
          status,
        },
        { heldForOtr: held },
      );
      return { status: await sending.done, lineId: id };
    },
    'conversation.history': async ({ accountId, peer, before, limit }) =>
      ctx.history.list(conversationKey(accountId, peer), {
        ...(before !== undefined ? { before } : {}),
        ...(limit !== undefined ? { limit } : {}),
      }),
    'conversation.list': async () =>
      ctx.history.keys().map((key) => {
        const [accountId, peer] = key.split('\n') as [string, string];
        const lastLine = ctx.history.list(key, { limit: 1 })[0];
        return {
          accountId,
          peer,
          kind: groups.has(key) ? ('group' as const) : ('direct' as const),
          unread: ctx.buddies.unread(accountId, peer),
          ...(lastLine ? { lastLine } : {}),
        };
      }),
    'conversation.markRead': async ({ accountId, peer }) => {
      ctx.emit('buddy.updated', ctx.buddies.markRead(accountId, peer));
      return {};
    },
    'conversation.getLogging': async ({ accountId, peer }) => ({
      plaintext: ctx.settings.logsPlaintext,
      logPrivate: ctx.settings.logsOtr(accountId, peer),
    }),
    'conversation.setLogging': async ({ accountId, peer, logPrivate }) => {
      ctx.accounts.requireAccount(accountId);
      await ctx.settings.setLogsOtr(accountId, peer, logPrivate);
      return {};
    },
    'group.join': async ({ accountId, room, nick }) => {
      await ctx.accounts.onlineAdapter(accountId).joinGroup(room, nick);
      groups.add(conversationKey(accountId, room));
      ctx.addLine(accountId, room, systemLine(groupJoined(room)));
      return {};
    },
    'group.leave': async ({ accountId, room }) => {
      await ctx.accounts.onlineAdapter(accountId).leaveGroup(room);
      ctx.addLine(accountId, room, systemLine(groupLeft(room)));
      return {};
    },
    'group.send': async ({ accountId, room, text }) => {
      // U+0000 is no character anyone types; no network carries it safely.
      const clean = text.replaceAll('\0', '');
      await ctx.accounts.onlineAdapter(accountId).sendGroupMessage(room, clean);
      return {
        lineId: ctx.addLine(accountId, room, {
          direction: 'out',
          text: clean,
          encrypted: false,
          verified: false,
          status: 'sent',
        }).id,
      };
    },
  };
}
