/**
 * What was thrown, in words for a log line or a report: anything may be thrown
 * (a library's string, a stanza error object), and only an Error has a message.
 */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
