import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { startCoreWorker, type CoreLink } from '../core/host/link';
import { DEFAULT_SETTINGS } from '../core/settings';
import { chooseClock } from './clock';
import { startWebServer } from './server';

const USAGE = 'Usage: npm run web -- --data <folder> [--port <number>] [--demo] [--stop-wait <seconds>] [--today <yyyy-mm-dd>]';

/** How long stopping keeps trying to save when saving fails (a drive briefly gone), unless --stop-wait says. */
const DEFAULT_STOP_WAIT_SECONDS = 15;

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
        'stop-wait': { type: 'string' },
        today: { type: 'string' },
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
  let stopWaitSeconds = DEFAULT_STOP_WAIT_SECONDS;
  const stopWait = values['stop-wait'];
  if (stopWait !== undefined) {
    stopWaitSeconds = Number(stopWait);
    if (!/^\d+$/.test(stopWait) || stopWaitSeconds > 3600) fail(`--stop-wait must be a whole number of seconds from 0 to 3600, not "${stopWait}".`);
  }
  let clock: ReturnType<typeof chooseClock>;
  try {
    clock = chooseClock(values.today, process.env.KEYDESK_TODAY);
  } catch (error) {
    fail((error as Error).message);
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
    stopWaitMs: stopWaitSeconds * 1000,
    ...clock,
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
  const log = (message: string, error?: unknown) => console.error(`Key Desk: ${message}`, error ?? '');
  if (args.note) process.stderr.write(`${args.note}\n`);
  // The core (database, saves) runs in its own thread beside this file (out/main/core-worker.js), so
  // the server answers pages and event streams while it saves.
  const core = startCoreWorker(
    dirname(fileURLToPath(import.meta.url)),
    {
      settings: { ...DEFAULT_SETTINGS, dataFolder: args.folder },
      firstRunFolder: args.folder,
      version,
      canChooseFolder: false,
      bindSessionsToCallers: true,
      ...(args.clock ? { clock: { offsetMs: args.clock().getTime() - Date.now() } } : {}),
      ...(args.autoLockMs ? { autoLockMs: args.autoLockMs } : {}),
    },
    { log },
  );
  try {
    await core.ready;
  } catch (error) {
    await core.stop();
    throw error;
  }
  core.onStopped((reason) => process.stderr.write(`Key Desk: ${reason}\n`));
  const status = await core.op('status');
  if (args.demo && status.state === 'setup') await core.op('createDemo');
  if (status.state === 'failed') process.stderr.write(`Key Desk: ${status.problem?.message ?? 'the data file was refused'}\n`);

  const web = await startWebServer({
    core,
    staticDir,
    ...(args.port ? { port: args.port } : {}),
    ...(args.sessionGraceMs ? { sessionGraceMs: args.sessionGraceMs } : {}),
  });

  let stopping = false;
  let stopNow: () => void = () => undefined;
  const interrupted = new Promise<void>((resolve) => (stopNow = resolve));
  const stop = () => {
    // A second Ctrl+C (or signal) while it is still trying to save: stop trying, and say what is lost.
    if (stopping) return stopNow();
    stopping = true;
    void stopAfterSaving(core, web, args.stopWaitMs, interrupted).then((code) => process.exit(code));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // Only once a signal saves and closes the file: whoever reads this line may stop it straight away.
  process.stdout.write(`Key Desk is running at ${web.url}\n`);
}

/**
 * Stops serving, then saves and closes the data file. While saving fails (a network drive or USB stick
 * briefly gone) it keeps trying for up to `waitMs`, so a pending change is not lost to a passing
 * problem; if it still cannot save, it says plainly on stderr what was not saved. Returns the exit code.
 */
async function stopAfterSaving(core: CoreLink, web: { close(): Promise<void> }, waitMs: number, interrupted: Promise<void>): Promise<number> {
  await web.close();
  let gaveUp = false;
  void interrupted.then(() => (gaveUp = true));
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    if (core.stopped) {
      process.stderr.write('Key Desk stopped without saving: its core had already stopped, so changes since the last save are not in the data file.\n');
      return 1;
    }
    const outcome = await core.close().catch((error: unknown) => ({
      closed: false as const,
      message: error instanceof Error ? error.message : String(error),
      unsaved: null,
      stoppedSaving: false,
    }));
    if (outcome.closed) {
      if (attempt > 0) process.stderr.write('Key Desk: saved. Stopping now.\n');
      return 0;
    }
    const left = deadline - Date.now();
    // A file changed by someone else will not become ours again by waiting.
    if (gaveUp || left <= 0 || outcome.stoppedSaving) {
      process.stderr.write(`Key Desk stopped without saving. ${outcome.unsaved ?? outcome.message}\n`);
      await core.stop();
      return 1;
    }
    if (attempt === 0) {
      process.stderr.write(
        `Key Desk cannot save yet, so it has not stopped: it will keep trying for up to ${Math.ceil(left / 1000)} seconds. Press Ctrl+C again to stop now without saving.\n`,
      );
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, Math.min(1000, left))), interrupted]);
  }
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') fail('That port is already in use. Choose another with --port, or leave it out to pick a free one.');
  console.error('Key Desk could not start:', error);
  process.exit(1);
});
