/**
 * JSON-RPC 2.0 framing (https://www.jsonrpc.org/specification), shared by the
 * headless stdio transport and the browser-mode WebSocket: commands travel as
 * requests, events as notifications whose method is the event name.
 */

export type JsonRpcId = string | number;

export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id: JsonRpcId;
  method: string;
  params?: unknown;
}

export interface JsonRpcNotification {
  jsonrpc: '2.0';
  method: string;
  params?: unknown;
}

export interface JsonRpcError {
  code: number;
  message: string;
  data?: unknown;
}

export type JsonRpcResponse =
  { jsonrpc: '2.0'; id: JsonRpcId; result: unknown } | { jsonrpc: '2.0'; id: JsonRpcId | null; error: JsonRpcError };

export const RPC_PARSE_ERROR = -32700;
export const RPC_INVALID_REQUEST = -32600;
export const RPC_METHOD_NOT_FOUND = -32601;
export const RPC_INVALID_PARAMS = -32602;
export const RPC_INTERNAL_ERROR = -32603;
/** Application errors: the command was understood but could not be carried out. */
export const RPC_COMMAND_FAILED = -32000;

export type IncomingRpc =
  | { kind: 'request'; request: JsonRpcRequest }
  | { kind: 'notification'; notification: JsonRpcNotification }
  | { kind: 'response'; response: JsonRpcResponse }
  | { kind: 'invalid'; response: JsonRpcResponse };

function isId(value: unknown): value is JsonRpcId {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Classifies one JSON-RPC text; anything malformed becomes the error response to send back. */
export function parseJsonRpc(text: string): IncomingRpc {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return invalid(null, RPC_PARSE_ERROR, 'Parse error: not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return invalid(null, RPC_INVALID_REQUEST, 'Invalid request: expected one JSON object (batches are not supported)');
  }
  const msg = data as Record<string, unknown>;
  const id = isId(msg.id) ? msg.id : null;
  if (msg.jsonrpc !== '2.0') return invalid(id, RPC_INVALID_REQUEST, 'Invalid request: jsonrpc must be "2.0"');
  if (typeof msg.method === 'string') {
    if (msg.id === undefined) {
      return { kind: 'notification', notification: { jsonrpc: '2.0', method: msg.method, params: msg.params } };
    }
    if (id === null) return invalid(null, RPC_INVALID_REQUEST, 'Invalid request: id must be a string or a number');
    return { kind: 'request', request: { jsonrpc: '2.0', id, method: msg.method, params: msg.params } };
  }
  if (id !== null && 'result' in msg) return { kind: 'response', response: { jsonrpc: '2.0', id, result: msg.result } };
  if ('error' in msg && typeof msg.error === 'object' && msg.error !== null) {
    const err = msg.error as Record<string, unknown>;
    return {
      kind: 'response',
      response: {
        jsonrpc: '2.0',
        id,
        error: {
          code: typeof err.code === 'number' ? err.code : RPC_INTERNAL_ERROR,
          message: typeof err.message === 'string' ? err.message : 'Unknown error',
          data: err.data,
        },
      },
    };
  }
  return invalid(id, RPC_INVALID_REQUEST, 'Invalid request: no method');
}

function invalid(id: JsonRpcId | null, code: number, message: string): IncomingRpc {
  return { kind: 'invalid', response: { jsonrpc: '2.0', id, error: { code, message } } };
}
