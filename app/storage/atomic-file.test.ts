import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sotto-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe('writeFileAtomic', () => {
  it('writes the file with mode 0600, whatever the umask', async () => {
    const path = join(dir, 'secret');
    const old = process.umask(0o000);
    try {
      await writeFileAtomic(path, 'new');
    } finally {
      process.umask(old);
    }
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(mode(path)).toBe(0o600);
  });

  it('replaces a file that others could read with a 0600 one', async () => {
    const path = join(dir, 'secret');
    writeFileSync(path, 'old', { mode: 0o644 });
    await writeFileAtomic(path, 'new');
    expect(mode(path)).toBe(0o600);
  });

  it('leaves the old file whole when the process dies between writing and renaming', async () => {
    const path = join(dir, 'secret');
    writeFileSync(path, 'old contents', { mode: 0o600 });
    let temp = '';
    const crash = new Error('crash');
    await expect(
      writeFileAtomic(path, 'new contents', {
        beforeRename: (t) => {
          temp = t;
          // The new bytes are fully on disk in the temp file at this point…
          expect(readFileSync(t, 'utf8')).toBe('new contents');
          expect(mode(t)).toBe(0o600);
          throw crash;
        },
      }),
    ).rejects.toBe(crash);
    // …and the target is untouched: the old version, never a mix or an empty file.
    expect(readFileSync(path, 'utf8')).toBe('old contents');
    expect(readdirSync(dir)).toEqual(['secret']);
    expect(temp).toMatch(/\.secret\.tmp-[0-9a-f]{12}$/);
  });

  it('leaves either the old or the new file, never anything else, however many writes race', async () => {
    const path = join(dir, 'secret');
    const versions = Array.from({ length: 20 }, (_, i) => `version ${i} `.repeat(1000));
    writeFileSync(path, 'old');
    const seen = new Set<string>();
    await Promise.all(
      versions.map(async (v) => {
        await writeFileAtomic(path, v);
        seen.add(readFileSync(path, 'utf8'));
      }),
    );
    for (const s of seen) expect(versions).toContain(s);
    expect(versions).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(dir)).toEqual(['secret']);
  });

  it('removes temp files that a real crash would leave, and only those', async () => {
    const path = join(dir, 'secret');
    writeFileSync(join(dir, '.secret.tmp-0123456789ab'), 'half-written key');
    writeFileSync(join(dir, '.secret.tmp-notours'), 'kept');
    writeFileSync(join(dir, '.other.tmp-0123456789ab'), 'kept');
    expect(await removeStaleTempFiles(path)).toEqual(['.secret.tmp-0123456789ab']);
    expect(readdirSync(dir).sort()).toEqual(['.other.tmp-0123456789ab', '.secret.tmp-notours']);
  });

  it('reports a folder that does not exist, leaving nothing behind', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'secret'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
