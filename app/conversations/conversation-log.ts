/**
 * Conversation logs on disk, off by default. Plaintext conversations are logged
 * only when the user turns logging on; private (OTR) lines only for buddies the
 * user chose, one by one, because a log of a private conversation undoes part
 * of what OTR is for. One JSON line per message, files readable by the owner only.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversationLine } from './lines';

export interface LogPolicy {
  plaintext(): boolean;
  privateFor(accountId: string, peer: string): boolean;
}

/** Names from the network become file names: nothing but safe characters survives. */
const safe = (s: string) => s.replace(/[^A-Za-z0-9@._-]/g, '_').slice(0, 200);

export class ConversationLog {
  constructor(
    private readonly dir: string,
    private readonly policy: LogPolicy,
  ) {}

  /**
   * Whether a line would be written: private lines need the buddy's own opt-in.
   * A line is private when it was bound for OTR, whether or not it went (a held
   * message that was never sent), or tells what travelled inside OTR.
   */
  wants(accountId: string, peer: string, isPrivate: boolean): boolean {
    return isPrivate ? this.policy.privateFor(accountId, peer) : this.policy.plaintext();
  }

  async write(accountId: string, peer: string, line: ConversationLine, isPrivate: boolean): Promise<void> {
    if (!this.wants(accountId, peer, isPrivate)) return;
    const folder = join(this.dir, safe(accountId));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const unsent = line.status === 'failed' || line.status === 'refused' ? { status: line.status } : {};
    const record = {
      time: new Date(line.time).toISOString(),
      direction: line.direction,
      text: line.text,
      private: isPrivate,
      ...unsent,
      ...(line.nick ? { nick: line.nick } : {}),
    };
    await appendFile(join(folder, `${safe(peer)}.jsonl`), `${JSON.stringify(record)}\n`, { mode: 0o600 });
  }
}
