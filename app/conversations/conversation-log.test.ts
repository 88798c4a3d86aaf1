import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConversationLog } from './conversation-log';
import type { ConversationLine } from './lines';

const line = (text: string, encrypted: boolean): ConversationLine => ({
  id: 1,
  time: 0,
  direction: 'in',
  text,
  encrypted,
  verified: false,
});

function setup(plaintext: boolean, privateFor: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'sotto-logs-'));
  return {
    dir,
    log: new ConversationLog(dir, { plaintext: () => plaintext, privateFor: (_a, p) => privateFor.includes(p) }),
  };
}

describe('conversation logs', () => {
  it('write nothing by default', async () => {
    const { dir, log } = setup(false);
    await log.write('xmpp:me@x', 'bob@x', line('hello', false), false);
    await log.write('xmpp:me@x', 'bob@x', line('secret', true), true);
    expect(existsSync(join(dir, 'xmpp_me@x'))).toBe(false);
  });

  it('log plaintext when turned on, but never private lines without the buddy’s own opt-in', async () => {
    const { dir, log } = setup(true);
    await log.write('xmpp:me@x', 'bob@x', line('hello', false), false);
    await log.write('xmpp:me@x', 'bob@x', line('secret', true), true);
    const file = join(dir, 'xmpp_me@x', 'bob@x.jsonl');
    expect(readFileSync(file, 'utf8')).toContain('"text":"hello"');
    expect(readFileSync(file, 'utf8')).not.toContain('secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('log private lines for a buddy the user chose, and keep names from escaping the folder', async () => {
    const { dir, log } = setup(false, ['../../etc/passwd', 'carol@x']);
    await log.write('xmpp:me@x', 'carol@x', line('ours', true), true);
    await log.write('xmpp:me@x', '../../etc/passwd', line('nice try', true), true);
    expect(readFileSync(join(dir, 'xmpp_me@x', 'carol@x.jsonl'), 'utf8')).toContain('"private":true');
    expect(existsSync(join(dir, 'xmpp_me@x', '.._.._etc_passwd.jsonl'))).toBe(true);
  });
});
