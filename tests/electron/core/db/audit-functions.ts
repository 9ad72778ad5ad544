import type { Database as SqlJsDatabase } from 'sql.js';

/**
 * Stands in for what DataFile registers on its connection: the SQL functions the audit triggers
 * call. A raw sql.js database without them cannot write to an audited table. Change `actor` and
 * `now` to see them reach the log.
 */
export function auditFunctions(initial: { now?: string; actor?: { id: string; name: string } | null } = {}) {
  const state = { now: initial.now ?? '2026-11-23T09:00:00.000Z', actor: initial.actor ?? null };
  const register = (db: SqlJsDatabase): void => {
    db.create_function('audit_now', () => state.now);
    db.create_function('audit_staff_id', () => state.actor?.id ?? null);
    db.create_function('audit_staff_name', () => state.actor?.name ?? 'Key Desk');
  };
  return Object.assign(state, { register });
}
