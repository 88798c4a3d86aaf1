/**
 * The one ApiClient of this window, set once the transport is up. Actions call
 * the core through `api()`; views never hold the client themselves.
 */
import type { ApiClient } from './client';

let current: ApiClient | undefined;

export function setApi(client: ApiClient): void {
  current = client;
}

export function api(): ApiClient {
  if (!current) throw new Error('Not connected to Sotto yet');
  return current;
}
