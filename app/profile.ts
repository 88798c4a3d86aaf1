/** Where a user's Sotto data lives: the XDG config folder unless --profile says otherwise. */
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'sotto');
}

/** Creates the folder readable by its owner only, since it will hold private keys. */
export async function ensureProfileDir(dir: string): Promise<string> {
  const full = resolve(dir);
  await mkdir(full, { recursive: true, mode: 0o700 });
  return full;
}
