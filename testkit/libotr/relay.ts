/**
 * libotr as a real network user: the C harness plays the OTR side, one of our
 * protocol adapters carries its messages over a real server. Whatever arrives
 * goes into libotr; whatever libotr sends goes out as it is.
 */
import type { ProtocolAdapter } from '../../protocols/adapter';
import { startLibotrPeer, type LibotrPeer, type LibotrPeerOptions } from './peer';

export interface LibotrRelay {
  peer: LibotrPeer;
  adapter: ProtocolAdapter;
  /** Plaintexts libotr showed its user, in order. */
  shown: { from: string; text: string; encrypted: boolean }[];
  /** The user of the libotr side types `text` to `to`. */
  send(to: string, text: string): Promise<void>;
  query(to: string): Promise<void>;
  end(to: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startLibotrRelay(adapter: ProtocolAdapter, options: LibotrPeerOptions): Promise<LibotrRelay> {
  const peer = await startLibotrPeer(options);
  const shown: LibotrRelay['shown'] = [];
  // One at a time: libotr's state must see messages in the order they came.
  let chain = Promise.resolve();
  const out = async (to: string, wire: readonly string[]) => {
    for (const w of wire) await adapter.sendMessage(to, w, { otr: w.startsWith('?OTR') });
  };
  adapter.on('message', (m) => {
    chain = chain.then(async () => {
      const r = await peer.receive(m.peer, m.body);
      if (r.plaintext !== undefined) shown.push({ from: m.peer, text: r.plaintext, encrypted: r.encrypted });
      await out(m.peer, r.wire);
    });
  });
  return {
    peer,
    adapter,
    shown,
    send: async (to, text) => out(to, (await peer.send(to, text)).wire),
    query: async (to) => out(to, (await peer.query(to)).wire),
    end: async (to) => out(to, (await peer.end(to)).wire),
    stop: async () => {
      await chain;
      await adapter.disconnect();
      await peer.stop();
    },
  };
}
