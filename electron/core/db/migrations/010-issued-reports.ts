import type { Migration } from './types';

/**
 * Issued reports: what a report said when it was given to a school or family, kept so it can be
 * printed again exactly as issued. Each row holds the very data the PDF was drawn from (JSON), so a
 * reprint shows the same text and figures whatever has changed since. Rows are their own record:
 * never changed, never deleted (triggers), and the issue and reprint events go to the audit log.
 */
export const migration010: Migration = {
  version: 10,
  name: 'issued reports',
  up(db) {
    db.exec(`
      CREATE TABLE issued_reports (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (length(kind) > 0),
        placement_id TEXT REFERENCES placements(id),
        -- Reports about a base rather than a placement (a fire list, an impact report).
        base_id TEXT REFERENCES bases(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        data TEXT NOT NULL CHECK (json_valid(data)),
        file_name TEXT NOT NULL CHECK (length(file_name) > 0),
        issued_by TEXT REFERENCES staff(id),
        issued_by_name TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        CHECK (placement_id IS NOT NULL OR base_id IS NOT NULL)
      ) STRICT;
      CREATE UNIQUE INDEX issued_reports_placement_version ON issued_reports (placement_id, kind, version) WHERE placement_id IS NOT NULL;
      CREATE UNIQUE INDEX issued_reports_base_version ON issued_reports (base_id, kind, version) WHERE placement_id IS NULL;

      CREATE TRIGGER issued_reports_fixed BEFORE UPDATE ON issued_reports
      BEGIN SELECT RAISE(ABORT, 'An issued report is never changed: issue a new version'); END;
      CREATE TRIGGER issued_reports_kept BEFORE DELETE ON issued_reports
      BEGIN SELECT RAISE(ABORT, 'An issued report is never deleted'); END;
    `);
  },
};
