import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The head-office console (src/ui/console): its own page, served by the
// head-office server at /console/ (src/headoffice/http/consolePages.ts).
// It shares the design, the texts and the shared contract with the branch UI.
export default defineConfig({
  root: 'src/ui/console',
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: '../../../dist/console',
    emptyOutDir: true,
    // No inline scripts: the console's CSP is script-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 900,
  },
});
