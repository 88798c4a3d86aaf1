/**
 * RFC 4013 (SASLprep) §2.1–2.2, the mapping and normalization steps, applied to
 * passwords before SCRAM hashes them, as the server does with the password it
 * stores. ASCII passwords pass unchanged. The prohibited-output and bidi checks
 * are left to the server: a password that breaks them fails to log in, which
 * is what it should do.
 */

/** RFC 3454 C.1.2: non-ASCII spaces, mapped to U+0020. */
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
/** RFC 3454 B.1: characters commonly mapped to nothing. */
// An alternation, not a class: several of these are combining marks.
const MAPPED_TO_NOTHING =
  /\u00AD|\u034F|\u1806|\u180B|\u180C|\u180D|\u200B|\u200C|\u200D|\u2060|[\uFE00-\uFE0F]|\uFEFF/g;

export function saslPrep(text: string): string {
  return text.replace(NON_ASCII_SPACE, ' ').replace(MAPPED_TO_NOTHING, '').normalize('NFKC');
}
