/**
 * The other side of a conversation: a headless Sotto (bin/sotto --headless,
 * JSON-RPC on stdio) with one XMPP or IRC account, online, with an OTR policy.
 */
import type { EventName, EventPayload } from '../../app/api/contract';
import type { OtrStatus } from '../../app/api/shapes';
import { startHeadless, type HeadlessSotto } from '../../testkit/headless';

export type PeerOptions =
  | { protocol: 'xmpp'; jid: string; password: string; host: string; port: number; policy?: string }
  | { protocol: 'irc'; nick: string; host: string; port: number; policy?: string };

export interface Peer {
  sotto: HeadlessSotto;
  accountId: string;
  /** How the other side addresses this peer: the bare JID, or the nick. */
  address: string;
  send(to: string, text: string): Promise<{ status: string }>;
  waitFor<E extends EventName>(
    event: E,
    match?: (e: EventPayload<E>) => boolean,
    timeoutMs?: number,
  ): Promise<EventPayload<E>>;
  otrStatus(with_: string): Promise<OtrStatus>;
}

export async function startPeer(options: PeerOptions): Promise<Peer> {
  const sotto = startHeadless();
  const params =
    options.protocol === 'xmpp'
      ? {
          protocol: 'xmpp',
          jid: options.jid,
          password: options.password,
          host: options.host,
          port: options.port,
          tls: 'none',
        }
      : { protocol: 'irc', nick: options.nick, host: options.host, port: options.port, tls: false };
  const { accountId } = await sotto.call<{ accountId: string }>('account.add', params);
  await sotto.call('otr.setPolicy', { accountId, policy: options.policy ?? 'opportunistic' });
  await sotto.call('account.connect', { accountId });
  return {
    sotto,
    accountId,
    address: options.protocol === 'xmpp' ? options.jid : options.nick,
    send: (to, text) => sotto.call('message.send', { accountId, peer: to, text }),
    waitFor: (event, match, timeoutMs) => sotto.waitForEvent(event, match, timeoutMs),
    otrStatus: (peer) => sotto.call('otr.status', { accountId, peer }),
  };
}
