/** Conversation keys: one string per (account, peer), as the core keys its history. */
export type ConvKey = string;

export const convKey = (accountId: string, peer: string): ConvKey => `${accountId}\n${peer}`;

export function splitKey(key: ConvKey): { accountId: string; peer: string } {
  const at = key.indexOf('\n');
  return { accountId: key.slice(0, at), peer: key.slice(at + 1) };
}
