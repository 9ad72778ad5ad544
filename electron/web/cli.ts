import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { KeyDeskCore } from '../core/core';
import { memorySettings } from '../core/settings';
import { startWebServer } from './server';

const USAGE = 'Usage: npm run web -- --data <folder> [--port <number>] [--demo]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parse() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        demo: { type: 'boolean', default: false },
        // For tests: how long a closed page keeps its session, and a shorter auto-lock than a minute.
        'session-grace-seconds': { type: 'string' },
        'auto-lock-seconds': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (!values.data) fail('Say where the data lives with --data <folder>.');
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be a whole number from 1 to 65535, not "${values.port}".`);
  }
  const seconds = (name: 'session-grace-seconds' | 'auto-lock-seconds') => {
    const given = values[name];
    if (given === undefined) return undefined;
    const value = Number(given);
    if (!Number.isFinite(value) || value < 1 || value > 86_400) fail(`--${name} must be a number of seconds from 1 to 86400, not "${given}".`);
    return Math.round(value * 1000);
  };
  return {
    folder: resolve(values.data),
    port,
    demo: values.demo ?? false,
    sessionGraceMs: seconds('session-grace-seconds'),
    autoLockMs: seconds('auto-lock-seconds'),
  };
}

/** The built UI sits beside this file's folder once built (out/main → out/renderer). */
function findStaticDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '../renderer'), join(here, '../../out/renderer')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!found) fail('The UI has not been built. Run `npm run build` first (npm run web does this for you).');
  return resolve(found);
}

async function main() {
  const args = parse();
  const staticDir = findStaticDir();
  const core = new KeyDeskCore({
    settings: memorySettings({ dataFolder: args.folder }),
    firstRunFolder: args.folder,
    version,
    ...(args.autoLockMs ? { autoLockMs: args.autoLockMs } : {}),
    log: (message, error) => console.error(`Key Desk: ${message}`, error ?? ''),
  });
  await core.start();
  const status = await core.status();
  if (args.demo && status.state === 'setup') {
    await core.createDatabase({ demo: true });
    // Leave it at the sign-in screen, where the demo accounts are shown.
    await core.sessions.signOut();
  }
  if (status.state === 'failed') process.stderr.write(`Key Desk: ${status.problem?.message ?? 'the data file was refused'}\n`);

  const web = await startWebServer({
    core,
    staticDir,
    ...(args.port ? { port: args.port } : {}),
    ...(args.sessionGraceMs ? { sessionGraceMs: args.sessionGraceMs } : {}),
  });
  process.stdout.write(`Key Desk is running at ${web.url}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await web.close();
    try {
      await core.close();
    } catch (error) {
      console.error('Key Desk: could not save before stopping', error);
      process.exitCode = 1;
    }
    process.exit();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') fail('That port is already in use. Choose another with --port, or leave it out to pick a free one.');
  console.error('Key Desk could not start:', error);
  process.exit(1);
});
