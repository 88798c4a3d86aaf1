/**
 * The usual scene of the IRC integration tests: an ngIRCd, our adapter as alice
 * (connected, every event recorded) and a raw client as bob.
 */
import { startNgircd, type NgircdOptions, type NgircdServer } from '../../../testkit/servers/ngircd';
import type { IrcAdapterOptions } from '../options';
import { recordedAdapter, type Recorded } from './harness';
import { connectPeer, type IrcPeer } from './irc-peer';

export interface Scene {
  server: NgircdServer;
  alice: Recorded;
  bob: IrcPeer;
}

export async function startScene(
  server: NgircdOptions = {},
  alice: Partial<Omit<IrcAdapterOptions, 'host' | 'port' | 'tls'>> = {},
): Promise<Scene> {
  const s = await startNgircd(server);
  const a = recordedAdapter({ nick: 'alice', ...alice, host: s.host, port: s.port, tls: false });
  await a.adapter.connect();
  return { server: s, alice: a, bob: await connectPeer(s.host, s.port, 'bob') };
}

/** Safe on a scene that did not finish starting. */
export async function stopScene(scene: Partial<Scene>): Promise<void> {
  scene.bob?.close();
  await scene.alice?.adapter.disconnect();
  await scene.server?.dispose();
}
