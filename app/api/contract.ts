/**
 * The one typed contract between the app core and every front end.
 *
 * Commands are requests with a result; events are notifications from the core.
 * The Electron preload, the browser-mode WebSocket and headless JSON-RPC all carry
 * exactly these names and shapes, and check them with the schemas below where
 * they cross a process boundary.
 */
import { array, integer, literal, object, optional, string, type Infer, type Schema } from './schema';

const accountId = string({ minLength: 1, maxLength: 200 });
export const accountState = literal('offline', 'connecting', 'online', 'reconnecting', 'error');
export type AccountState = Infer<typeof accountState>;

export const accountSummary = object({
  accountId,
  protocol: literal('xmpp', 'irc'),
  name: string({ maxLength: 1000 }),
  state: accountState,
  error: optional(string({ maxLength: 10_000 })),
});
export type AccountSummary = Infer<typeof accountSummary>;

const empty = object({});

export const commands = {
  'app.info': {
    params: empty,
    result: object({
      name: string(),
      version: string(),
      /** Which front end the core serves: front ends never need it, logs and About boxes do. */
      transport: literal('electron', 'browser', 'headless'),
    }),
  },
  'account.list': {
    params: empty,
    result: array(accountSummary),
  },
} satisfies Record<string, { params: Schema<unknown>; result: Schema<unknown> }>;

export const events = {
  'account.state': object({
    accountId,
    state: accountState,
    error: optional(string({ maxLength: 10_000 })),
  }),
  error: object({ message: string({ maxLength: 10_000 }), code: optional(integer()) }),
} satisfies Record<string, Schema<unknown>>;

export type CommandName = keyof typeof commands;
export type CommandParams<M extends CommandName> = Infer<(typeof commands)[M]['params']>;
export type CommandResult<M extends CommandName> = Infer<(typeof commands)[M]['result']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = Infer<(typeof events)[E]>;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
