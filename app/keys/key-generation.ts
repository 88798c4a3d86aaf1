/**
 * Key generation that never blocks the UI: ensureKey makes an account's OTR key
 * when it has none, in OpenSSL's thread pool (app/otr-host/dsa-keygen.ts), once per
 * account however many callers ask at the same time, and reports progress as
 * events (started, finished or failed; "n of m" when several accounts need keys).
 * The account's OTRv4 keys are made with its DSA key.
 */
import type { DsaPrivateKey } from '../../otr';
import { TypedEmitter } from '../../protocols/common/typed-emitter';
import type { Logger } from '../log';
import { generateDsaKey } from '../otr-host/dsa-keygen';
import { accountKey, checkAccount, type AccountRef } from './account-refs';
import { fingerprintHex, type KeyStore } from './key-store';

/** Where one generation stands in a batch: the `index`th (from 1) of `total`. */
export interface BatchPosition {
  index: number;
  total: number;
}

export type KeyGenerationEvent =
  | { type: 'started'; account: AccountRef; batch?: BatchPosition }
  /** `fingerprint`: 40 lower-case hex digits of the new key. */
  | { type: 'finished'; account: AccountRef; fingerprint: string; batch?: BatchPosition }
  | { type: 'failed'; account: AccountRef; message: string; batch?: BatchPosition };

export type KeyGenerationResult = { account: AccountRef; key: DsaPrivateKey } | { account: AccountRef; error: Error };

export interface KeyGeneratorOptions {
  /** Makes one key; OpenSSL off the event loop by default. */
  generate?: () => Promise<DsaPrivateKey>;
  logger?: Logger;
}

export class KeyGenerator {
  private readonly inFlight = new Map<string, Promise<DsaPrivateKey>>();
  private readonly emitter: TypedEmitter<{ progress: KeyGenerationEvent }>;
  private readonly generate: () => Promise<DsaPrivateKey>;

  constructor(
    private readonly store: KeyStore,
    private readonly options: KeyGeneratorOptions = {},
  ) {
    this.generate = options.generate ?? generateDsaKey;
    this.emitter = new TypedEmitter((error) =>
      options.logger?.log('error', `a key generation listener threw: ${(error as Error).message}`),
    );
  }

  /** Subscribes to progress events; returns the unsubscribe function. */
  onProgress(listener: (event: KeyGenerationEvent) => void): () => void {
    return this.emitter.on('progress', listener);
  }

  isGenerating(account: AccountRef): boolean {
    return this.inFlight.has(accountKey(account));
  }

  /**
   * The account's private key, generated and saved first when it has none.
   * Rejects with the store's KeyStoreFileError when the key file is blocked:
   * a new key must never replace one in a file Sotto could not read.
   */
  async ensureKey(account: AccountRef, batch?: BatchPosition): Promise<DsaPrivateKey> {
    checkAccount(account);
    // Everything up to the first await runs at once, so a second caller finds the first one's promise.
    const existing = this.store.privateKey(account);
    if (existing) return existing;
    const id = accountKey(account);
    const pending = this.inFlight.get(id);
    if (pending) return pending;
    const run = this.generateFor(account, batch).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, run);
    return run;
  }

  /** Keys for several accounts, made one after another with "n of m" progress; settles for each. */
  async ensureKeys(accounts: readonly AccountRef[]): Promise<KeyGenerationResult[]> {
    const missing = accounts.filter((a) => {
      try {
        return !this.store.privateKey(a);
      } catch {
        return true; // ensureKey reports the blocked file
      }
    });
    const results: KeyGenerationResult[] = [];
    for (const account of accounts) {
      const index = missing.indexOf(account);
      try {
        results.push({
          account,
          key: await this.ensureKey(account, index < 0 ? undefined : { index: index + 1, total: missing.length }),
        });
      } catch (error) {
        results.push({ account, error: error as Error });
      }
    }
    return results;
  }

  private async generateFor(account: AccountRef, batch: BatchPosition | undefined): Promise<DsaPrivateKey> {
    const where = batch ? { batch } : {};
    this.emitter.emit('progress', { type: 'started', account, ...where });
    try {
      const generated = await this.generate();
      // An import may have stored a key meanwhile: that one is kept (and gets OTRv4 keys when first needed).
      // Ed448 keys take a millisecond: they are made here, in the same save, with no thread of their own.
      await this.store.addKeys([{ account, key: generated }], { withV4: true });
      const key = this.store.privateKey(account);
      if (!key) throw new Error('the new key was not stored');
      const fingerprint = fingerprintHex(key);
      this.options.logger?.log('info', `OTR key ready for ${accountKey(account)}: ${fingerprint}`);
      this.emitter.emit('progress', { type: 'finished', account, fingerprint, ...where });
      return key;
    } catch (error) {
      const message = (error as Error).message;
      this.options.logger?.log('error', `OTR key generation for ${accountKey(account)} failed: ${message}`);
      this.emitter.emit('progress', { type: 'failed', account, message, ...where });
      throw error;
    }
  }
}
