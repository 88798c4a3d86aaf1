/**
 * otr/ compiles with no DOM and no Node types, on purpose. Text encoding and
 * base64 are the only host facilities it uses: present in every runtime Sotto
 * runs in (Node, Chromium, Electron), so they are declared here, not injected.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
/** Base64 of the HTML Living Standard, also global in Node since 16. */
declare function btoa(data: string): string;
declare function atob(data: string): string;
