/**
 * The scene of the crash tests: a real Prosody, alice and bob each behind a
 * watching proxy (watch-proxy.ts) so that the wire can be read and a crash
 * timed to a point of alice's login, and the moves a crash test makes: kill
 * the server (SIGKILL), start it again, wait for both accounts to be back.
 */
import { startProsody, type ProsodyServer } from '../../../testkit/servers/prosody';
import type { ConnectionState } from '../../adapter';
import { account, sleep, type Recorded } from './harness';
import { startWatchProxy, type Trap, type WatchProxy } from './watch-proxy';

/**
 * Where a second crash strikes during alice's next login: a trap on what she
 * writes, or the moment she is online; `afterMs` later (default at once).
 */
export interface Strike {
  on: Trap | 'online';
  afterMs?: number;
}

export interface CrashScene {
  server: ProsodyServer;
  alice: Recorded;
  bob: Recorded;
  aliceWire: WatchProxy;
  bobWire: WatchProxy;
  jid(name: string): string;
  /**
   * Kills the server (SIGKILL, at once: the caller's next line already runs
   * against a dead server), waits until both accounts noticed, starts it again
   * and resolves once both are back online; connect() makes them try at once
   * instead of after the backoff wait. With a strike, the server is killed
   * again at that point of alice's login, and started once more.
   */
  restart(strike?: Strike): Promise<void>;
  dispose(): Promise<void>;
}

const isOnline = (s: ConnectionState) => s.state === 'online';
const within = <T>(promise: Promise<T>, what: string, ms = 20_000): Promise<T> =>
  Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what} within ${ms} ms`)))]);
const isDown = (s: ConnectionState) => s.state !== 'online';

export async function startCrashScene(): Promise<CrashScene> {
  const server = await startProsody({ users: ['alice', 'bob'].map((name) => ({ name, password: `${name}-pw` })) });
  const aliceWire = await startWatchProxy(server.host, server.port);
  const bobWire = await startWatchProxy(server.host, server.port);
  const alice = account(server, 'alice', 'alice-pw', { resource: 'desk', port: aliceWire.port });
  const bob = account(server, 'bob', 'bob-pw', { resource: 'home', port: bobWire.port });
  await Promise.all([alice.adapter.connect(), bob.adapter.connect()]);
  /** Bumped by every kill: a wait for the previous server's accounts gives up. */
  let generation = 0;

  const noticed = async (who: Recorded, since: number) => {
    if (who.adapter.state.state === 'online') await who.next('state', isDown, 10_000, since);
  };
  /** Until online: try now, and again at once each time an attempt fails. */
  const comeBack = async (who: Recorded, round: number) => {
    while (round === generation && who.adapter.state.state !== 'online') {
      const since = who.count('state');
      void who.adapter.connect().catch(() => undefined);
      await who.next('state', () => true, 20_000, since);
    }
  };
  const kill = async () => {
    generation += 1;
    const since = { alice: alice.count('state'), bob: bob.count('state') };
    await server.stop({ crash: true });
    await Promise.all([noticed(alice, since.alice), noticed(bob, since.bob)]);
  };
  const restart = async (strike?: Strike): Promise<void> => {
    await kill();
    const round = generation;
    const since = alice.count('state');
    const struck =
      strike &&
      (strike.on === 'online'
        ? alice.next('state', isOnline, 20_000, since)
        : within(aliceWire.trap(strike.on), `alice never wrote ${strike.on.pattern}`));
    await server.start();
    const back = Promise.all([comeBack(alice, round), comeBack(bob, round)]);
    if (!struck) {
      await back;
      return;
    }
    // The first round's waits end with the next kill; a late timeout of theirs means nothing.
    back.catch(() => undefined);
    await struck;
    if (strike?.afterMs) await sleep(strike.afterMs);
    await restart();
  };
  return {
    server,
    alice,
    bob,
    aliceWire,
    bobWire,
    jid: (name) => `${name}@${server.domain}`,
    restart,
    async dispose() {
      await Promise.all([alice.adapter.disconnect(), bob.adapter.disconnect()]);
      await Promise.all([aliceWire.close(), bobWire.close()]);
      await server.dispose();
    },
  };
}
