import { schoolDayChecker, type Closure, type ClosureKind, type Term, type TermName } from '../../../shared/domain/calendar';
import type { Db } from '../db/dialect';

export async function listTerms(db: Db, academicYear?: number): Promise<Term[]> {
  let query = db.selectFrom('terms').select(['name', 'starts_on', 'ends_on']).orderBy('starts_on');
  if (academicYear !== undefined) query = query.where('academic_year', '=', academicYear);
  const rows = await query.execute();
  return rows.map((r) => ({ name: r.name as TermName, startsOn: r.starts_on, endsOn: r.ends_on }));
}

/** The terms `date` falls in (one, unless terms overlap): with the day's closures, all that decides one day. */
export async function listTermsCovering(db: Db, date: string): Promise<Term[]> {
  const rows = await db.selectFrom('terms').select(['name', 'starts_on', 'ends_on']).where('starts_on', '<=', date).where('ends_on', '>=', date).execute();
  return rows.map((r) => ({ name: r.name as TermName, startsOn: r.starts_on, endsOn: r.ends_on }));
}

export async function listClosures(db: Db, from?: string, to?: string): Promise<Closure[]> {
  let query = db.selectFrom('closures').select(['date', 'kind', 'name']).orderBy('date');
  if (from) query = query.where('date', '>=', from);
  if (to) query = query.where('date', '<=', to);
  const rows = await query.execute();
  return rows.map((r) => ({ date: r.date, kind: r.kind as ClosureKind, name: r.name }));
}

/** Every term and closure on record, and the quick "is this a school day?" built from them. */
export interface CalendarView {
  terms: Term[];
  closures: Closure[];
  isSchoolDay: (date: string) => boolean;
}

/** The whole calendar (a few hundred rows at most): the one place it is read in full. */
export async function loadCalendar(db: Db): Promise<CalendarView> {
  const [terms, closures] = await Promise.all([listTerms(db), listClosures(db)]);
  const check = schoolDayChecker(terms, closures);
  // Plans and place searches ask about the same few hundred days many times over.
  const known = new Map<string, boolean>();
  const isSchoolDay = (date: string) => {
    let answer = known.get(date);
    if (answer === undefined) known.set(date, (answer = check(date)));
    return answer;
  };
  return { terms, closures, isSchoolDay };
}

/** "Is this a school day?" from every term and closure on record. */
export async function loadSchoolDays(db: Db): Promise<(date: string) => boolean> {
  return (await loadCalendar(db)).isSchoolDay;
}

// ---- Write side ----

/** Academic years that have term dates, oldest first. */
export async function listTermYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('terms').select('academic_year').distinct().orderBy('academic_year').execute();
  return rows.map((r) => r.academic_year);
}

/** Call inside a transaction: a year's six half terms are replaced together. */
/**
 * Makes a year's half terms these: changes only the ones whose dates differ and adds any missing, so
 * the audit trail shows what staff actually changed. (A year always has the same six names.)
 */
export async function replaceTerms(tx: Db, academicYear: number, terms: readonly Term[]): Promise<void> {
  const current = new Map((await listTerms(tx, academicYear)).map((t) => [t.name, t]));
  for (const term of terms) {
    const existing = current.get(term.name);
    if (!existing) {
      await tx.insertInto('terms').values({ academic_year: academicYear, name: term.name, starts_on: term.startsOn, ends_on: term.endsOn }).execute();
    } else if (existing.startsOn !== term.startsOn || existing.endsOn !== term.endsOn) {
      await tx
        .updateTable('terms')
        .set({ starts_on: term.startsOn, ends_on: term.endsOn })
        .where('academic_year', '=', academicYear)
        .where('name', '=', term.name)
        .execute();
    }
    current.delete(term.name);
  }
  for (const name of current.keys()) await tx.deleteFrom('terms').where('academic_year', '=', academicYear).where('name', '=', name).execute();
}

export async function findClosure(db: Db, date: string): Promise<Closure | undefined> {
  const row = await db.selectFrom('closures').select(['date', 'kind', 'name']).where('date', '=', date).executeTakeFirst();
  return row ? { date: row.date, kind: row.kind as ClosureKind, name: row.name } : undefined;
}

export async function insertClosure(tx: Db, closure: Closure): Promise<void> {
  await tx.insertInto('closures').values({ date: closure.date, kind: closure.kind, name: closure.name }).execute();
}

export async function deleteClosure(tx: Db, date: string): Promise<void> {
  await tx.deleteFrom('closures').where('date', '=', date).execute();
}
