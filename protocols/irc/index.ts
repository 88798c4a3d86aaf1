/** The IRC adapter: createIrcAdapter and its options. */
export { createIrcAdapter, type IrcAdapter } from './irc-adapter';
export type { IrcAdapterOptions, SaslCredentials } from './options';
export type { CtcpAnswers } from './ctcp';
