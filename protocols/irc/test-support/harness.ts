/**
 * An IRC adapter under test, with every event it emits recorded, and waits on
 * them that fail with what did arrive (../../common/test-support/recorder.ts).
 */
import { record, type Recorded as RecordedAdapter } from '../../common/test-support/recorder';
import { createIrcAdapter, type IrcAdapter } from '../irc-adapter';
import type { IrcAdapterOptions } from '../options';

export type Recorded = RecordedAdapter<IrcAdapter>;

export function recordedAdapter(options: Omit<IrcAdapterOptions, 'logger'>): Recorded {
  return record((logger) => createIrcAdapter({ ...options, logger }));
}
