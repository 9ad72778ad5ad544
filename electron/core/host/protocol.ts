import type { AppEvent } from '../../../shared/api/events';
import type { Result } from '../../../shared/api/result';
import type { AppStatus, FileProblemKind } from '../../../shared/api/status';
import type { ScryptParams } from '../crypto/keys';
import { FileRefused, UserError } from '../errors';
import type { SettingsData } from '../settings';

/**
 * The messages between the core's thread (a worker_thread) and the thread that routes to it (the
 * Electron main process, or browser mode's HTTP server). Everything here survives structured clone:
 * plain data, no functions, no class instances.
 */

/** How the core in the worker is set up: the worker's `workerData`. */
export interface CoreWorkerOptions {
  /** This PC's settings as they stand; the core's changes come back as `settings` messages. */
  settings: SettingsData;
  version: string;
  firstRunFolder?: string;
  /** The desktop app can show a folder picker (the worker asks the main process for it). */
  canChooseFolder: boolean;
  /** A pretend clock: this many milliseconds ahead of the real one (browser mode's --today), or stopped at one instant (tests). */
  clock?: { offsetMs: number } | { fixedAt: string };
  saveDelayMs?: number;
  autoLockMs?: number;
  scrypt?: ScryptParams;
  /** Browser mode: a session belongs to the caller (browser) that started it. */
  bindSessionsToCallers?: boolean;
}

/** What the host may ask of the core beyond calls in the contract: its lifecycle. */
export interface HostOps {
  /** The core's own status, without a caller's checks (the terminal's start-up line). */
  status: { input: undefined; output: AppStatus };
  /** `--demo` in browser mode: a new demo data file, left at the sign-in screen. */
  createDemo: { input: undefined; output: AppStatus };
  /** Saves and closes the data file (quit); the worker may be stopped once this says `closed`. */
  close: { input: undefined; output: CloseOutcome };
  /** Browser mode: the page of the browser owning `owner`'s session has been gone for the grace period. */
  endAbandonedSession: { input: { owner: string }; output: undefined };
}
export type HostOp = keyof HostOps;

/** Closing either worked, or says plainly what is only in memory and why. */
export type CloseOutcome =
  | { closed: true }
  | { closed: false; message: string; unsaved: string | null; stoppedSaving: boolean };

/** What the core may ask of the host: things only the main process can do (dialogs). */
export interface CoreRequests {
  chooseFolder: { input: undefined; output: string | null };
}
export type CoreRequest = keyof CoreRequests;

export type ToCore =
  | { type: 'call'; id: number; name: unknown; input: unknown; caller?: string | undefined }
  | { type: 'op'; id: number; op: HostOp; input: unknown }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: CrossingError };

export type FromCore =
  | { type: 'ready'; bindsSessionsToCallers: boolean }
  | { type: 'start-failed'; error: CrossingError }
  | { type: 'result'; id: number; result: Result<unknown>; owner?: string }
  | { type: 'op-result'; id: number; ok: true; value: unknown }
  | { type: 'op-result'; id: number; ok: false; error: CrossingError }
  | { type: 'request'; id: number; request: CoreRequest; input: unknown }
  | { type: 'event'; event: AppEvent }
  | { type: 'settings'; patch: Partial<SettingsData> }
  /** Browser mode: whose session it is now (the owner's secret), or null when nobody is signed in. */
  | { type: 'session'; owner: string | null };

/** A thrown error as it crosses the thread boundary: its kind and the words staff see, never a stack. */
export interface CrossingError {
  name: string;
  message: string;
  code?: UserError['code'];
  field?: string;
  kind?: FileProblemKind;
  path?: string;
}

export function toCrossing(error: unknown): CrossingError {
  if (error instanceof UserError) return { name: 'UserError', message: error.message, code: error.code, ...(error.field ? { field: error.field } : {}) };
  if (error instanceof FileRefused) return { name: 'FileRefused', message: error.message, kind: error.kind, path: error.path };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** The same kind of error on this side: a UserError stays a UserError with its code and field. */
export function fromCrossing(error: CrossingError): Error {
  if (error.name === 'UserError' && error.code) return new UserError(error.code, error.message, error.field);
  if (error.name === 'FileRefused' && error.kind && error.path !== undefined) return new FileRefused(error.kind, error.path, error.message);
  const plain = new Error(error.message);
  plain.name = error.name;
  return plain;
}

/** The two ends' common ground: a MessagePort, a worker's parentPort, or a Worker seen from outside. */
export interface Endpoint {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}
