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

function filtered(db: Db, filters: AuditFilters) {
  let query = db.selectFrom('audit_log');
  if (filters.staffId === KEY_DESK_ACTOR) query = query.where('staff_id', 'is', null);
  else if (filters.staffId) query = query.where('staff_id', '=', filters.staffId);
  if (filters.pupilId) query = query.where('pupil_id', '=', filters.pupilId);
  if (filters.from) query = query.where('at', '>=', ukDayStart(filters.from));
  // `to` is a whole day: everything before the start of the next one.
  if (filters.to) query = query.where('at', '<', ukDayStart(addDays(filters.to, 1)));
  return query;
}

/** An entry as stored: what it is about is named by the service (services/audit.ts). */
export type StoredAuditEntry = Omit<AuditEntry, 'recordName'>;

export async function listAudit(db: Db, filters: AuditFilters, limit: number, offset: number): Promise<{ entries: StoredAuditEntry[]; total: number }> {
  const rows = await filtered(db, filters).selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute();
  const count = await filtered(db, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    total: Number(count.n),
    entries: rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      staffId: row.staff_id,
      staffName: row.staff_name ?? 'Key Desk',
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      pupilId: row.pupil_id,
      before: row.before ? (JSON.parse(row.before) as Record<string, unknown>) : null,
      after: row.after ? (JSON.parse(row.after) as Record<string, unknown>) : null,
      detail: row.detail,
    })),
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
    const named = (table: 'staff' | 'bases' | 'schools' | 'contacts', kind: string) =>
      db.selectFrom(table).select(['id', sql<string>`${kind}`.as('kind'), 'name', sql<string | null>`NULL`.as('day')]).where('id', 'in', chunk);
    const rows = await db
      .selectFrom('pupils')
      .select(['id', sql<string>`'pupil'`.as('kind'), sql<string>`${PUPIL_NAME}`.as('name'), sql<string | null>`NULL`.as('day')])
      .where('id', 'in', chunk)
      .unionAll(named('staff', 'staff'))
      .unionAll(named('bases', 'base'))
      .unionAll(named('schools', 'school'))
      .unionAll(named('contacts', 'contact'))
      .unionAll(
        db
          .selectFrom('placements')
          .innerJoin('pupils', 'pupils.id', 'placements.pupil_id')
          .select(['placements.id as id', sql<string>`'placement'`.as('kind'), sql<string>`${PUPIL_NAME}`.as('name'), 'placements.referred_on as day'])
          .where('placements.id', 'in', chunk),
      )
      .execute();
    // A referral is known by its pupil and the day it came in.
    for (const row of rows) names[row.id] = row.kind === 'placement' && row.day ? `${row.name}'s referral of ${formatUkDate(row.day)}` : row.name;
  }
  return names;
}
