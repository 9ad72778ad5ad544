import { sql } from 'kysely';
import { KEY_DESK_ACTOR, type AuditEntry, type AuditPerson } from '../../../shared/domain/audit';
import { addDays, formatUkDate, ukDayStart } from '../../../shared/domain/dates';
import type { Db } from '../db/dialect';

export interface AuditFilters {
  staffId?: string | undefined;
  pupilId?: string | undefined;
  /** Inclusive days as England's clocks count them (GMT or BST); entries are stored in UTC. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditEvent {
  action: string;
  staffId: string | null;
  staffName: string;
  at: string;
  entity?: string;
  entityId?: string;
  pupilId?: string;
  detail?: string;
}

/** Events that are not row changes (sign-ins, exports, printing): written straight to the log. */
export async function recordEvent(db: Db, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: event.at,
      staff_id: event.staffId,
      staff_name: event.staffName,
      action: event.action,
      entity: event.entity ?? null,
      entity_id: event.entityId ?? null,
      pupil_id: event.pupilId ?? null,
      before: null,
      after: null,
      detail: event.detail ?? null,
    })
    .execute();
}

/** What an amendment's row carries beyond the log's own columns, to word it for staff. */
const NO_AMENDMENT = {
  base_name: sql<string | null>`NULL`,
  register_date: sql<string | null>`NULL`,
  register_session: sql<string | null>`NULL`,
  old_code: sql<string | null>`NULL`,
  old_minutes_late: sql<number | null>`NULL`,
  new_code: sql<string | null>`NULL`,
  new_minutes_late: sql<number | null>`NULL`,
  reason: sql<string | null>`NULL`,
};

/** The action recorded for a changed register mark (an amendment after the register closed or was submitted). */
export const REGISTER_AMENDMENT_ACTION = 'changed-register-mark';

/**
 * The audit trail as staff see it: the JSON log, and the register amendments read from their own table
 * (a register is its own history, so marks are never copied into the log). UNION ALL lets the
 * database filter, order and page both together. An amendment's seq is negative, so it never meets a
 * log entry's, and a later amendment of the same mark has the higher one (a mark is never amended a
 * thousand times).
 */
function entries(db: Db) {
  const log = db
    .selectFrom('audit_log')
    .select([
      'seq',
      'at',
      'staff_id',
      'staff_name',
      'action',
      'entity',
      'entity_id',
      'pupil_id',
      'before',
      'after',
      'detail',
      NO_AMENDMENT.base_name.as('base_name'),
      NO_AMENDMENT.register_date.as('register_date'),
      NO_AMENDMENT.register_session.as('register_session'),
      NO_AMENDMENT.old_code.as('old_code'),
      NO_AMENDMENT.old_minutes_late.as('old_minutes_late'),
      NO_AMENDMENT.new_code.as('new_code'),
      NO_AMENDMENT.new_minutes_late.as('new_minutes_late'),
      NO_AMENDMENT.reason.as('reason'),
    ]);
  const amendments = db
    .selectFrom('register_amendments as a')
    .innerJoin('registers as r', 'r.n', 'a.register_n')
    .innerJoin('bases as b', 'b.id', 'r.base_id')
    .innerJoin('register_people as p', 'p.n', 'a.pupil_n')
    .leftJoin('staff as s', 's.id', 'a.amended_by')
    .select([
      sql<number>`a.seq - (a.register_n * 100000000 + a.pupil_n * 1000)`.as('seq'),
      'a.amended_at as at',
      'a.amended_by as staff_id',
      's.name as staff_name',
      sql<string>`${REGISTER_AMENDMENT_ACTION}`.as('action'),
      sql<string | null>`'register_marks'`.as('entity'),
      sql<string | null>`NULL`.as('entity_id'),
      'p.id as pupil_id',
      sql<string | null>`NULL`.as('before'),
      sql<string | null>`NULL`.as('after'),
      sql<string | null>`NULL`.as('detail'),
      'b.name as base_name',
      'r.date as register_date',
      'r.session as register_session',
      'a.old_code',
      'a.old_minutes_late',
      'a.new_code',
      'a.new_minutes_late',
      'a.reason',
    ]);
  return db.selectFrom(log.unionAll(amendments).as('entries'));
}

function filtered(db: Db, filters: AuditFilters) {
  let query = entries(db);
  if (filters.staffId === KEY_DESK_ACTOR) query = query.where('staff_id', 'is', null);
  else if (filters.staffId) query = query.where('staff_id', '=', filters.staffId);
  if (filters.pupilId) query = query.where('pupil_id', '=', filters.pupilId);
  if (filters.from) query = query.where('at', '>=', ukDayStart(filters.from));
  // `to` is a whole day: everything before the start of the next one.
  if (filters.to) query = query.where('at', '<', ukDayStart(addDays(filters.to, 1)));
  return query;
}

const codeWithMinutes = (code: string | null, minutes: number | null) => (code === null ? 'no mark' : minutes !== null ? `${code} (${minutes} min late)` : code);

/** An entry as stored: what it is about is named by the service (services/audit.ts). */
export type StoredAuditEntry = Omit<AuditEntry, 'recordName'>;

