import { ATTENDANCE_CODES } from '../../../shared/domain/attendance';

const CODES = ATTENDANCE_CODES.map((c) => c.code);

/** What a keystroke on a register row means, given what was typed before it (codes like C1 take two keys). */
export type Typed =
  | { kind: 'code'; code: string; then?: Typed }
  | { kind: 'pending'; buffer: string }
  | { kind: 'none' };

/** Keys that mark a pupil present: / or \ (either session: the core stores the session's own), or space. */
const PRESENT_KEYS = new Set(['/', '\\', ' ']);

/**
 * Reads one more key. A whole code that no longer code starts with is set at once ("I", "N", "/");
 * "C" waits for a possible "1" or "2", and "Y" and "J" wait for their digit. Anything that fits no code
 * is ignored (and drops what was waiting).
 */
export function readKey(buffer: string, key: string): Typed {
  if (buffer === '' && PRESENT_KEYS.has(key)) return { kind: 'code', code: '/' };
  const next = (buffer + key).toUpperCase();
  const exact = CODES.includes(next);
  const longer = CODES.some((c) => c.length > next.length && c.startsWith(next));
  if (exact && !longer) return { kind: 'code', code: next };
  if (longer) return { kind: 'pending', buffer: next };
  // The waiting part is a code of its own ("C"): set it, then read this key afresh.
  if (buffer !== '' && CODES.includes(buffer)) return { kind: 'code', code: buffer, then: readKey('', key) };
  return { kind: 'none' };
}

/** What is waiting when the typing stops (Enter, or a pause): a code of its own, or nothing. */
export function settle(buffer: string): string | null {
  return CODES.includes(buffer) ? buffer : null;
}
