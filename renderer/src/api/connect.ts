/** Picks the transport: the Electron preload's bridge when present, else the browser-mode WebSocket. */
import type { SottoBridge } from '../../../app/api/bridge';
import { createApiClient, type ApiClient } from './client';
import { connectWebSocketBridge } from './websocket-bridge';

declare global {
  interface Window {
    sottoBridge?: SottoBridge;
  }
}

export async function connectApi(onClosed: (reason: string) => void): Promise<ApiClient> {
  if (window.sottoBridge) return createApiClient(window.sottoBridge);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return createApiClient(await connectWebSocketBridge(`${scheme}://${location.host}/api`, onClosed));
}
