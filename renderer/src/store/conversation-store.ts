/**
 * Conversations: the open tabs, their lines (as the core numbers them), unread
 * counts and what was typed. Lines are kept sorted by id; an event for a line
 * we already have replaces it (an outgoing line changes status once sent).
 */
import { create } from 'zustand';
import type { ConversationLineDto } from '../../../app/api/shapes';
import { convKey, type ConvKey } from '../lib/conversation-keys';

export type Kind = 'direct' | 'group';

export interface Conversation {
  key: ConvKey;
  accountId: string;
  peer: string;
  kind: Kind;
  lines: ConversationLineDto[];
  /** The core's history has been merged in. */
  loaded: boolean;
  unread: number;
  members?: string[];
  /** What was sent from this tab, newest last: the input's up/down history. */
  sent: string[];
}

interface ConversationState {
  conversations: Record<ConvKey, Conversation>;
  /** Open tabs, in order. */
  tabs: ConvKey[];
  /** Undefined once the last tab is closed. */
  active?: ConvKey | undefined;
}

export const useConversationStore = create<ConversationState>(() => ({ conversations: {}, tabs: [] }));

const get = () => useConversationStore.getState();

function ensure(s: ConversationState, accountId: string, peer: string, kind: Kind): Conversation {
  const key = convKey(accountId, peer);
  return s.conversations[key] ?? { key, accountId, peer, kind, lines: [], loaded: false, unread: 0, sent: [] };
}

function put(conv: Conversation): void {
  useConversationStore.setState((s) => ({ conversations: { ...s.conversations, [conv.key]: conv } }));
}

/** Adds the tab (in the background unless `focus`); returns the key. */
export function openTab(accountId: string, peer: string, kind: Kind, focus: boolean): ConvKey {
  const s = get();
  const conv = ensure(s, accountId, peer, kind);
  const kindNow = kind === 'group' ? 'group' : conv.kind;
  useConversationStore.setState({
    conversations: { ...s.conversations, [conv.key]: { ...conv, kind: kindNow } },
    tabs: s.tabs.includes(conv.key) ? s.tabs : [...s.tabs, conv.key],
    active: focus || !s.active ? conv.key : s.active,
  });
  return conv.key;
}

export function closeTab(key: ConvKey): void {
  const s = get();
  const at = s.tabs.indexOf(key);
  const tabs = s.tabs.filter((k) => k !== key);
  const active = s.active === key ? (tabs[Math.min(at, tabs.length - 1)] ?? undefined) : s.active;
  useConversationStore.setState({ tabs, active });
}

export function activate(key: ConvKey): void {
  useConversationStore.setState({ active: key });
}

/** Ctrl+Tab / Ctrl+Shift+Tab. */
export function cycleTab(step: 1 | -1): void {
  const { tabs, active } = get();
  if (tabs.length === 0) return;
  const at = active ? tabs.indexOf(active) : -1;
  useConversationStore.setState({ active: tabs[(at + step + tabs.length) % tabs.length] });
}

function insertLine(lines: ConversationLineDto[], line: ConversationLineDto): ConversationLineDto[] {
  const last = lines[lines.length - 1];
  if (!last || last.id < line.id) return [...lines, line];
  const at = lines.findIndex((l) => l.id >= line.id);
  const copy = lines.slice();
  if (lines[at]?.id === line.id) copy[at] = line;
  else copy.splice(at, 0, line);
  return copy;
}

/** A line from the core; `countUnread` when nobody is looking at this conversation. An update of a line we have is not news. */
export function addLine(accountId: string, peer: string, line: ConversationLineDto, countUnread: boolean): void {
  const s = get();
  const kind: Kind = line.nick !== undefined && line.direction === 'in' ? 'group' : 'direct';
  const conv = ensure(s, accountId, peer, kind);
  const lines = insertLine(conv.lines, line);
  const isNew = lines.length > conv.lines.length;
  put({ ...conv, lines, unread: conv.unread + (countUnread && isNew && line.direction === 'in' ? 1 : 0) });
}

/** History from the core, merged with whatever arrived by event meanwhile. */
export function mergeHistory(key: ConvKey, history: ConversationLineDto[]): void {
  const conv = get().conversations[key];
  if (!conv) return;
  const byId = new Map<number, ConversationLineDto>();
  for (const l of history) byId.set(l.id, l);
  for (const l of conv.lines) byId.set(l.id, l);
  put({ ...conv, loaded: true, lines: [...byId.values()].sort((a, b) => a.id - b.id) });
}

export function setUnread(key: ConvKey, unread: number): void {
  const conv = get().conversations[key];
  if (conv && conv.unread !== unread) put({ ...conv, unread });
}

export function rememberSent(key: ConvKey, text: string): void {
  const conv = get().conversations[key];
  if (conv) put({ ...conv, sent: [...conv.sent.slice(-99), text] });
}

export function setMembers(accountId: string, room: string, members: string[]): void {
  const conv = ensure(get(), accountId, room, 'group');
  put({ ...conv, kind: 'group', members });
}

export function conversation(key: ConvKey | undefined): Conversation | undefined {
  return key === undefined ? undefined : get().conversations[key];
}
