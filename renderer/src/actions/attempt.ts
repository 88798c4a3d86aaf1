/** Runs a command for a button: failures become a notice the user can read, never an unhandled rejection. */
import { errorText } from '../lib/errors';
import { notify } from '../store/ui-store';

export async function attempt<T>(what: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    notify(`${what}: ${errorText(err)}`);
    return undefined;
  }
}

/** For handlers that must not return a promise (onClick and friends). */
export function fire(promise: Promise<unknown>): void {
  promise.catch((err: unknown) => notify(errorText(err)));
}
