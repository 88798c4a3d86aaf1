/**
 * A JSON document in the profile folder, checked against a schema when read.
 * A file that exists but cannot be read or parsed is an error naming the file,
 * and it is never overwritten: saving refuses until the user deals with it.
 */
import type * as z from 'zod/mini';
import { validate } from '../api/validate';
import { UserError } from '../core/errors';
import { readFileIfExists, SerialQueue, writeFileAtomic } from './atomic-file';

export class JsonFile<T> {
  private readonly queue = new SerialQueue();
  private broken: string | undefined;

  constructor(
    readonly path: string,
    private readonly schema: z.ZodMiniType<T>,
    private readonly empty: () => T,
  ) {}

  async load(): Promise<T> {
    let text: string | undefined;
    try {
      text = await readFileIfExists(this.path);
    } catch (err) {
      this.broken = `${this.path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
      throw new UserError(this.broken, 'corrupt-file');
    }
    if (text === undefined) return this.empty();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      this.broken = `${this.path} is not valid JSON; it was left as it is. Fix or move it, then restart Sotto.`;
      throw new UserError(this.broken, 'corrupt-file');
    }
    const checked = validate(this.schema, data);
    if (!checked.ok) {
      this.broken = `${this.path} has unexpected contents (${checked.error}); it was left as it is.`;
      throw new UserError(this.broken, 'corrupt-file');
    }
    return checked.value;
  }

  save(value: T): Promise<void> {
    if (this.broken) return Promise.reject(new UserError(`Not saved: ${this.broken}`, 'corrupt-file'));
    return this.queue.run(() => writeFileAtomic(this.path, `${JSON.stringify(value, null, 2)}\n`));
  }
}
