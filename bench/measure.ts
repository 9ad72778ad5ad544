import { performance } from 'node:perf_hooks';

/**
 * What one benchmark reports: the median of its runs, the target the issue set, and (where there is
 * one) the machine's floor: the same work done with nothing of ours in the way, so a slow disk is not
 * mistaken for slow code.
 */
export interface Measure {
  name: string;
  medianMs: number;
  targetMs?: number;
  floor?: { name: string; medianMs: number };
  /** What medianMs, targetMs and the floor are counted in: milliseconds unless it says MB. */
  unit?: 'ms' | 'MB';
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new Error('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  // Both lookups are in range: sorted is non-empty.
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Times just the part of a run that counts (setup and clean-up around it stay off the clock). */
export type Stopwatch = <T>(body: () => Promise<T> | T) => Promise<T>;

export interface RunOptions {
  runs?: number;
  /** Runs first and thrown away: loads the WebAssembly engine, warms the page cache and the JIT. */
  warmup?: number;
}

export const DEFAULT_RUNS = 7;
export const DEFAULT_WARMUP = 1;

/**
 * Runs `run` warmup + runs times, one after another, and returns the timed samples (warm-ups
 * dropped). A run that calls `time` once is timed for that body only; one that does not is timed whole.
 */
export async function timeRuns(
  run: (time: Stopwatch) => Promise<void> | void,
  { runs = DEFAULT_RUNS, warmup = DEFAULT_WARMUP }: RunOptions = {},
): Promise<number[]> {
  if (runs < 1) throw new Error('timeRuns needs at least one run');
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    let timed: number | undefined;
    const time: Stopwatch = async (body) => {
      if (timed !== undefined) throw new Error('time() may be called once per run');
      const start = performance.now();
      try {
        return await body();
      } finally {
        timed = performance.now() - start;
      }
    };
    const start = performance.now();
    await run(time);
    const whole = performance.now() - start;
    if (i >= warmup) samples.push(timed ?? whole);
  }
  return samples;
}

/**
 * Two things timed turn about (a, b, a, b…), each run as in `timeRuns`: a busy spell on the machine
 * falls on both alike, so a measure and its floor stay comparable. Returns both medians.
 */
export async function mediansTurnAbout(
  first: (time: Stopwatch) => Promise<void> | void,
  second: (time: Stopwatch) => Promise<void> | void,
  { runs = DEFAULT_RUNS, warmup = DEFAULT_WARMUP }: RunOptions = {},
): Promise<[number, number]> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const [x] = await timeRuns(first, { runs: 1, warmup: 0 });
    const [y] = await timeRuns(second, { runs: 1, warmup: 0 });
    if (i >= warmup) {
      a.push(x!);
      b.push(y!);
    }
  }
  return [median(a), median(b)];
}

/** Median of `timeRuns`, for the common case. */
export async function medianOfRuns(run: (time: Stopwatch) => Promise<void> | void, options?: RunOptions): Promise<number> {
  return median(await timeRuns(run, options));
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const round = (value: number) => Math.round(value * 100) / 100;

export const isOverTarget = (measure: Measure) => measure.targetMs !== undefined && measure.medianMs > measure.targetMs;

/** One line a person reads: `open   142.3 ms  (target ≤ 300 ms, floor 12.1 ms: raw read of same size)  ok`. */
export function formatMeasure(measure: Measure, nameWidth = measure.name.length): string {
  const unit = measure.unit ?? 'ms';
  const as = (value: number) => (unit === 'ms' ? ms(value) : `${value.toFixed(1)} ${unit}`);
  const notes: string[] = [];
  if (measure.targetMs !== undefined) notes.push(`target ≤ ${Number.isInteger(measure.targetMs) ? `${measure.targetMs} ${unit}` : as(measure.targetMs)}`);
  if (measure.floor) notes.push(`floor ${as(measure.floor.medianMs)}: ${measure.floor.name}`);
  const verdict = measure.targetMs === undefined ? '' : isOverTarget(measure) ? `  OVER TARGET by ${Math.ceil((measure.medianMs / measure.targetMs - 1) * 100)}%` : '  ok';
  const value = as(measure.medianMs).padStart(10);
  return `${measure.name.padEnd(nameWidth)}  ${value}${notes.length ? `  (${notes.join(', ')})` : ''}${verdict}`;
}

/** One line a machine reads: {"name","median_ms","target_ms","floor_ms"}, the last two only where they exist. */
export function measureToJson(measure: Measure): string {
  return JSON.stringify({
    name: measure.name,
    median_ms: round(measure.medianMs),
    ...(measure.targetMs !== undefined ? { target_ms: measure.targetMs } : {}),
    ...(measure.floor ? { floor_ms: round(measure.floor.medianMs) } : {}),
    ...(measure.unit && measure.unit !== 'ms' ? { unit: measure.unit } : {}),
  });
}

/** Prints the measures, as text for people or as JSON lines (and nothing else) for tools. */
export function report(measures: readonly Measure[], json: boolean, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): void {
  if (json) {
    for (const measure of measures) write(measureToJson(measure));
    return;
  }
  const width = Math.max(0, ...measures.map((m) => m.name.length));
  for (const measure of measures) write(formatMeasure(measure, width));
  const over = measures.filter(isOverTarget);
  if (over.length > 0) write(`\n${over.length} over target: ${over.map((m) => m.name).join(', ')} (the bench informs; it does not fail)`);
}
