/**
 * The user's settings (settings.json): OTR policy per account with per-buddy
 * overrides, and logging. Defaults follow libotr: opportunistic OTR; no logs of
 * anything unless the user turns them on (OTR logs only per buddy).
 */
import { join } from 'node:path';
import type { PolicyLevel } from '../../otr';
import * as z from 'zod/mini';
import { dictionary, emptyDictionary } from '../storage/dictionary';
import { JsonFile } from '../storage/json-file';

const level = z.enum(['never', 'manual', 'opportunistic', 'always', 'require-v4']);

const settingsSchema = z.strictObject({
  version: z.literal(1),
  otr: dictionary(
    z.strictObject({
      policy: z.optional(level),
      buddies: dictionary(z.strictObject({ policy: z.optional(level), logOtr: z.optional(z.boolean()) })),
    }),
  ),
  logging: z.strictObject({ plaintext: z.boolean() }),
  ui: z.optional(z.strictObject({ notifications: z.boolean(), theme: z.enum(['light', 'dark', 'system']) })),
});

type Settings = z.infer<typeof settingsSchema>;

// Maps without a prototype, here as when read from the file: a buddy or account named
// "__proto__" must get an entry of its own, not write to Object.prototype.
const defaults = (): Settings => ({ version: 1, otr: emptyDictionary(), logging: { plaintext: false } });
const newAccount = () => ({ buddies: emptyDictionary<{ policy?: PolicyLevel; logOtr?: boolean }>() });

export const DEFAULT_POLICY: PolicyLevel = 'opportunistic';

export class SettingsStore {
  private readonly file: JsonFile<Settings>;
  private data: Settings = defaults();

  constructor(profileDir: string) {
    this.file = new JsonFile(join(profileDir, 'settings.json'), settingsSchema, defaults);
  }

  async load(): Promise<void> {
    this.data = await this.file.load();
  }

  /** The policy for a buddy: theirs if set, else the account's, else opportunistic. */
  policy(accountId: string, peer?: string): { policy: PolicyLevel; inherited: boolean } {
    const account = this.data.otr[accountId];
    const own = peer === undefined ? account?.policy : account?.buddies[peer]?.policy;
    if (own) return { policy: own, inherited: false };
    return { policy: (peer !== undefined ? account?.policy : undefined) ?? DEFAULT_POLICY, inherited: true };
  }

  /** `inherit` takes a buddy's own policy away (or the account's: back to the default). */
  async setPolicy(accountId: string, peer: string | undefined, policy: PolicyLevel | 'inherit'): Promise<void> {
    const account = (this.data.otr[accountId] ??= newAccount());
    const target = peer === undefined ? account : (account.buddies[peer] ??= {});
    if (policy === 'inherit') delete target.policy;
    else target.policy = policy;
    await this.file.save(this.data);
  }

  logsOtr(accountId: string, peer: string): boolean {
    return this.data.otr[accountId]?.buddies[peer]?.logOtr ?? false;
  }

  async setLogsOtr(accountId: string, peer: string, logOtr: boolean): Promise<void> {
    const account = (this.data.otr[accountId] ??= newAccount());
    (account.buddies[peer] ??= {}).logOtr = logOtr;
    await this.file.save(this.data);
  }

  get logsPlaintext(): boolean {
    return this.data.logging.plaintext;
  }

  /** What the settings.get command returns: logging and the front ends' preferences. */
  view(): { logging: { plaintext: boolean }; notifications: boolean; theme: 'light' | 'dark' | 'system' } {
    const ui = this.data.ui ?? { notifications: true, theme: 'system' as const };
    return { logging: { ...this.data.logging }, notifications: ui.notifications, theme: ui.theme };
  }

  async update(change: {
    logging?: { plaintext: boolean } | undefined;
    notifications?: boolean | undefined;
    theme?: 'light' | 'dark' | 'system' | undefined;
  }): Promise<void> {
    const ui = this.data.ui ?? { notifications: true, theme: 'system' as const };
    if (change.logging) this.data.logging = { ...change.logging };
    this.data.ui = { notifications: change.notifications ?? ui.notifications, theme: change.theme ?? ui.theme };
    await this.file.save(this.data);
  }

  async forgetAccount(accountId: string): Promise<void> {
    delete this.data.otr[accountId];
    await this.file.save(this.data);
  }
}
