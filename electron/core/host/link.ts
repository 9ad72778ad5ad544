import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { AppEvent } from '../../../shared/api/events';
import { fail, type Result } from '../../../shared/api/result';
import type { SettingsData } from '../settings';
import {
  fromCrossing,
  toCrossing,
  type CoreRequests,
  type CoreWorkerOptions,
  type Endpoint,
  type FromCore,
  type HostOp,
  type HostOps,
  type ToCore,
} from './protocol';

/** What staff see when the core's thread has gone: plain words, and what to do. */
export const CORE_STOPPED =
  'Key Desk stopped working inside and could not do this. What was saved before is safe in the data file. Close Key Desk and open it again to carry on.';

/** What only the host can do for the core, and where the core's settings changes go. */
export interface HostServices {
  chooseFolder?: () => Promise<string | null>;
  saveSettings?: (patch: Partial<SettingsData>) => void;
  log?: (message: string, error?: unknown) => void;
}

/** Resolves with the core's answer, or null once the core has stopped. */
type Pending = { resolve: (value: FromCore | null) => void };

/**
 * The routing side of the thread boundary: every call goes to the core as a message and comes back
 * as the same `Result` the core made. A core that has stopped (crashed) answers every waiting and
 * later call with CORE_STOPPED rather than leaving it hanging.
 */
export class CoreLink {
  /** Settles once the core has started (or failed to: then it rejects with the core's own error). */
  readonly ready: Promise<void>;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Set<(event: AppEvent) => void>();
  private readonly ownerListeners = new Set<(owner: string | null) => void>();
  private readonly stoppedListeners = new Set<(reason: string) => void>();
  private owner: string | null = null;
  /** Whether the core checks that a session's calls come from the caller that started it (browser mode). */
  bindsSessionsToCallers = false;
  private stoppedReason: string | null = null;
  private closing = false;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly services: HostServices = {},
    private readonly end: () => Promise<void> = async () => undefined,
    /** The thread the core runs in, when it is a worker thread (its id goes in logs). */
    readonly thread: Worker | null = null,
  ) {
    let started: () => void = () => undefined;
    let refused: (error: Error) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      refused = reject;
    });
    // Nobody need be listening yet; whoever awaits `ready` still hears why.
    this.ready.catch(() => undefined);
    endpoint.on('message', (message) => {
      const m = message as FromCore;
      if (m.type === 'ready') {
        this.bindsSessionsToCallers = m.bindsSessionsToCallers;
        started();
      }
      else if (m.type === 'start-failed') refused(fromCrossing(m.error));
      else this.receive(m);
    });
    this.onStopped((reason) => refused(new Error(reason)));
  }

  /** The desktop app's call: the result exactly as the core made it. */
  async call(name: unknown, input: unknown): Promise<Result<unknown>> {
    return (await this.callAs(undefined, name, input)).result;
  }

  /** Browser mode's call, on behalf of a browser (its session cookie); `owner` is set when this call started a session. */
  async callAs(caller: string | undefined, name: unknown, input: unknown): Promise<{ result: Result<unknown>; owner?: string }> {
    const answer = await this.send((id) => ({ type: 'call', id, name, input, ...(caller !== undefined ? { caller } : {}) }));
    if (answer?.type !== 'result') return { result: fail({ code: 'INTERNAL', message: this.stoppedReason ?? CORE_STOPPED }) };
    return { result: answer.result, ...(answer.owner ? { owner: answer.owner } : {}) };
  }

  /** A lifecycle request (close, status, ...); a core-side failure is rethrown here with its kind and message. */
  async op<O extends HostOp>(op: O, ...[input]: HostOps[O]['input'] extends undefined ? [] : [HostOps[O]['input']]): Promise<HostOps[O]['output']> {
    const answer = await this.send((id) => ({ type: 'op', id, op, input }));
    if (answer?.type !== 'op-result') throw new Error(this.stoppedReason ?? CORE_STOPPED);
    if (!answer.ok) throw fromCrossing(answer.error);
    return answer.value as HostOps[O]['output'];
  }

  /** The core's pushes (status changed). Returns a function that stops listening. */
  onEvent(listener: (event: AppEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Browser mode: whose session it is (its owner's secret), or null when nobody is signed in. */
  get sessionOwner(): string | null {
    return this.owner;
  }

  onSessionOwner(listener: (owner: string | null) => void): () => void {
    this.ownerListeners.add(listener);
    return () => this.ownerListeners.delete(listener);
  }

  /** Hears once, with the reason, if the core stops without being asked to. */
  onStopped(listener: (reason: string) => void): () => void {
    this.stoppedListeners.add(listener);
    return () => this.stoppedListeners.delete(listener);
  }

  get stopped(): boolean {
    return this.stoppedReason !== null;
  }

  /** Whether the host asked the core to stop (so its thread ending is no surprise). */
  get stopping(): boolean {
    return this.closing;
  }

  /**
   * Saves and closes the data file, then ends the core's thread. If saving fails the core stays up
   * (so nothing in memory is lost) and the outcome says why; call again, or `stop()` to give up.
   */
  async close(): Promise<HostOps['close']['output']> {
    const outcome = await this.op('close');
    if (outcome.closed) await this.stop();
    return outcome;
  }

  /** Ends the core's thread now, saved or not. */
  async stop(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.end();
    this.stoppedWith('Key Desk has closed.');
  }

  /** The core's thread has gone: every waiting call gets its answer now, and every later one at once. */
  stoppedWith(reason: string): void {
    if (this.stoppedReason !== null) return;
    this.stoppedReason = reason;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const { resolve } of waiting) resolve(null);
    if (!this.closing) {
      for (const listener of [...this.stoppedListeners]) listener(reason);
      // The window asks for its status again, and is told plainly.
      for (const listener of [...this.eventListeners]) listener({ kind: 'status-changed' });
    }
  }

  private send(make: (id: number) => ToCore): Promise<FromCore | null> {
    if (this.stoppedReason !== null) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.endpoint.postMessage(make(id));
    });
  }

  private receive(message: FromCore): void {
    switch (message.type) {
      case 'result':
      case 'op-result': {
        const pending = this.pending.get(message.id);
        this.pending.delete(message.id);
        pending?.resolve(message);
        return;
      }
      case 'event':
        for (const listener of [...this.eventListeners]) this.safely(() => listener(message.event));
        return;
      case 'session':
        this.owner = message.owner;
        for (const listener of [...this.ownerListeners]) this.safely(() => listener(message.owner));
        return;
      case 'settings':
        this.safely(() => this.services.saveSettings?.(message.patch));
        return;
      case 'request':
        void this.answer(message.id, message.request, message.input);
        return;
    }
  }

  private async answer(id: number, request: keyof CoreRequests, _input: unknown): Promise<void> {
    try {
      if (request !== 'chooseFolder' || !this.services.chooseFolder) throw new Error('Choosing a folder needs the desktop app.');
      const value = await this.services.chooseFolder();
      this.endpoint.postMessage({ type: 'reply', id, ok: true, value } satisfies ToCore);
    } catch (error) {
      this.endpoint.postMessage({ type: 'reply', id, ok: false, error: toCrossing(error) } satisfies ToCore);
    }
  }

  private safely(work: () => void): void {
    try {
      work();
    } catch (error) {
      // A listener that fails (a window closing) must not stop the others or the routing.
      this.services.log?.('a listener for the core failed', error);
    }
  }
}

