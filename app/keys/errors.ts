/**
 * The errors of app/keys. Each names the file it is about, and none ever carries
 * key material: messages describe where and what, never the bytes that were there.
 */

/** A libotr file (otr.private_key, otr.fingerprints, otr.instance_tags) that cannot be read as such. */
export class LibotrFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(line === undefined ? `${file}: ${reason}` : `${file}, line ${line}: ${reason}`);
    this.name = 'LibotrFormatError';
  }
}

/**
 * Why a store file cannot be used:
 * - `corrupt`: it exists but is not what Sotto writes (damaged, truncated, edited);
 * - `unreadable`: the system refused to read it (permissions, I/O error);
 * - `newer-version`: a newer Sotto wrote it, in a layout this one does not know;
 * - `cannot-decrypt`: it is encrypted and its key cannot be had here (the OS key
 *   store changed or is absent in this mode, the data key file is missing or another).
 */
export type StoreFileProblem = 'corrupt' | 'unreadable' | 'newer-version' | 'cannot-decrypt';

/**
 * One of Sotto's own key store files cannot be used. Until the user resolves it
 * (repairs the file, or has Sotto set it aside with KeyStore.setAside), everything
 * that would read or save that file throws this error, so a damaged file is never
 * replaced by an empty one.
 */
export class KeyStoreFileError extends Error {
  constructor(
    /** The full path of the file. */
    readonly file: string,
    readonly problem: StoreFileProblem,
    readonly reason: string,
  ) {
    super(`${describeProblem(problem)} ${file}: ${reason}`);
    this.name = 'KeyStoreFileError';
  }
}

function describeProblem(problem: StoreFileProblem): string {
  switch (problem) {
    case 'corrupt':
      return 'Sotto will not use or overwrite the damaged key store file';
    case 'unreadable':
      return 'Sotto cannot read the key store file';
    case 'newer-version':
      return 'A newer version of Sotto wrote the key store file';
    case 'cannot-decrypt':
      return 'Sotto cannot decrypt, and will not overwrite, the key store file';
  }
}
