/**
 * The instances of one buddy (Protocol-v3, "Instance Tags"): the master (tag 0)
 * and one InstanceSession per login that completed an AKE step with us. A tag
 * is kept only once an AKE step from it was accepted, and their number is
 * capped, so forged tags cannot grow the table without bound.
 *
 * Also which instance is best to send to, by libotr's rule
 * (otrl_context_find_recent_secure_instance): encrypted before finished before
 * plaintext, then a trusted fingerprint before an untrusted one, then the one
 * heard from most recently.
 */
import type { Symmetric } from '../crypto/primitives';
import { InstanceSession } from './instance-session';
import { MASTER } from './instance-tags';

/** Logins of one buddy kept at once, besides the master. */
export const MAX_INSTANCES = 16;

const STATE_RANK = { plaintext: 0, finished: 1, encrypted: 2 } as const;

export class InstanceTable {
  private readonly sessions = new Map<number, InstanceSession>();

  constructor(
    private readonly symmetric: Symmetric,
    private readonly max = MAX_INSTANCES,
  ) {
    this.sessions.set(MASTER, new InstanceSession(MASTER, symmetric));
  }

  get master(): InstanceSession {
    return this.sessions.get(MASTER) as InstanceSession;
  }

  get(tag: number): InstanceSession | undefined {
    return this.sessions.get(tag);
  }

  has(tag: number): boolean {
    return this.sessions.has(tag);
  }

  values(): IterableIterator<InstanceSession> {
    return this.sessions.values();
  }

  /** The session of a known tag, or a new one that is not kept until `admit()`. */
  lookup(tag: number): InstanceSession {
    return this.sessions.get(tag) ?? new InstanceSession(tag, this.symmetric);
  }

  /**
   * Keeps a session whose AKE step was accepted. At the cap, the least recently
   * heard-from instance that is not private makes room; when every one is
   * private, the newcomer is refused (false).
   */
  admit(inst: InstanceSession): boolean {
    if (this.sessions.get(inst.theirTag) === inst) return true;
    if (this.sessions.size > this.max) {
      let victim: InstanceSession | undefined;
      for (const s of this.sessions.values()) {
        if (s.theirTag === MASTER || s.msgState === 'encrypted') continue;
        if (!victim || s.lastReceivedAt < victim.lastReceivedAt) victim = s;
      }
      if (!victim) return false;
      this.sessions.delete(victim.theirTag);
    }
    this.sessions.set(inst.theirTag, inst);
    return true;
  }

  /** libotr's best instance; `trusted` says whether a session's fingerprint is verified. */
  best(trusted: (inst: InstanceSession) => boolean): InstanceSession {
    let best = this.master;
    for (const s of this.sessions.values()) {
      const state = STATE_RANK[s.msgState] - STATE_RANK[best.msgState];
      const trust = Number(trusted(s)) - Number(trusted(best));
      if (state > 0 || (state === 0 && (trust > 0 || (trust === 0 && s.lastReceivedAt >= best.lastReceivedAt))))
        best = s;
    }
    return best;
  }
}
