/**
 * The API bridge in browser mode: JSON-RPC 2.0 over a WebSocket to the core that
 * served this page. The token travels as the HttpOnly cookie the server set.
 */
import type { CallResult, SottoBridge } from '../../../app/api/bridge';
import type { JsonRpcResponse } from '../../../app/api/jsonrpc';

type Pending = (result: CallResult) => void;

const CONNECTION_LOST = -32099;

export function connectWebSocketBridge(url: string, onClosed: (reason: string) => void): Promise<SottoBridge> {
  const socket = new WebSocket(url);
  const pending = new Map<number, Pending>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let nextId = 1;

  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string') return;
    let msg: Partial<JsonRpcResponse> & { method?: unknown; params?: unknown };
    try {
      msg = JSON.parse(event.data);
    } catch {
      return;
    }
    if (typeof msg.method === 'string') {
      for (const listener of listeners) listener(msg.method, msg.params);
      return;
    }
    if (typeof msg.id !== 'number') return;
    const resolve = pending.get(msg.id);
    if (!resolve) return;
    pending.delete(msg.id);
    if ('error' in msg && msg.error)
      resolve({ ok: false, error: { code: msg.error.code, message: msg.error.message } });
    else resolve({ ok: true, value: 'result' in msg ? msg.result : undefined });
  });

  socket.addEventListener('close', (event) => {
    const reason = event.reason || 'the connection to Sotto was closed';
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: CONNECTION_LOST, message: reason } });
    pending.clear();
    onClosed(reason);
  });

  const bridge: SottoBridge = {
    call(method, params) {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve({ ok: false, error: { code: CONNECTION_LOST, message: 'Not connected to Sotto' } });
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(bridge), { once: true });
    socket.addEventListener('error', () => reject(new Error('Could not connect to Sotto')), { once: true });
  });
}
