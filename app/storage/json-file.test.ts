import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../core/errors';
import { JsonFile } from './json-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sotto-json-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const schema = z.strictObject({ version: z.literal(1), names: z.array(z.string()) });
const file = () => new JsonFile(join(dir, 'f.json'), schema, () => ({ version: 1 as const, names: [] }));

describe('JsonFile', () => {
  it('reads what it wrote, and the empty value when there is no file', async () => {
    expect(await file().load()).toEqual({ version: 1, names: [] });
    await file().save({ version: 1, names: ['a'] });
    expect(await file().load()).toEqual({ version: 1, names: ['a'] });
  });

  it('names the field at fault in a file with unexpected contents, and then refuses to overwrite it', async () => {
    writeFileSync(join(dir, 'f.json'), JSON.stringify({ version: 1, names: ['a', 2] }));
    const f = file();
    const error = await f.load().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('has unexpected contents (names[1]: expected a string, got number)');
    await expect(f.save({ version: 1, names: [] })).rejects.toThrow(/^Not saved: /);
  });
});
