/**
 * Instance tags (Protocol-v3, "Instance Tags"): 32-bit values, persistent per
 * account and installation, that tell the logins of one account apart.
 */
import type { Random } from '../crypto/env';

/** The smallest valid tag: lower values are reserved. */
export const MIN_INSTANCE_TAG = 0x100;
/** The master context: version 2, and AKEs begun before the peer's tag is known. */
export const MASTER = 0;

export function isValidInstanceTag(tag: number): boolean {
  return Number.isInteger(tag) && tag >= MIN_INSTANCE_TAG && tag <= 0xffffffff;
}

export function generateInstanceTag(random: Random): number {
  for (;;) {
    const b = random.bytes(4);
    const tag =
      (((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number)) >>> 0;
    if (isValidInstanceTag(tag)) return tag;
  }
}
