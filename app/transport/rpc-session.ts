/**
 * One JSON-RPC 2.0 peer of the core (a stdio pipe or a WebSocket): requests in,
 * responses and event notifications out. Responses go out in completion order;
 * the ids tell them apart.
 */
import type { JsonRpcResponse } from '../api/jsonrpc';
import { parseJsonRpc } from '../api/jsonrpc';
import { dispatchCommand } from '../core/dispatch';
import type { SottoCore } from '../core/sotto-core';

export interface RpcSession {
  /** Handles one incoming JSON text; resolves once its response (if any) was sent. */
  receive(text: string): Promise<void>;
  close(): void;
}

export function createRpcSession(core: SottoCore, send: (text: string) => void): RpcSession {
  const unsubscribe = core.onEvent((name, payload) =>
    send(JSON.stringify({ jsonrpc: '2.0', method: name, params: payload })),
  );
  const reply = (response: JsonRpcResponse) => send(JSON.stringify(response));
  return {
    async receive(text) {
      const incoming = parseJsonRpc(text);
      switch (incoming.kind) {
        case 'invalid':
          reply(incoming.response);
          return;
        case 'notification':
        case 'response':
          // Front ends send no notifications and answer no requests: nothing to do.
          return;
        case 'request': {
          const { id, method, params } = incoming.request;
          const result = await dispatchCommand(core, method, params);
          reply(
            result.ok
              ? { jsonrpc: '2.0', id, result: result.value ?? null }
              : { jsonrpc: '2.0', id, error: result.error },
          );
          return;
        }
      }
    },
    close: unsubscribe,
  };
}
