/**
 * Runs one command from any transport: checks the name and the params against
 * the contract, calls the handler, and turns every failure into a result that
 * the transport can send back, so one bad request never takes the core down.
 */
import type { CallResult } from '../api/bridge';
import { commands, isCommandName } from '../api/contract';
import { RPC_COMMAND_FAILED, RPC_INTERNAL_ERROR, RPC_INVALID_PARAMS, RPC_METHOD_NOT_FOUND } from '../api/jsonrpc';
import { validate } from '../api/validate';
import { UserError } from './errors';
import type { SottoCore } from './sotto-core';

export async function dispatchCommand(core: SottoCore, method: string, params: unknown): Promise<CallResult> {
  if (!isCommandName(method))
    return { ok: false, error: { code: RPC_METHOD_NOT_FOUND, message: `Unknown method: ${method.slice(0, 100)}` } };
  const checked = validate(commands[method].params, params ?? {}, 'params');
  if (!checked.ok)
    return { ok: false, error: { code: RPC_INVALID_PARAMS, message: `Invalid params: ${checked.error}` } };
  try {
    const handler = core.handlers[method] as (p: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(checked.value) };
  } catch (err) {
    if (err instanceof UserError) return { ok: false, error: { code: RPC_COMMAND_FAILED, message: err.message } };
    core.logger.log(
      'error',
      `command ${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return { ok: false, error: { code: RPC_INTERNAL_ERROR, message: `Internal error while running ${method}` } };
  }
}