export async function listAudit(db: Db, filters: AuditFilters, limit: number, offset: number): Promise<{ entries: StoredAuditEntry[]; total: number }> {
  // By time first: register amendments (negative seq) sit among the log's entries in date order.
  const rows = await filtered(db, filters).selectAll().orderBy('at', 'desc').orderBy('seq', 'desc').limit(limit).offset(offset).execute();
  const count = await filtered(db, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    total: Number(count.n),
    entries: rows.map((row) => {
      const amendment = row.action === REGISTER_AMENDMENT_ACTION && row.seq < 0;
      return {
        seq: row.seq,
        at: row.at,
        staffId: row.staff_id,
        staffName: row.staff_name ?? (amendment && row.staff_id ? 'Unknown' : 'Key Desk'),
        action: row.action,
        entity: row.entity,
        entityId: row.entity_id,
        pupilId: row.pupil_id,
        before: amendment
          ? { code: row.old_code, minutesLate: row.old_minutes_late }
          : row.before
            ? (JSON.parse(row.before) as Record<string, unknown>)
            : null,
        after: amendment
          ? { code: row.new_code, minutesLate: row.new_minutes_late }
          : row.after
            ? (JSON.parse(row.after) as Record<string, unknown>)
            : null,
        // "Parkgate 23/11/2026 AM, I → M, reason: parent rang"
        detail: amendment
          ? `${row.base_name} ${formatUkDate(row.register_date ?? '')} ${row.register_session}, ${codeWithMinutes(row.old_code, row.old_minutes_late)} → ${codeWithMinutes(row.new_code, row.new_minutes_late)}, reason: ${row.reason}`
          : row.detail,
      };
    }),
  };
}

/** Everyone the log names, under the name of their latest entry, Key Desk itself included. */
export async function listAuditPeople(db: Db): Promise<AuditPerson[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['staff_id', (eb) => eb.fn.max('seq').as('latest')])
    .groupBy('staff_id')
    .execute();
  const people: AuditPerson[] = [];
  for (const row of rows) {
    const latest = await db.selectFrom('audit_log').select('staff_name').where('seq', '=', row.latest).executeTakeFirst();
    people.push({ staffId: row.staff_id ?? KEY_DESK_ACTOR, name: row.staff_id ? (latest?.staff_name ?? 'Unknown') : 'Key Desk' });
  }
  return people.sort((a, b) => a.name.localeCompare(b.name));
}

/** A pupil's name as the pupil list shows it (displayName): preferred or legal first name, then last name. */
const PUPIL_NAME = sql.raw("coalesce(pupils.preferred_name, pupils.legal_first_name) || ' ' || pupils.legal_last_name");

/** Ids per query: six lists of them stay well inside SQLite's limit on bound values. */
const NAMES_PER_QUERY = 1000;

/**
 * Names for the ids an audit page mentions, current or removed staff included: pupils (as the pupil
 * list shows them), staff, bases, schools, contacts, and referrals (by pupil and date). One query for
 * a page; an export of thousands of ids takes one per thousand.
 */
export async function auditNames(db: Db, ids: readonly string[]): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += NAMES_PER_QUERY) {
    const chunk = unique.slice(i, i + NAMES_PER_QUERY);
    const named = (table: 'staff' | 'bases' | 'schools' | 'contacts' | 'professionals', kind: string) =>
      db.selectFrom(table).select(['id', sql<string>`${kind}`.as('kind'), 'name', sql<string | null>`NULL`.as('day')]).where('id', 'in', chunk);
    const rows = await db
      .selectFrom('pupils')
      .select(['id', sql<string>`'pupil'`.as('kind'), sql<string>`${PUPIL_NAME}`.as('name'), sql<string | null>`NULL`.as('day')])
      .where('id', 'in', chunk)
      .unionAll(named('staff', 'staff'))
      .unionAll(named('bases', 'base'))
      .unionAll(named('schools', 'school'))
      .unionAll(named('contacts', 'contact'))
      .unionAll(named('professionals', 'professional'))
      .unionAll(
        db
          .selectFrom('placements')
          .innerJoin('pupils', 'pupils.id', 'placements.pupil_id')
          .select(['placements.id as id', sql<string>`'placement'`.as('kind'), sql<string>`${PUPIL_NAME}`.as('name'), 'placements.referred_on as day'])
          .where('placements.id', 'in', chunk),
      )
      .unionAll(
        db
          .selectFrom('placement_events')
          .select(['id', sql<string>`'event'`.as('kind'), 'step as name', 'on_date as day'])
          .where('id', 'in', chunk),
      )
      .unionAll(
        db
          .selectFrom('log_entries')
          .select(['id', sql<string>`'log'`.as('kind'), 'at_time as name', 'on_date as day'])
          .where('id', 'in', chunk),
      )
      .execute();
    // A referral is known by its pupil and the day it came in; a visit or a log entry by its day.
    for (const row of rows) {
      if (row.kind === 'placement' && row.day) names[row.id] = `${row.name}'s referral of ${formatUkDate(row.day)}`;
      else if (row.kind === 'event') names[row.id] = row.day ? `the visit of ${formatUkDate(row.day)}` : 'the visit';
      else if (row.kind === 'log') names[row.id] = row.day ? `the entry of ${formatUkDate(row.day)} ${row.name}` : 'the entry';
      else names[row.id] = row.name;
    }
  }
  return names;
}
