import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from http://127.0.0.1:<port>/ in browser mode and from
// app://simpul/ in Electron: relative asset paths work under both.
export default defineConfig({
  root: 'src/ui',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/ui',
    emptyOutDir: true,
    // No inline scripts: Electron's CSP is script-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 900,
  },
});
