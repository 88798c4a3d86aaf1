/**
 * The logger an adapter is given (createXmppAdapter, createIrcAdapter): the
 * app's own, seen through the one method the adapters need.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Receives descriptions only: never a password, a key or a message body. */
export interface Logger {
  log(level: LogLevel, message: string): void;
}
