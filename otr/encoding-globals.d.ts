/**
 * otr/ compiles with no DOM and no Node types, on purpose. The WHATWG Encoding
 * API is the one host facility it uses: present in every runtime Sotto runs in
 * (Node, Chromium, Electron), so it is declared here rather than injected.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
