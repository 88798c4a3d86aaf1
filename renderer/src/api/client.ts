/**
 * The renderer's view of the core: typed commands and events over whichever
 * transport carries them. Nothing above this file knows which one that is.
 */
import type { SottoBridge } from '../../../app/api/bridge';
import type { CommandName, CommandParams, CommandResult, EventName, EventPayload } from '../../../app/api/contract';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  call<M extends CommandName>(method: M, params: CommandParams<M>): Promise<CommandResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApiClient(bridge: SottoBridge): ApiClient {
  return {
    async call(method, params) {
      const result = await bridge.call(method, params);
      if (!result.ok) throw new ApiError(result.error.message, result.error.code);
      return result.value as CommandResult<typeof method>;
    },
    on(event, listener) {
      return bridge.onEvent((name, payload) => {
        if (name === event) listener(payload as EventPayload<typeof event>);
      });
    },
  };
}
