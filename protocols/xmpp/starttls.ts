/**
 * RFC 6120 §5 (STARTTLS) as two stream-feature handlers: upgrade when the
 * account wants TLS and the server offers it, and refuse to go on to SASL over
 * a plain connection when the account wants TLS and the server did not offer it
 * (a man in the middle can strip the <starttls/> feature; we must not follow).
 */
import type Connection from '@xmpp/connection';
import type { StreamFeatures } from '@xmpp/stream-features';
import { xml } from '@xmpp/xml';
import type { TlsMode } from './options';
import { upgradeToTls, type TlsPolicy } from './tls-socket';
import type { Socket } from 'node:net';

const NS_TLS = 'urn:ietf:params:xml:ns:xmpp-tls';
const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

export class TlsRequiredError extends Error {
  override name = 'TlsRequiredError';
}

async function upgrade(entity: Connection, policy: TlsPolicy): Promise<void> {
  const answer = await entity.sendReceive(xml('starttls', { xmlns: NS_TLS }));
  // §5.4.2.2: <failure/> means the server will close the stream.
  if (!answer.is('proceed', NS_TLS)) throw new TlsRequiredError('the server could not start TLS');
  const plain = entity.socket as unknown as Socket;
  const secured = await upgradeToTls(plain, policy);
  // Stop listening to the plain socket: from now on its bytes are TLS records.
  entity._detachSocket();
  entity._attachSocket(secured);
  await entity.restart();
}

export function setupStartTls(streamFeatures: StreamFeatures, mode: TlsMode, policy: TlsPolicy): void {
  streamFeatures.use('starttls', NS_TLS, async ({ entity }, next) => {
    if (mode !== 'starttls' || entity.isSecure()) return next();
    await upgrade(entity, policy);
  });
  // Registered after the handler above, so it sees features that offered no STARTTLS.
  streamFeatures.use('mechanisms', NS_SASL, ({ entity }, next) => {
    if (mode !== 'none' && !entity.isSecure()) {
      throw new TlsRequiredError(
        'the server does not offer TLS, so the password and messages would travel unencrypted',
      );
    }
    return next();
  });
}
