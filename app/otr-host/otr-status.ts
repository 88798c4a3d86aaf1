/**
 * A conversation's status as the API shows it (otr.status, otr.state): the state,
 * the version, the key of the login messages go to with the user's trust in it, each
 * login, and for OTRv4 the buddy's v3 key that signed their Client Profile with the
 * user's trust in that key (shown beside the v4 key, never taken as trust in it).
 */
import { toHex, type ConversationStatus } from '../../otr';
import type { OtrStatus } from '../api/shapes';
import type { OtrIdentity } from './layer-types';

export function apiStatus(s: ConversationStatus, peer: string, identity: OtrIdentity): OtrStatus {
  const verified = (fp: Uint8Array | undefined) => fp !== undefined && identity.isVerified(peer, toHex(fp));
  const fp = s.fingerprint && toHex(s.fingerprint);
  const transitional = s.transitional && toHex(s.transitional);
  return {
    state: s.state,
    verified: s.state === 'encrypted' && verified(s.fingerprint),
    keyChanged: fp !== undefined && identity.keyChanged(peer, fp),
    ...(fp ? { fingerprint: fp } : {}),
    ...(s.version ? { version: s.version } : {}),
    ...(transitional
      ? { transitional: { fingerprint: transitional, verified: identity.isVerified(peer, transitional) } }
      : {}),
    ...(s.instanceTag ? { instanceTag: s.instanceTag } : {}),
    instances: s.instances.map((i) => {
      const ifp = i.fingerprint && toHex(i.fingerprint);
      return {
        instanceTag: i.instanceTag,
        state: i.state,
        ...(ifp ? { fingerprint: ifp } : {}),
        verified: verified(i.fingerprint),
      };
    }),
  };
}
