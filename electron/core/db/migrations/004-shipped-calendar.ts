import { academicYearLabel, typicalYear } from '../../../../shared/domain/calendar';
import { createAuditTriggers } from './audit-triggers';
import type { Migration } from './types';

/** Academic years that come with Key Desk: the typical pattern with 5 INSET placeholders, and bank holidays. */
export const SHIPPED_YEARS = { first: 2023, last: 2030 } as const;

const CALENDAR_TABLES = [
  { table: 'terms', idColumn: 'academic_year' },
  { table: 'closures', idColumn: 'date' },
] as const;

function count(db: Parameters<Migration['up']>[0], query: string, params: Array<string | number> = []): number {
  const statement = db.prepare(query);
  statement.bind(params);
  statement.step();
  const value = Number(statement.get()[0] ?? 0);
  statement.free();
  return value;
}

/**
 * The typical calendar for 2023/24 to 2030/31: 195 days in term, 190 pupil days and 5 INSET days
 * named as placeholders to check, with bank holidays ("(substitute day)" when moved).
 *
 * A file nobody has set up yet (no provision: nobody has signed in, so nobody has seen or changed its
 * calendar) gets the shipped calendar in place of the one migration 003 seeded, without audit entries
 * (nothing was anybody's change). A provision's own calendar is never rewritten: a file in use only gains
 * the shipped years it has nothing for (no term dates, and no INSET days or closures of its own in
 * that year), each recorded in the audit trail as Key Desk's change. Such a year changes no stored
 * plan (plans are worked out again at the next calendar change) and only makes days that had no term
 * dates into school days, so placements can be planned into it.
 */
export const migration004: Migration = {
  version: 4,
  name: 'shipped school calendar 2023/24 to 2030/31',
  up(db) {
    const untouched = count(db, 'SELECT count(*) FROM provision') === 0;
    if (untouched) {
      for (const { table } of CALENDAR_TABLES) for (const event of ['insert', 'update', 'delete']) db.exec(`DROP TRIGGER IF EXISTS audit_${table}_${event}`);
      db.exec('DELETE FROM terms; DELETE FROM closures;');
    }
    for (let year = SHIPPED_YEARS.first; year <= SHIPPED_YEARS.last; year++) {
      const from = `${year}-09-01`;
      const to = `${year + 1}-08-31`;
      if (count(db, 'SELECT count(*) FROM terms WHERE academic_year = ?', [year]) > 0) continue;
      if (count(db, "SELECT count(*) FROM closures WHERE kind <> 'bank-holiday' AND date BETWEEN ? AND ?", [from, to]) > 0) continue;
      const shipped = typicalYear(year);
      for (const term of shipped.terms) {
        db.run('INSERT INTO terms (academic_year, name, starts_on, ends_on) VALUES (?, ?, ?, ?)', [year, term.name, term.startsOn, term.endsOn]);
      }
      // A bank holiday already on record (perhaps renamed by the provision) stays as it is.
      for (const closure of shipped.closures) db.run('INSERT OR IGNORE INTO closures (date, kind, name) VALUES (?, ?, ?)', [closure.date, closure.kind, closure.name]);
      if (count(db, 'SELECT count(*) FROM terms WHERE academic_year = ?', [year]) !== 6) throw new Error(`The shipped calendar for ${academicYearLabel(year)} did not save.`);
    }
    if (untouched) createAuditTriggers(db, CALENDAR_TABLES);
  },
};
