/**
 * A Sender (sender.ts) under test, over a connection the test drives: its
 * state, whether the user wants it (active), whether a write reaches the
 * socket; with what it wrote and what it reported failed.
 */
import type { AdapterEvents, ConnectionState } from '../../adapter';
import type { OutgoingMessage } from '../outbox';
import { Sender } from '../sender';
import type { Element } from './stanza';

export interface SenderScene {
  sender: Sender;
  written: Element[];
  failed: AdapterEvents['send.failed'][];
  /** The connection's state; active (the user wants it) unless it is offline, or as given. */
  set(state: ConnectionState['state'], active?: boolean): void;
  /** Whether writes reach the socket; when not, they fail as on a closed socket. */
  setWritable(writable: boolean): void;
}

export function senderScene(initial: ConnectionState['state'] = 'online'): SenderScene {
  const written: Element[] = [];
  const failed: AdapterEvents['send.failed'][] = [];
  // The sender reads only the state's name.
  let state = { state: initial } as ConnectionState;
  let active = initial !== 'offline';
  let writable = true;
  const sender = new Sender({
    write: async (el) => {
      if (!writable) throw new Error('socket closed');
      written.push(el);
    },
    state: () => state,
    active: () => active,
    roomReady: () => true,
    ownJid: () => 'a@x/r',
    emit: (event, payload) => {
      if (event === 'send.failed') failed.push(payload as AdapterEvents['send.failed']);
    },
  });
  return {
    sender,
    written,
    failed,
    set: (s, a = s !== 'offline') => {
      state = { state: s } as ConnectionState;
      active = a;
    },
    setWritable: (w) => {
      writable = w;
    },
  };
}

let sent = 0;

/** A chat message to b@x, as sendMessage makes it. */
export function chat(body: string, createdAt = new Date()): OutgoingMessage {
  return { id: `m${++sent}`, kind: 'chat', peer: 'b@x', body, otr: false, createdAt, attempts: 0 };
}

export const bodies = (elements: Element[]): Array<string | null> => elements.map((e) => e.getChildText('body'));
