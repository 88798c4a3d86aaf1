import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonRpc, RPC_INVALID_REQUEST, RPC_PARSE_ERROR } from './jsonrpc';

describe('JSON-RPC parsing', () => {
  it('recognises requests, notifications and responses', () => {
    expect(parseJsonRpc('{"jsonrpc":"2.0","id":1,"method":"a","params":{}}')).toEqual({
      kind: 'request',
      request: { jsonrpc: '2.0', id: 1, method: 'a', params: {} },
    });
    expect(parseJsonRpc('{"jsonrpc":"2.0","method":"e"}').kind).toBe('notification');
    expect(parseJsonRpc('{"jsonrpc":"2.0","id":"x","result":3}')).toEqual({
      kind: 'response',
      response: { jsonrpc: '2.0', id: 'x', result: 3 },
    });
  });

  it('answers malformed JSON with a parse error and a null id', () => {
    expect(parseJsonRpc('{oops')).toEqual({
      kind: 'invalid',
      response: { jsonrpc: '2.0', id: null, error: { code: RPC_PARSE_ERROR, message: 'Parse error: not valid JSON' } },
    });
  });

  it('refuses wrong versions, batches and odd ids', () => {
    for (const text of [
      '{"id":1,"method":"a"}',
      '[{"jsonrpc":"2.0","id":1,"method":"a"}]',
      '{"jsonrpc":"2.0","id":{},"method":"a"}',
      '3',
    ]) {
      const r = parseJsonRpc(text);
      expect(r.kind, text).toBe('invalid');
      if (r.kind === 'invalid' && 'error' in r.response) expect(r.response.error.code).toBe(RPC_INVALID_REQUEST);
    }
  });

  it('classifies any text without throwing', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (text) => void parseJsonRpc(text)));
  });
});
