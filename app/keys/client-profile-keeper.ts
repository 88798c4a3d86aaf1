/**
 * An account's OTRv4 Client Profile: made for its instance tag with versions "34",
 * a week's lifetime and the transitional signature by its DSA key (published, so
 * buddies who verified that key can see the v4 key is the same person's), kept
 * with the keys and reused while valid, and made again once needsRenewal says so
 * (a day before it expires) or once it no longer fits the account (another
 * instance tag or DSA key).
 *
 * profile() must answer at once, in the middle of a DAKE, so a renewal is taken
 * into use before it is saved, and the save runs behind it. A profile is public
 * and signed: if that save fails nothing is lost but the profile itself, and the
 * next start makes another. That is why this, unlike the key store, lets memory
 * run ahead of the disk.
 */
import {
  createClientProfile,
  decodeClientProfile,
  needsRenewal,
  type ClientProfile,
  type DsaPrivateKey,
  type OtrEnv,
} from '../../otr';
import type { Logger } from '../log';
import { accountKey, type AccountRef } from './account-refs';
import type { KeyStore } from './key-store';
import { equal, type StoredV4Keys } from './v4-keys';

export const PROFILE_VERSIONS = '34';
export const PROFILE_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

export interface ClientProfileKeeperOptions {
  store: KeyStore;
  account: AccountRef;
  key: DsaPrivateKey;
  v4: StoredV4Keys;
  instanceTag: number;
  /** The clock says when to renew; random and math sign the transitional signature. */
  env: Pick<OtrEnv, 'clock' | 'random' | 'math'>;
  logger?: Logger;
}

export class ClientProfileKeeper {
  private current: ClientProfile | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly o: ClientProfileKeeperOptions) {
    // The store decoded it strictly; this is only to see whether it still fits.
    this.current = o.v4.profile && decodeClientProfile(o.v4.profile);
  }

  /** The current profile, made anew (and saved behind) when the kept one is due for renewal or no longer fits. */
  profile(): ClientProfile {
    if (this.current && this.fits(this.current)) return this.current;
    const { o } = this;
    const fresh = createClientProfile(
      {
        instanceTag: o.instanceTag,
        identity: o.v4.identity,
        forgingKey: o.v4.forgingKey,
        versions: PROFILE_VERSIONS,
        lifetimeSeconds: PROFILE_LIFETIME_SECONDS,
        transitional: { key: o.key, publishKey: true },
      },
      o.env,
    );
    const renewed = this.current !== undefined;
    this.current = fresh;
    // The store saves in call order, so the latest save settles last.
    this.saving = this.save(fresh, renewed);
    return fresh;
  }

  /** Settles once the latest profile is saved, or its failure logged: it never rejects. */
  saved(): Promise<void> {
    return this.saving;
  }

  private fits(p: ClientProfile): boolean {
    const { o } = this;
    const dsa = p.dsaKey;
    return (
      !needsRenewal(p.expires, o.env.clock.now()) &&
      p.instanceTag === o.instanceTag &&
      p.versions === PROFILE_VERSIONS &&
      equal(p.identityKey, o.v4.identity.publicBytes) &&
      equal(p.forgingKey, o.v4.forgingKey) &&
      p.transitionalSignature !== undefined &&
      dsa !== undefined &&
      dsa.p === o.key.p &&
      dsa.q === o.key.q &&
      dsa.g === o.key.g &&
      dsa.y === o.key.y
    );
  }

  private async save(profile: ClientProfile, renewed: boolean): Promise<void> {
    const { o } = this;
    const id = accountKey(o.account);
    const expires = new Date(Number(profile.expires) * 1000).toISOString();
    try {
      await o.store.setClientProfile(o.account, o.v4.identity.publicBytes, profile.bytes);
      o.logger?.log('info', `OTRv4 Client Profile for ${id} ${renewed ? 'renewed' : 'made'}; it expires ${expires}`);
    } catch (error) {
      o.logger?.log(
        'warn',
        `the OTRv4 Client Profile for ${id} (expires ${expires}) is in use but could not be saved: ${(error as Error).message}`,
      );
    }
  }
}
