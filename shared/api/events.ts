/**
 * What the core pushes to the window (IPC in the desktop app, Server-Sent Events in browser mode).
 * Only a nudge, never data: the window then asks `app.status`, through the usual checks.
 * - `status-changed`: the screen may need to change now (locked after inactivity, signed out, saving
 *   started or stopped failing).
 */
export type AppEvent = { kind: 'status-changed' };

export const APP_EVENT_KINDS: ReadonlySet<AppEvent['kind']> = new Set(['status-changed']);

export function isAppEvent(value: unknown): value is AppEvent {
  return typeof value === 'object' && value !== null && APP_EVENT_KINDS.has((value as { kind?: unknown }).kind as AppEvent['kind']);
}

/** Browser mode's event stream: GET, with the token as `?token=` (an EventSource cannot send headers). */
export const EVENTS_PATH = '/api/events';
