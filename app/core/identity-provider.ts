/** Keys, instance tags and trust, per account: app/identity/identities.ts implements it over the key store. */
import type { CommandResult } from '../api/contract';
import type { OtrIdentity } from '../otr-host/otr-layer';

export interface IdentityProvider {
  identity(accountId: string): Promise<OtrIdentity>;
  myFingerprint(accountId: string): string | undefined;
  /** The account's OTRv4 fingerprint (112 hex digits), once it has OTRv4 keys. */
  myFingerprintV4(accountId: string): string | undefined;
  listFingerprints(accountId?: string): CommandResult<'otr.fingerprint.list'>;
  setVerified(accountId: string, peer: string, fingerprint: string, verified: boolean): Promise<void>;
  forget(accountId: string, peer: string, fingerprint: string): Promise<void>;
  /** Makes a key now if the account has none; the fingerprint either way. */
  generateKey(accountId: string): Promise<string>;
  importLibotr(dir: string): Promise<string[]>;
  exportLibotr(dir: string): Promise<string[]>;
}
