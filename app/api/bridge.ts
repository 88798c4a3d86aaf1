/**
 * What the Electron preload exposes to the renderer as `window.sottoBridge`: the
 * same commands and events as the other transports, with results as values
 * rather than thrown errors, because errors do not survive contextBridge intact.
 */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: { code: number; message: string } };

export interface SottoBridge {
  call(method: string, params: unknown): Promise<CallResult>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

/** IPC channel names shared by main/ and the preload. */
export const IPC_CALL = 'sotto:call';
export const IPC_EVENT = 'sotto:event';
