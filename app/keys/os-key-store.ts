/**
 * The OS key store as the core sees it: something that encrypts a short secret
 * with a key only the OS keeps for this user (Keychain, DPAPI, libsecret/kwallet).
 * app/ runs without Electron, so it only defines this; under Electron the main
 * process supplies one backed by safeStorage. Headless and browser mode have none.
 */
export interface OsKeyStore {
  encrypt(secret: string): Promise<Uint8Array>;
  /** Rejects when this OS key store cannot open `sealed`: it was reset, or the blob comes from another user or computer. */
  decrypt(sealed: Uint8Array): Promise<string>;
}
