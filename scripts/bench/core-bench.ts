/**
 * The core end to end over a local Prosody: two headless Sotto processes, the
 * time from message.send on one to message.received on the other, plaintext
 * and OTR side by side, and the rate of 10,000 OTR messages with none lost.
 */
import { startHeadless, type HeadlessSotto } from '../../testkit/headless';
import { startProsody, type ProsodyServer } from '../../testkit/servers/prosody';
import { median, percentile } from './stats';

interface Pair {
  alice: HeadlessSotto;
  bob: HeadlessSotto;
  aliceId: string;
  bobJid: string;
}

async function pair(server: ProsodyServer, a: string, b: string, policy: 'manual' | 'opportunistic'): Promise<Pair> {
  const connect = async (name: string) => {
    const sotto = startHeadless();
    const { accountId } = await sotto.call<{ accountId: string }>('account.add', {
      protocol: 'xmpp',
      jid: `${name}@${server.domain}`,
      password: name,
      host: server.host,
      port: server.port,
      tls: 'none',
    });
    await sotto.call('otr.setPolicy', { accountId, policy });
    await sotto.call('account.connect', { accountId });
    return { sotto, accountId };
  };
  const [alice, bob] = await Promise.all([connect(a), connect(b)]);
  return { alice: alice.sotto, bob: bob.sotto, aliceId: alice.accountId, bobJid: `${b}@${server.domain}` };
}

const isReceived = (text: string) => (line: string) =>
  line.includes('"message.received"') && line.includes(`"text":"${text}"`);

async function latencies(p: Pair, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const text = `ping-${i}-${Date.now()}`;
    const got = p.bob.nextLine(isReceived(text), 10_000);
    const t = performance.now();
    void p.alice.request('message.send', { accountId: p.aliceId, peer: p.bobJid, text });
    await got;
    out.push(performance.now() - t);
  }
  return out;
}

export interface CoreFigures {
  plaintext: { median: number; p99: number };
  otr: { median: number; p99: number };
  throughput: { messagesPerSecond: number; lost: number; count: number };
}

export async function benchCore(samples = 300, bulk = 10_000): Promise<CoreFigures> {
  const users = ['p1', 'p2', 'o1', 'o2'];
  const server = await startProsody({ users: users.map((name) => ({ name, password: name })) });
  const pairs: Pair[] = [];
  try {
    const plain = await pair(server, 'p1', 'p2', 'manual');
    const otr = await pair(server, 'o1', 'o2', 'manual');
    pairs.push(plain, otr);
    await otr.alice.call('otr.start', { accountId: otr.aliceId, peer: otr.bobJid });
    await otr.alice.waitForEvent('otr.state', (e: { state: string }) => e.state === 'encrypted');
    await latencies(plain, 20);
    await latencies(otr, 20);
    const plainMs = await latencies(plain, samples);
    const otrMs = await latencies(otr, samples);

    // Throughput: everything sent at once, timed until the last one is shown.
    let received = 0;
    const prefix = `bulk-${Date.now()}-`;
    const all = new Promise<void>((resolve) => {
      otr.bob.onNotification((method, params) => {
        if (method === 'message.received' && (params as { text: string }).text.startsWith(prefix) && ++received >= bulk)
          resolve();
      });
    });
    const t = performance.now();
    for (let i = 0; i < bulk; i++)
      void otr.alice.request(
        'message.send',
        { accountId: otr.aliceId, peer: otr.bobJid, text: `${prefix}${i}` },
        600_000,
      );
    const finished = await Promise.race([
      all.then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 300_000)),
    ]);
    const seconds = (performance.now() - t) / 1000;
    return {
      plaintext: { median: median(plainMs), p99: percentile(plainMs, 99) },
      otr: { median: median(otrMs), p99: percentile(otrMs, 99) },
      throughput: {
        messagesPerSecond: (finished ? bulk : received) / seconds,
        lost: bulk - Math.min(bulk, received),
        count: bulk,
      },
    };
  } finally {
    await Promise.all(pairs.flatMap((p) => [p.alice.stop(), p.bob.stop()]));
    await server.dispose();
  }
}
