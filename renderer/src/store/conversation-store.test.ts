/** Tabs, lines merged by id as the core numbers them, unread counts and the input's history. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConversationLineDto } from '../../../app/api/shapes';
import { convKey } from '../lib/conversation-keys';
import {
  activate,
  addLine,
  closeTab,
  conversation,
  cycleTab,
  mergeHistory,
  openTab,
  rememberSent,
  setMembers,
  setUnread,
  useConversationStore,
} from './conversation-store';

const BOB = convKey('acct', 'bob@example.org');

function line(id: number, over: Partial<ConversationLineDto> = {}): ConversationLineDto {
  return {
    id,
    time: 1_700_000_000_000 + id,
    direction: 'in',
    text: `line ${id}`,
    encrypted: false,
    verified: false,
    ...over,
  };
}

const linesOf = (key = BOB) => conversation(key)?.lines ?? [];
const ids = (key = BOB) => linesOf(key).map((l) => l.id);

beforeEach(() => useConversationStore.setState(useConversationStore.getInitialState(), true));

describe('lines', () => {
  it('adds lines in the order of their ids', () => {
    addLine('acct', 'bob@example.org', line(1), false);
    addLine('acct', 'bob@example.org', line(2), false);
    expect(ids()).toEqual([1, 2]);
  });

  it('puts a line that arrives late in its place by id', () => {
    for (const id of [1, 4, 2]) addLine('acct', 'bob@example.org', line(id), false);
    expect(ids()).toEqual([1, 2, 4]);
  });

  it('replaces a line when the core sends it again with the same id (an outgoing line once sent)', () => {
    addLine('acct', 'bob@example.org', line(1), false);
    addLine('acct', 'bob@example.org', line(2, { direction: 'out', status: 'queued' }), false);
    addLine('acct', 'bob@example.org', line(3), false);
    addLine('acct', 'bob@example.org', line(2, { direction: 'out', status: 'sent', encrypted: true }), false);
    expect(ids()).toEqual([1, 2, 3]);
    expect(linesOf()[1]).toMatchObject({ id: 2, status: 'sent', encrypted: true });
  });

  it('replaces the last line in place when its update arrives', () => {
    addLine('acct', 'bob@example.org', line(1, { direction: 'out', status: 'queued' }), false);
    addLine('acct', 'bob@example.org', line(1, { direction: 'out', status: 'failed' }), false);
    expect(linesOf()).toEqual([line(1, { direction: 'out', status: 'failed' })]);
  });

  it('keeps conversations with the same peer on two accounts apart', () => {
    addLine('acct', 'bob@example.org', line(1), false);
    addLine('other', 'bob@example.org', line(1, { text: 'elsewhere' }), false);
    expect(linesOf()[0]?.text).toBe('line 1');
    expect(linesOf(convKey('other', 'bob@example.org'))[0]?.text).toBe('elsewhere');
  });

  it('makes a conversation with an incoming line from a nick a group conversation', () => {
    addLine('acct', '#sotto', line(1, { nick: 'carol' }), false);
    addLine('acct', 'bob@example.org', line(1), false);
    expect(conversation(convKey('acct', '#sotto'))?.kind).toBe('group');
    expect(conversation(BOB)?.kind).toBe('direct');
  });
});

describe('unread counts', () => {
  it('counts incoming lines nobody is looking at', () => {
    addLine('acct', 'bob@example.org', line(1), true);
    addLine('acct', 'bob@example.org', line(2), true);
    expect(conversation(BOB)?.unread).toBe(2);
  });

  it('does not count lines the user is looking at', () => {
    addLine('acct', 'bob@example.org', line(1), false);
    expect(conversation(BOB)?.unread).toBe(0);
  });

  it('never counts our own lines or system lines', () => {
    addLine('acct', 'bob@example.org', line(1, { direction: 'out' }), true);
    addLine('acct', 'bob@example.org', line(2, { direction: 'system' }), true);
    expect(conversation(BOB)?.unread).toBe(0);
  });

  it('counts an incoming line once, even when the core sends it again', () => {
    addLine('acct', 'bob@example.org', line(1), true);
    addLine('acct', 'bob@example.org', line(1, { verified: true }), true);
    expect(conversation(BOB)?.unread).toBe(1);
  });

  it('sets the count when the conversation is read', () => {
    addLine('acct', 'bob@example.org', line(1), true);
    setUnread(BOB, 0);
    expect(conversation(BOB)?.unread).toBe(0);
  });
});

describe('history', () => {
  it('merges the core history with lines that arrived meanwhile, sorted by id, and marks it loaded', () => {
    openTab('acct', 'bob@example.org', 'direct', true);
    addLine('acct', 'bob@example.org', line(5), false);
    mergeHistory(BOB, [line(1), line(3)]);
    expect(ids()).toEqual([1, 3, 5]);
    expect(conversation(BOB)?.loaded).toBe(true);
  });

  it('keeps the event version of a line the history also has: it is the newer one', () => {
    openTab('acct', 'bob@example.org', 'direct', true);
    addLine('acct', 'bob@example.org', line(2, { direction: 'out', status: 'sent' }), false);
    mergeHistory(BOB, [line(1), line(2, { direction: 'out', status: 'queued' })]);
    expect(linesOf()[1]?.status).toBe('sent');
  });

  it('ignores history for a conversation that is not there', () => {
    mergeHistory(BOB, [line(1)]);
    expect(conversation(BOB)).toBeUndefined();
  });
});

describe('tabs', () => {
  it('activates the first tab even when opened in the background', () => {
    openTab('acct', 'bob@example.org', 'direct', false);
    expect(useConversationStore.getState().active).toBe(BOB);
  });

  it('leaves the active tab alone when another opens in the background', () => {
    openTab('acct', 'bob@example.org', 'direct', true);
    const carol = openTab('acct', 'carol@example.org', 'direct', false);
    expect(useConversationStore.getState()).toMatchObject({ active: BOB, tabs: [BOB, carol] });
  });

  it('opens a tab once', () => {
    openTab('acct', 'bob@example.org', 'direct', true);
    openTab('acct', 'bob@example.org', 'direct', true);
    expect(useConversationStore.getState().tabs).toEqual([BOB]);
  });

  it('keeps a group conversation a group when opened again as direct', () => {
    const room = openTab('acct', '#sotto', 'group', true);
    openTab('acct', '#sotto', 'direct', true);
    expect(conversation(room)?.kind).toBe('group');
  });

  it('moves to the tab that takes the place of the active one closed', () => {
    const [a, b, c] = [
      openTab('acct', 'a', 'direct', false),
      openTab('acct', 'b', 'direct', false),
      openTab('acct', 'c', 'direct', false),
    ];
    activate(b);
    closeTab(b);
    expect(useConversationStore.getState()).toMatchObject({ tabs: [a, c], active: c });
  });

  it('moves to the tab before when the last tab, active, is closed', () => {
    const [a, b] = [openTab('acct', 'a', 'direct', true), openTab('acct', 'b', 'direct', true)];
    closeTab(b);
    expect(useConversationStore.getState().active).toBe(a);
  });

  it('has no active tab once the only one is closed', () => {
    openTab('acct', 'bob@example.org', 'direct', true);
    closeTab(BOB);
    expect(useConversationStore.getState()).toMatchObject({ tabs: [], active: undefined });
  });

  it('keeps the active tab when another one is closed', () => {
    const [a, b] = [openTab('acct', 'a', 'direct', false), openTab('acct', 'b', 'direct', false)];
    closeTab(b);
    expect(useConversationStore.getState().active).toBe(a);
  });

  it('cycles through the tabs both ways, wrapping around', () => {
    const [a, b, c] = [
      openTab('acct', 'a', 'direct', false),
      openTab('acct', 'b', 'direct', false),
      openTab('acct', 'c', 'direct', false),
    ];
    const active = () => useConversationStore.getState().active;
    cycleTab(1);
    expect(active()).toBe(b);
    cycleTab(1);
    cycleTab(1);
    expect(active()).toBe(a);
    cycleTab(-1);
    expect(active()).toBe(c);
  });

  it('does nothing when cycling with no tabs', () => {
    cycleTab(1);
    expect(useConversationStore.getState().active).toBeUndefined();
  });
});

describe('input history and members', () => {
  it('remembers what was sent, keeping the last 100', () => {
    openTab('acct', 'bob@example.org', 'direct', true);
    for (let i = 0; i < 105; i++) rememberSent(BOB, `m${i}`);
    const sent = conversation(BOB)?.sent ?? [];
    expect(sent).toHaveLength(100);
    expect(sent[0]).toBe('m5');
    expect(sent.at(-1)).toBe('m104');
  });

  it('makes a room a group conversation with its members', () => {
    setMembers('acct', '#sotto', ['alice', 'carol']);
    expect(conversation(convKey('acct', '#sotto'))).toMatchObject({ kind: 'group', members: ['alice', 'carol'] });
  });
});
