/**
 * RFC 6120 §6 (SASL negotiation) for @xmpp/sasl: the mechanisms we offer
 * (SCRAM-SHA-256, SCRAM-SHA-1, PLAIN, strongest first), which one to use, and
 * the check of the server's SCRAM signature once the server says <success/>.
 * PLAIN sends the password itself, so it is used only inside TLS or to a
 * server on this machine.
 */
import type Connection from '@xmpp/connection';
import type { OnAuthenticate, SaslFactory, SaslMechanism } from '@xmpp/sasl';
import type { Element } from '@xmpp/xml';
import { ScramMechanism, fromBinaryString, toBinaryString } from './scram';

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';

/** RFC 4616. */
class PlainMechanism implements SaslMechanism {
  readonly name = 'PLAIN';
  readonly clientFirst = true;
  response(credentials: Record<string, unknown>): string {
    return toBinaryString(`\0${String(credentials.username ?? '')}\0${String(credentials.password ?? '')}`);
  }
  challenge(): this {
    return this;
  }
}

const MECHANISMS: Record<string, () => SaslMechanism> = {
  'SCRAM-SHA-256': () => new ScramMechanism('SCRAM-SHA-256', 'sha256'),
  'SCRAM-SHA-1': () => new ScramMechanism('SCRAM-SHA-1', 'sha1'),
  PLAIN: () => new PlainMechanism(),
};

/** The factory interface @xmpp/sasl expects, remembering the mechanism it made. */
export class MechanismFactory implements SaslFactory {
  readonly _mechs = Object.keys(MECHANISMS).map((name) => ({ name }));
  last: SaslMechanism | undefined;
  create(names: string[]): SaslMechanism | null {
    const name = names.find((n) => n in MECHANISMS);
    this.last = name ? MECHANISMS[name]?.() : undefined;
    return this.last ?? null;
  }
}

export class SaslPolicyError extends Error {
  override name = 'SaslPolicyError';
}

/** The mechanism to use among those offered (already in our order of preference). */
export function chooseMechanism(offered: readonly string[], secure: boolean, loopback: boolean): string | undefined {
  return offered.find((m) => m !== 'PLAIN' || secure || loopback);
}

export function makeOnAuthenticate(
  factory: MechanismFactory,
  credentials: { username: string; password: string },
  loopback: boolean,
  onChosen: (mechanism: string) => void,
): OnAuthenticate {
  return async (authenticate, mechanisms, _fast, entity: Connection) => {
    const mechanism = chooseMechanism(mechanisms, entity.isSecure(), loopback);
    if (!mechanism) {
      throw new SaslPolicyError(
        `the server offers only ${mechanisms.join(', ') || 'no'} sign-in over an unencrypted connection, which would expose the password`,
      );
    }
    onChosen(mechanism);
    let successData: string | undefined;
    const onNonza = (element: Element) => {
      if (element.is('success', NS_SASL)) successData = element.text();
    };
    entity.on('nonza', onNonza);
    try {
      await authenticate(credentials, mechanism);
    } finally {
      entity.off('nonza', onNonza);
    }
    const mech = factory.last;
    if (mech instanceof ScramMechanism && !mech.serverVerified) {
      // RFC 6120 §6.4.6: server-final arrives as the additional data of <success/>.
      mech.verifyServerFinal(fromBinaryString(Buffer.from(successData ?? '', 'base64').toString('latin1')));
    }
  };
}
