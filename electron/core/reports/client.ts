import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { newWorker } from '../host/link';
import type { ReportKind, ReportKinds } from './kinds';
import type { FromReportWorker, ToReportWorker } from './protocol';

/** The report thread's script: built beside this bundle (out/main), or its TypeScript (tests, the bench). */
function reportWorkerScript(): { script: string; source: boolean } {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, dirname(here)]) {
    const built = join(dir, 'report-worker.js');
    if (existsSync(built)) return { script: built, source: false };
  }
  return { script: join(here, 'worker.ts'), source: true };
}

type Answer = Extract<FromReportWorker, { ok: true }>;
type Waiting = { resolve: (answer: Answer) => void; reject: (error: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, Waiting>();

/** Every waiting render fails with `error` and the next render starts a new thread. */
function lose(error: Error): void {
  worker = null;
  for (const w of waiting.values()) w.reject(error);
  waiting.clear();
}

function reportWorker(): Worker {
  if (worker) return worker;
  const { script, source } = reportWorkerScript();
  // React's production build: no development bookkeeping kept per render.
  const started = newWorker(script, source, undefined, { env: { ...process.env, NODE_ENV: 'production' } });
  started.on('message', (answer: FromReportWorker) => {
    const w = waiting.get(answer.id);
    waiting.delete(answer.id);
    // Idle: the thread must not keep the process alive on its own.
    if (waiting.size === 0) started.unref();
    if (!w) return;
    if (answer.ok) w.resolve(answer);
    else w.reject(new Error(`The PDF could not be drawn: ${answer.message}`));
  });
  started.on('error', (error) => {
    if (worker === started) lose(error);
  });
  started.on('exit', (code) => {
    if (worker === started) lose(new Error(`The PDF thread stopped (exit code ${code}).`));
  });
  worker = started;
  return started;
}

/**
 * Draws one report as PDF bytes in the report thread (started on first use, then kept). Used by the
 * core's handlers, so the desktop app, browser mode and batch export share the one renderer.
 */
function ask(request: Omit<ToReportWorker, 'id'>): Promise<Answer> {
  const thread = reportWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    thread.ref();
    thread.postMessage({ id, ...request } as ToReportWorker);
  });
}

export async function renderPdf<K extends ReportKind>(kind: K, data: ReportKinds[K]): Promise<Uint8Array> {
  const answer = await ask({ kind, data } as Omit<ToReportWorker, 'id'>);
  if (!('pdf' in answer)) throw new Error('The PDF thread answered without a PDF.');
  return answer.pdf;
}

/** The report thread's heap in use after a full collection, in bytes: memory stays flat across renders. */
export async function reportThreadHeap(): Promise<number> {
  const answer = await ask({ kind: 'heap' });
  if (!('heapBytes' in answer)) throw new Error('The PDF thread did not say how much memory it uses.');
  return answer.heapBytes;
}

/** Stops the report thread (when the core closes, and between tests); the next render starts another. */
export async function stopPdfWorker(): Promise<void> {
  const running = worker;
  worker = null;
  if (running) await running.terminate();
  lose(new Error('The PDF thread was stopped.'));
}
