/**
 * Which login of the buddy our messages go to. The user's choice wins while
 * that login exists. Otherwise messages follow the best instance by libotr's
 * rule (instance-table.ts), re-evaluated after every change of state, with one
 * exception: they never move on their own from a login with a verified key to
 * one without. That would let a second login with another key, whoever holds
 * it, take over a verified conversation without a word; the user is told
 * instead, and may choose it.
 */
import type { OtrEvent } from './events';
import type { InstanceSession } from './instance-session';
import { MASTER } from './instance-tags';
import type { InstanceTable } from './instance-table';

export class InstanceChoice {
  private selected: number | undefined;
  private current: number | undefined;
  /** Logins the user was told about: once each. */
  private readonly told = new Set<number>();

  constructor(
    private readonly table: InstanceTable,
    private readonly trustedKey: (fingerprint: Uint8Array) => boolean,
  ) {}

  /** The key of this login's last private session is one the user verified. */
  readonly trusted = (inst: InstanceSession): boolean =>
    inst.identity !== undefined && this.trustedKey(inst.identity.fingerprint);

  /** The user's choice; undefined goes back to the automatic one. */
  select(tag: number | undefined): void {
    if (tag !== undefined && !this.table.has(tag)) throw new RangeError(`no instance ${tag.toString(16)}`);
    this.selected = tag;
    this.current = tag;
    this.told.clear();
  }

  /** The instance messages go to now. */
  target(): InstanceSession {
    const pick = this.selected ?? this.current;
    return (pick === undefined ? undefined : this.table.get(pick)) ?? this.table.best(this.trusted);
  }

  /** Follows the best instance after a change of state; returns what the user should hear of it. */
  settle(): OtrEvent[] {
    if (this.selected !== undefined && !this.table.has(this.selected)) this.selected = undefined;
    const events = this.selected === undefined ? this.follow() : [];
    // Logins private with keys the user has not verified, beside a verified one that keeps the messages.
    const target = this.target();
    if (!this.trusted(target)) return events;
    for (const s of this.table.values()) {
      if (s === target || s.msgState !== 'encrypted' || this.trusted(s) || this.told.has(s.theirTag)) continue;
      this.told.add(s.theirTag);
      events.push({ type: 'instance-withheld', instanceTag: s.theirTag, current: target.theirTag });
    }
    return events;
  }

  private follow(): OtrEvent[] {
    const best = this.table.best(this.trusted);
    const cur = this.current === undefined ? undefined : this.table.get(this.current);
    if (cur === best || (cur && this.trusted(cur) && !this.trusted(best))) return [];
    this.current = best.theirTag;
    // Going private for the first time is no switch worth a word.
    if (!cur || cur.theirTag === MASTER || cur.msgState === 'plaintext') return [];
    return [{ type: 'instance-switched', from: cur.theirTag, to: best.theirTag }];
  }
}
