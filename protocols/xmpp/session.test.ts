import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../adapter';
import type { XmppConnection } from './connection';
import { Session } from './session';

/** A connection whose every attempt succeeds at once, and that the test can drop. */
function fakeConnection() {
  const entity = Object.assign(new EventEmitter(), { status: 'offline' });
  const connection = {
    entity,
    open: async () => {
      entity.status = 'online';
      return 'new' as const;
    },
    abort: () => undefined,
    close: async () => undefined,
    drainAcks: async () => undefined,
    boundJid: () => 'alice@example.org/desk',
  };
  return {
    connection: connection as unknown as XmppConnection,
    drop() {
      entity.status = 'disconnect';
      entity.emit('disconnect', { clean: false });
    },
  };
}

function setup(stableAfterMs?: number) {
  const fake = fakeConnection();
  const states: ConnectionState[] = [];
  const session = new Session(
    fake.connection,
    {
      where: 'example.org',
      logger: { log: () => undefined },
      random: () => 0,
      ...(stableAfterMs === undefined ? {} : { stableAfterMs }),
    },
    { state: (s) => states.push(s), online: () => undefined, stopped: () => undefined },
  );
  /** Drops the connection and returns the wait announced for the next attempt. */
  const drop = () => {
    fake.drop();
    const last = states.at(-1);
    if (last?.state !== 'reconnecting') throw new Error(`not reconnecting: ${JSON.stringify(last)}`);
    return { attempt: last.attempt, retryInMs: last.retryInMs };
  };
  /** Lets the wait pass and the attempt (which settles on a real setImmediate) succeed. */
  const comeBack = async (ms: number) => {
    await vi.advanceTimersByTimeAsync(ms);
    while (states.at(-1)?.state !== 'online') await new Promise((resolve) => setImmediate(resolve));
  };
  return { session, drop, comeBack };
}

describe('Session reconnection delays', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps growing the wait for a server that drops each connection right after login', async () => {
    const { session, drop, comeBack } = setup();
    await session.connect();
    const waits = [];
    for (let i = 0; i < 5; i++) {
      const next = drop();
      waits.push(next);
      await comeBack(next.retryInMs);
      await vi.advanceTimersByTimeAsync(5_000); // online for a few seconds only
    }
    expect(waits).toEqual([
      { attempt: 1, retryInMs: 1000 },
      { attempt: 2, retryInMs: 2000 },
      { attempt: 3, retryInMs: 4000 },
      { attempt: 4, retryInMs: 8000 },
      { attempt: 5, retryInMs: 16000 },
    ]);
  });

  it('starts again from the first wait once a connection has held', async () => {
    const { session, drop, comeBack } = setup(10_000);
    await session.connect();
    await comeBack(drop().retryInMs);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(drop().attempt).toBe(2); // 9 s was not long enough
    await comeBack(2000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(drop()).toEqual({ attempt: 1, retryInMs: 1000 });
  });

  it('starts from the first wait when the user connects again after signing off', async () => {
    const { session, drop, comeBack } = setup();
    await session.connect();
    await comeBack(drop().retryInMs);
    await session.disconnect();
    await session.connect();
    expect(drop().attempt).toBe(1);
  });
});
