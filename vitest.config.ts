import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * Node test files that replace modules, stub globals or fake timers: each runs with its own module
 * graph, so a mock never reaches another file. Found by reading the files, so a new one cannot be
 * missed. Every other node test file shares a module graph per worker (project "node").
 */
const ROOT = fileURLToPath(new URL('.', import.meta.url));
const MOCKING_NODE_TESTS = readdirSync(join(ROOT, 'tests'), { recursive: true, encoding: 'utf8' })
  .map((file) => `tests/${file.split(sep).join('/')}`)
  .filter((file) => file.endsWith('.test.ts') && !/^tests\/(e2e|renderer)\//.test(file))
  .filter((file) => /\bvi\.(mock|doMock|unmock|stubGlobal|stubEnv|resetModules|useFakeTimers)\b/.test(readFileSync(join(ROOT, file), 'utf8')));

export default defineConfig({
  test: {
    globals: true,
    // The ten slowest tests are printed after every run (tests/reporters/slowest.ts).
    reporters: ['default', './tests/reporters/slowest.ts'],
    // At least two: many tests wait on child processes, files and worker threads, so even a two-core
    // machine finishes sooner with two files at a time (vitest's default there is one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'node',
          globals: true,
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/renderer/**', ...MOCKING_NODE_TESTS],
          // These files share one module graph per worker: importing the core afresh for each file cost
          // about four seconds a file. A file that mocks modules or stubs globals runs in node-isolated.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'node-isolated',
          globals: true,
          environment: 'node',
          include: MOCKING_NODE_TESTS,
          // electron-store imports electron itself: inline it so vi.mock('electron') reaches it.
          server: { deps: { inline: ['electron-store'] } },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          globals: true,
          environment: 'jsdom',
          include: ['tests/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/renderer/setup.ts'],
          // One jsdom and one copy of React and Mantine per worker: making them afresh cost seconds a file.
          // Each file still gets a fresh copy of the app's modules and only its own mocks (tests/renderer/setup.ts).
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          globals: true,
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          // Demo data is made once per date and run, and copied for each test (support/demo-cache.ts).
          // One Chromium for the run, too: each file connects with a context of its own.
          globalSetup: ['tests/e2e/support/global-setup.ts'],
          // Two files at a time: a file spends much of its time waiting on the browser and the server
          // in turn, so even two cores finish sooner. Each file has its own folders, servers (on free
          // ports) and browser context; a demo being made for a date is waited for, not made twice.
          maxWorkers: 2,
          // Generous: a busy 2-core machine can take a minute to make demo data and start browser mode.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
