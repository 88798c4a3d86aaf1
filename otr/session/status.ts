/** What a conversation reports about itself: the state users see, and each instance of the buddy. */
import type { MessageState } from './events';
import type { InstanceSession } from './instance-session';
import { MASTER } from './instance-tags';

export interface InstanceStatus {
  instanceTag: number;
  state: MessageState;
  fingerprint?: Uint8Array;
}

export interface ConversationStatus {
  state: MessageState;
  /** The instance messages go to now. */
  instanceTag: number;
  fingerprint?: Uint8Array;
  ssid?: Uint8Array;
  /** The version of the private session (or of the last one, once it ended). */
  version?: 2 | 3 | 4;
  /** OTRv4: the fingerprint of the v3 key that signed the buddy's Client Profile (transitional signature). */
  transitional?: Uint8Array;
  instances: InstanceStatus[];
}

/** `target` is the instance messages go to now; the master is listed only once it is not plaintext. */
export function conversationStatus(target: InstanceSession, all: Iterable<InstanceSession>): ConversationStatus {
  const instances: InstanceStatus[] = [...all]
    .filter((i) => i.theirTag !== MASTER || i.msgState !== 'plaintext')
    .map((i) => ({
      instanceTag: i.theirTag,
      state: i.msgState,
      ...(i.identity ? { fingerprint: i.identity.fingerprint } : {}),
    }));
  return {
    state: target.msgState,
    instanceTag: target.theirTag,
    ...(target.identity ? { fingerprint: target.identity.fingerprint } : {}),
    ...(target.private ? { ssid: target.private.ssid } : {}),
    ...(target.identity ? { version: target.identity.version } : {}),
    ...(target.identity?.transitional ? { transitional: target.identity.transitional } : {}),
    instances,
  };
}
