/**
 * What a test reads of a Conversation's instances: the message state through
 * the public status(), the authentication state of one instance. Kept in one
 * place so that tests follow the session code when its shape changes.
 */
import type { AuthState } from '../ake/ake';
import type { Conversation } from '../session/conversation';
import type { MessageState } from '../session/events';
import { policyForLevel, type OtrPolicy } from '../session/policy';
import type { ProtocolVersion } from '../wire/messages';

/** The message state of the instance with tag `tag` (0: the master, where version 2 lives). */
export function msgStateOf(conv: Conversation, tag: number): MessageState {
  return conv.status().instances.find((i) => i.instanceTag === tag)?.state ?? 'plaintext';
}

export function authStateOf(conv: Conversation, tag: number): AuthState['state'] {
  return conv.instances.get(tag)?.auth.state ?? 'none';
}

/** The manual policy, allowing only `version`. */
export function onlyVersion(version: ProtocolVersion): OtrPolicy {
  return { ...policyForLevel('manual'), allowV2: version === 2, allowV3: version === 3 };
}
