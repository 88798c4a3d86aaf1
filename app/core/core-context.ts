/**
 * What the command handlers share: the core's parts and a few helpers. Each
 * handler module takes this context and answers one area of the contract.
 */
import type { AccountManager } from '../accounts/account-manager';
import type { SecretStore } from '../accounts/secret-store';
import type { CommandName, CommandParams, CommandResult, EventName, EventPayload } from '../api/contract';
import type { BuddyBook } from '../buddies/buddy-book';
import type { ConversationHistory, ConversationLine } from '../conversations/lines';
import type { Logger } from '../log';
import type { OtrLayer } from '../otr-host/otr-layer';
import type { SettingsStore } from '../settings/settings-store';
import type { LineNote } from '../wording/otr-lines';
import type { IdentityProvider } from './identity-provider';

export type FrontEnd = 'electron' | 'browser' | 'headless';

export type CommandHandlers = { [M in CommandName]: (params: CommandParams<M>) => Promise<CommandResult<M>> };

export interface CoreContext {
  readonly frontEnd: FrontEnd;
  readonly logger: Logger;
  readonly accounts: AccountManager;
  readonly settings: SettingsStore;
  readonly history: ConversationHistory;
  readonly buddies: BuddyBook;
  readonly identities: IdentityProvider;
  readonly secrets: SecretStore;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** The account's OTR layer; throws a UserError when the account is not connected. */
  layer(accountId: string): OtrLayer;
  /**
   * Adds a line, shows it and logs it. A message held for OTR (`heldForOtr`) is
   * logged once its outcome is known, as private, like every line bound for OTR.
   */
  addLine(accountId: string, peer: string, line: NewLine, options?: { heldForOtr?: boolean }): ConversationLine;
  /** Loads the account's key and instance tag (making a key the first time). */
  loadIdentity(accountId: string): Promise<void>;
  forgetAccount(accountId: string): void;
}

export type NewLine = Omit<ConversationLine, 'id' | 'time'> & { id?: number; time?: number };

/** A line for what the core or OTR has to say about a conversation (worded in app/wording/). */
export const systemLine = (note: LineNote): NewLine => ({
  direction: 'system',
  text: note.text,
  encrypted: note.private === true,
  verified: false,
  level: note.level,
});

export const conversationKey = (accountId: string, peer: string) => `${accountId}\n${peer}`;
