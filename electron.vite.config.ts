import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY } from './shared/security';

/** Puts the one Content-Security-Policy into the built page (dev keeps Vite's HMR working). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'key-desk-csp',
    apply: 'build',
    transformIndexHtml: (html: string) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${META_CONTENT_SECURITY_POLICY}" />`),
  };
}

export default defineConfig({
  main: {
    build: {
      // electron-store is ESM-only: bundle it into main rather than require it at run time.
      externalizeDeps: { exclude: ['electron-store'] },
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          web: resolve('electron/web/cli.ts'),
          // The core's thread (database, saves), started by both of the above: out/main/core-worker.js.
          'core-worker': resolve('electron/core/host/worker.ts'),
          // The PDF reports' thread, started by the core on first use: out/main/report-worker.js.
          'report-worker': resolve('electron/core/reports/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    base: './',
    build: {
      rollupOptions: { input: resolve('renderer/index.html') },
    },
    plugins: [react(), contentSecurityPolicy()],
  },
});
