import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { KeyDeskCore } from '../electron/core/core';
import { dispatch } from '../electron/core/dispatch';
import { startCoreWorker, type CoreLink } from '../electron/core/host/link';
import { DEFAULT_SETTINGS, memorySettings } from '../electron/core/settings';
import type { Result } from '../shared/api/result';
import type { Account } from './data-file';
import { median, type Measure } from './measure';

export const LOOP_DELAY_TARGET_MS = 20;

/** A change every 100 ms, each saved (the debounce is shorter than the gap), as staff marking a register. */
const CHANGE_EVERY_MS = 100;
const SAVE_DELAY_MS = 10;
const RUN_MS = 4_000;
const RUNS = 3;

/** Where `npm run build` puts the worker (the bench runs after it). */
const BUILT_MAIN = fileURLToPath(new URL('../out/main', import.meta.url));

type Call = (name: string, input?: unknown) => Promise<Result<unknown>>;

async function must(call: Call, name: string, input?: unknown): Promise<unknown> {
  const result = await call(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/**
 * The p99 of this thread's event-loop delay (what a window or browser page waits for) over RUN_MS
 * while `call` renames a base every CHANGE_EVERY_MS and the core saves each change.
 */
async function loopDelayWhileSaving(call: Call, account: Account): Promise<{ p99s: number[]; changes: number }> {
  await must(call, 'session.signIn', { username: account.username, password: account.password });
  const bases = (await must(call, 'bases.list')) as Array<{ id: string; name: string }>;
  const base = bases[0];
  if (!base) throw new Error('the synthetic file has no base');
  const p99s: number[] = [];
  let changes = 0;
  for (let run = 0; run < RUNS; run++) {
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const started = performance.now();
    let inFlight: Promise<unknown> | null = null;
    const timer = setInterval(() => {
      // One change at a time, as one person makes them; a slow one delays the next rather than piling up.
      if (inFlight) return;
      inFlight = must(call, 'bases.update', { id: base.id, name: `${base.name} ${++changes % 2 ? 'A' : 'B'}` }).finally(() => (inFlight = null));
    }, CHANGE_EVERY_MS);
    while (performance.now() - started < RUN_MS) await new Promise((done) => setTimeout(done, 50));
    clearInterval(timer);
    await inFlight;
    histogram.disable();
    p99s.push(histogram.percentile(99) / 1e6);
  }
  await must(call, 'bases.update', { id: base.id, name: base.name });
  return { p99s, changes };
}

/** The same p99 with nothing running: what the machine alone (other processes, timers) costs this thread. */
async function idleLoopDelay(): Promise<number> {
  const p99s: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    await new Promise((done) => setTimeout(done, RUN_MS));
    histogram.disable();
    p99s.push(histogram.percentile(99) / 1e6);
  }
  return median(p99s);
}

/**
 * Main-thread (browser mode: server) event-loop delay while changes are saved every 100 ms: with the
 * core in its worker thread, as the app runs it, and, for comparison, with the core on this thread as before.
 */
export async function measureEventLoopWhileSaving(folder: string, account: Account): Promise<Measure[]> {
  const settings = { ...DEFAULT_SETTINGS, dataFolder: folder };

  const core = new KeyDeskCore({ settings: memorySettings(settings), version: 'bench', saveDelayMs: SAVE_DELAY_MS });
  await core.start();
  let here: Awaited<ReturnType<typeof loopDelayWhileSaving>>;
  try {
    here = await loopDelayWhileSaving((name, input) => dispatch(core, name, input), account);
  } finally {
    await core.close();
  }

  const link: CoreLink = startCoreWorker(BUILT_MAIN, { settings, version: 'bench', canChooseFolder: false, saveDelayMs: SAVE_DELAY_MS });
  let worker: Awaited<ReturnType<typeof loopDelayWhileSaving>>;
  try {
    await link.ready;
    worker = await loopDelayWhileSaving((name, input) => link.call(name, input), account);
    const closed = await link.close();
    if (!closed.closed) throw new Error(closed.message);
  } finally {
    await link.stop();
  }

  const floor = { name: 'the same p99 with no calls at all', medianMs: await idleLoopDelay() };
  const name = (where: string, changes: number) =>
    `main-thread event-loop delay p99, a change saved every ${CHANGE_EVERY_MS} ms (${where}, ${changes} changes)`;
  return [
    { name: name('core in its worker thread', worker.changes), medianMs: median(worker.p99s), targetMs: LOOP_DELAY_TARGET_MS, floor },
    { name: name('before: core on the main thread', here.changes), medianMs: median(here.p99s), targetMs: LOOP_DELAY_TARGET_MS, floor },
  ];
}