/** The worker's script: built beside the main bundle, or (from source: tests, the bench) its TypeScript through tsx. */
export function coreWorkerScript(builtDir: string): { script: string; source: boolean } {
  const built = join(builtDir, 'core-worker.js');
  if (existsSync(built)) return { script: built, source: false };
  return { script: join(dirname(fileURLToPath(import.meta.url)), 'worker.ts'), source: true };
}

/** tsx's ESM API (a development dependency), for running the worker from source. */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

/**
 * Starts the core in a worker thread and links to it. `builtDir` is where the main bundle is
 * (out/main); the returned link's `ready` settles once the core has opened its folder.
 */
export function startCoreWorker(builtDir: string, options: CoreWorkerOptions, services: HostServices = {}): CoreLink {
  const { script, source } = coreWorkerScript(builtDir);
  return linkToWorker(newWorker(script, source, options), services);
}

/** A worker thread running `script` (a TypeScript one through tsx's loader, for tests and the bench). */
export function newWorker(script: string, source: boolean, workerData: unknown, options: WorkerOptions = {}): Worker {
  if (!source) return new Worker(script, { ...options, workerData });
  const url = JSON.stringify(pathToFileURL(script).href);
  return new Worker(`import(${JSON.stringify(tsxApi())}).then(({ tsImport }) => tsImport(${url}, ${url}))`, { ...options, eval: true, workerData });
}

/** Links to a core running in `worker`; when the thread ends unasked (a crash), the link says so to every caller. */
export function linkToWorker(worker: Worker, services: HostServices = {}): CoreLink {
  let exited = false;
  const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const link = new CoreLink(
    worker as unknown as Endpoint,
    services,
    async () => {
      if (!exited) await worker.terminate();
      await gone;
    },
    worker,
  );
  let why = '';
  worker.on('error', (error) => {
    why = error instanceof Error ? error.message : String(error);
    services.log?.('the core stopped with an error', error);
  });
  worker.on('exit', (code) => {
    exited = true;
    if (!link.stopping) services.log?.(`the core's thread ended unexpectedly (exit code ${code})${why ? `: ${why}` : ''}`);
    link.stoppedWith(CORE_STOPPED);
  });
  return link;
}
