import type { Database as SqlJsDatabase } from 'sql.js';

/** A table whose every row change is written to the audit log, and how to find its record and pupil. */
export interface AuditedTable {
  table: string;
  /** The column that identifies the record (for a link table, the owning record). */
  idColumn: string;
  /** The column holding the pupil the row is about, so the log can be filtered by pupil. */
  pupilColumn?: string;
}

function rowJson(db: SqlJsDatabase, table: string, alias: 'NEW' | 'OLD'): string {
  const columns = db.exec(`PRAGMA table_info(${table})`)[0]?.values.map((row) => String(row[1])) ?? [];
  if (columns.length === 0) throw new Error(`No such table to audit: ${table}`);
  return `json_object(${columns.map((c) => `'${c}', ${alias}.${c}`).join(', ')})`;
}

/**
 * (Re)creates the insert, update and delete triggers that copy each change, with its values before and
 * after and who made it, into audit_log. The actor comes from functions the app registers on the
 * connection (audit_now, audit_staff_id, audit_staff_name). A migration that changes an audited table's columns
 * must call this again for that table, with the list as it stands at that migration.
 */
export function createAuditTriggers(db: SqlJsDatabase, tables: readonly AuditedTable[]): void {
  for (const { table, idColumn, pupilColumn } of tables) {
    for (const event of ['insert', 'update', 'delete'] as const) {
      const row = event === 'delete' ? 'OLD' : 'NEW';
      const before = event === 'insert' ? 'NULL' : rowJson(db, table, 'OLD');
      const after = event === 'delete' ? 'NULL' : rowJson(db, table, 'NEW');
      const pupil = pupilColumn ? `${row}.${pupilColumn}` : 'NULL';
      db.exec(`
        DROP TRIGGER IF EXISTS audit_${table}_${event};
        CREATE TRIGGER audit_${table}_${event} AFTER ${event.toUpperCase()} ON ${table}
        BEGIN
          INSERT INTO audit_log (at, staff_id, staff_name, action, entity, entity_id, pupil_id, before, after)
          VALUES (audit_now(), audit_staff_id(), audit_staff_name(), '${event}', '${table}',
                  ${row}.${idColumn}, ${pupil}, ${before}, ${after});
        END;
      `);
    }
  }
}
