import { KEY_DESK_ACTOR, type AuditEntry, type AuditPerson } from '../../../shared/domain/audit';
import { addDays, ukDayStart } from '../../../shared/domain/dates';
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

export async function listAudit(db: Db, filters: AuditFilters, limit: number, offset: number): Promise<{ entries: AuditEntry[]; total: number }> {
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
