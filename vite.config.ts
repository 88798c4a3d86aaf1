import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { rendererCsp } from './app/security/csp.ts';

/** The CSP as a meta element too, so that the page carries it however it is served. */
const cspMeta = (): Plugin => ({
  name: 'sotto-csp-meta',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: rendererCsp({ forMeta: true }) },
      injectTo: 'head-prepend',
    },
  ],
});

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline scripts or data: modules: the CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
