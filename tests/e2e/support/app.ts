import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataFilePath } from '../../../electron/core/data-file';
import { isFresh, OUT_DIR } from '../../electron/build';
import { copyOfDemo } from './demo-cache';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const WEB_JS = resolve(ROOT, 'out/main/web.js');
const READY_LINE = /^Key Desk is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+))$/;
// Making the demo data takes 15–20 s on a busy 2-core machine, longer under load.
const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * The day every end-to-end test runs at unless it starts the app at another (`today`): a Wednesday in
 * term, Autumn 2 of 2026/27. Browser mode's clock starts there (at 09:00) and runs on, so a test gives
 * the same answer whatever the real date; demo data is made relative to it.
 */
export const E2E_TODAY = '2026-11-18';

/**
 * Days the date-sensitive checks also run at, as the demo's typical calendar has them (each test checks
 * that it still does): a term day, the first day of a holiday (October half term), and the first
 * school day of a half term (Spring 2, after February half term: the demo puts INSET days at the start
 * of Autumn 2, Spring 1 and Summer 2, when pupils come back a day later).
 */
export const E2E_DAYS = [
  { kind: 'term day', date: E2E_TODAY },
  { kind: 'holiday', date: '2026-10-26' },
  { kind: 'first day of a half term', date: '2027-02-22' },
] as const;
export type E2eDay = (typeof E2E_DAYS)[number];

/** Refuses to test a missing or stale build: out/ older than a source file would test yesterday's code. */
export async function assertBuilt(): Promise<void> {
  if (!existsSync(WEB_JS)) {
    throw new Error(`Browser mode is not built: ${WEB_JS} is missing. Run \`npm run build\` (npm test builds first).`);
  }
  if (!(await isFresh(OUT_DIR))) {
    throw new Error('out/ is older than the source: run `npm run build` before the end-to-end tests (npm test builds first).');
  }
}

export interface RunningApp {
  /** The address printed at start, token included. */
  url: string;
  port: number;
  token: string;
  folder: string;
  /** The date browser mode's clock started at (ISO). */
  today: string;
  /** Everything written to stdout and stderr so far, for failure messages. */
  output(): string;
  /** SIGTERM (which saves and closes the data file), then waits for the process to end. */
  stop(): Promise<void>;
  /** The exit code once the process has ended (null before then, or when a signal ended it). */
  exitCode(): number | null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

export interface StartOptions {
  folder: string;
  /** Demo data: a copy of the demo made at `today` (support/demo-cache.ts) unless `freshDemo`. */
  demo?: boolean;
  /** With `demo`: browser mode makes the demo in this very folder with --demo, as a first start does. */
  freshDemo?: boolean;
  port?: number;
  today?: string;
  args?: readonly string[];
}

/**
 * KEYDESK_E2E_NO_DEMO_CACHE=1 makes every demo with --demo in its own folder, as before the cache
 * (15–25 s each): to time the cache, or to rule it out when a test fails only with it.
 */
const NO_DEMO_CACHE = process.env.KEYDESK_E2E_NO_DEMO_CACHE === '1';

/**
 * Starts `node out/main/web.js --data <folder> --today <date>` (and any `args`) and resolves once it
 * prints its one line. With `demo` and no data file in the folder yet, the folder first gets a copy of
 * the demo made at that date (made once per run: support/demo-cache.ts); with `freshDemo` too, browser
 * mode makes the demo there itself. Either way --demo is passed, which leaves an existing file alone.
 */
export async function startApp(options: StartOptions): Promise<RunningApp> {
  await assertBuilt();
  const today = options.today ?? E2E_TODAY;
  if (options.demo && !options.freshDemo && !NO_DEMO_CACHE && !existsSync(dataFilePath(options.folder))) {
    await copyOfDemo(options.folder, today, async (folder) => {
      const maker = await launch({ folder, demo: true, today });
      await maker.stop();
      if (maker.exitCode() !== 0) throw new Error(`Making the demo: browser mode did not stop cleanly (exit code ${maker.exitCode()}).\n${maker.output()}`);
    });
  }
  return launch({ ...options, today });
}

async function launch(options: StartOptions & { today: string }): Promise<RunningApp> {
  const { today } = options;
  const args = [WEB_JS, '--data', options.folder, '--today', today];
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.demo) args.push('--demo');
  if (options.args) args.push(...options.args);
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });

  let stdout = '';
  let stderr = '';
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (await waitForExit(child, STOP_TIMEOUT_MS)) return;
    child.kill('SIGKILL');
    await waitForExit(child, STOP_TIMEOUT_MS);
    throw new Error(`Browser mode did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM.\n${output()}`);
  };

  try {
    const match = await new Promise<RegExpMatchArray>((resolveLine, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Browser mode printed no address within ${START_TIMEOUT_MS} ms.\n${output()}`)),
        START_TIMEOUT_MS,
      );
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const newline = stdout.indexOf('\n');
        if (newline === -1) return;
        clearTimeout(timer);
        const line = stdout.slice(0, newline);
        const found = line.match(READY_LINE);
        if (found) resolveLine(found);
        else reject(new Error(`Browser mode's first line is not the address line: ${JSON.stringify(line)}\n${output()}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`Browser mode exited (code ${code}, signal ${signal}) before printing its address.\n${output()}`));
      });
    });
    return { url: match[1]!, port: Number(match[2]), token: match[3]!, folder: options.folder, today, output, stop, exitCode: () => child.exitCode };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
