import { sql } from 'kysely';
import type { LogContent, LogEntry, LogKind, LogVersion, WithWhom } from '../../../shared/domain/keywork';
import type { Db } from '../db/dialect';

const PUPIL_NAME = sql<string>`coalesce(pupils.preferred_name, pupils.legal_first_name) || ' ' || pupils.legal_last_name`;

/** What a new entry or a correction stores: what it says, with the professional and school by id only. */
export type StoredContent = Omit<LogContent, 'professionalName' | 'schoolName'>;

export interface LogQuery {
  pupilId?: string;
  ids?: readonly string[];
  /** Replies owed by this person. */
  ownerId?: string;
  /** Only entries needing a reply. */
  owed?: boolean;
}

interface ContentRow {
  on_date: string;
  at_time: string;
  contact_type: string;
  with_whom: string;
  with_name: string | null;
  professional_id: string | null;
  professional_name: string | null;
  school_id: string | null;
  school_name: string | null;
  summary: string;
}

function content(row: ContentRow): LogContent {
  return {
    onDate: row.on_date,
    atTime: row.at_time,
    kind: row.contact_type as LogKind,
    withWhom: row.with_whom as WithWhom,
    withName: row.with_name,
    professionalId: row.professional_id,
    professionalName: row.professional_name,
    schoolId: row.school_id,
    schoolName: row.school_name,
    summary: row.summary,
  };
}

/** Entries with every version, oldest contact first (by what each entry says now). */
export async function listLogEntries(db: Db, query: LogQuery): Promise<LogEntry[]> {
  let q = db
    .selectFrom('log_entries as e')
    .innerJoin('pupils', 'pupils.id', 'e.pupil_id')
    .leftJoin('professionals as pr', 'pr.id', 'e.professional_id')
    .leftJoin('schools as sc', 'sc.id', 'e.school_id')
    .leftJoin('staff as rec', 'rec.id', 'e.recorded_by')
    .leftJoin('staff as own', 'own.id', 'e.owner_id')
    .leftJoin('staff as dn', 'dn.id', 'e.done_by')
    .selectAll('e')
    .select([
      PUPIL_NAME.as('pupil_name'),
      'pr.name as professional_name',
      'sc.name as school_name',
      'rec.name as recorded_by_name',
      'own.name as owner_name',
      'dn.name as done_by_name',
    ]);
  if (query.pupilId) q = q.where('e.pupil_id', '=', query.pupilId);
  if (query.ids) q = q.where('e.id', 'in', query.ids.length ? query.ids : ['']);
  if (query.ownerId) q = q.where('e.owner_id', '=', query.ownerId);
  if (query.owed) q = q.where('e.needs_reply', '=', 1);
  const rows = await q.orderBy('e.on_date').orderBy('e.at_time').orderBy('e.recorded_at').execute();
  if (rows.length === 0) return [];
  const corrections = await db
    .selectFrom('log_corrections as c')
    .leftJoin('professionals as pr', 'pr.id', 'c.professional_id')
    .leftJoin('schools as sc', 'sc.id', 'c.school_id')
    .leftJoin('staff as s', 's.id', 'c.corrected_by')
    .selectAll('c')
    .select(['pr.name as professional_name', 'sc.name as school_name', 's.name as staff_name'])
    .where(
      'c.entry_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('c.entry_id')
    .orderBy('c.seq')
    .execute();
  const byEntry = new Map<string, LogVersion[]>();
  for (const c of corrections) {
    const list = byEntry.get(c.entry_id) ?? [];
    list.push({ ...content(c), reason: c.correction_reason, recordedBy: c.staff_name ?? 'Key Desk', recordedAt: c.corrected_at });
    byEntry.set(c.entry_id, list);
  }
  const entries = rows.map((r): LogEntry => {
    const original: LogVersion = { ...content(r), reason: null, recordedBy: r.recorded_by_name ?? 'Key Desk', recordedAt: r.recorded_at };
    const versions = [original, ...(byEntry.get(r.id) ?? [])];
    return {
      id: r.id,
      pupilId: r.pupil_id,
      pupilName: r.pupil_name,
      versions,
      current: versions.at(-1)!,
      needsReply: r.needs_reply === 1,
      dueOn: r.due_on,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      doneOn: r.done_on,
      doneBy: r.done_by_name,
    };
  });
  // A correction may move an entry's date: order by what the entries say now.
  return entries.sort((a, b) => `${a.current.onDate} ${a.current.atTime}`.localeCompare(`${b.current.onDate} ${b.current.atTime}`));
}

export async function findLogEntry(db: Db, id: string): Promise<LogEntry | undefined> {
  return (await listLogEntries(db, { ids: [id] }))[0];
}

export async function insertLogEntry(
  tx: Db,
  entry: StoredContent & { id: string; pupilId: string; needsReply: boolean; dueOn: string | null; ownerId: string | null; recordedBy: string; recordedAt: string },
): Promise<void> {
  await tx
    .insertInto('log_entries')
    .values({
      id: entry.id,
      pupil_id: entry.pupilId,
      on_date: entry.onDate,
      at_time: entry.atTime,
      contact_type: entry.kind,
      with_whom: entry.withWhom,
      with_name: entry.withName,
      professional_id: entry.professionalId,
      school_id: entry.schoolId,
      summary: entry.summary,
      needs_reply: entry.needsReply ? 1 : 0,
      due_on: entry.dueOn,
      owner_id: entry.ownerId,
      recorded_by: entry.recordedBy,
      recorded_at: entry.recordedAt,
    })
    .execute();
}

export async function insertLogCorrection(
  tx: Db,
  correction: StoredContent & { entryId: string; pupilId: string; reason: string; correctedBy: string; correctedAt: string },
): Promise<void> {
  const last = await tx
    .selectFrom('log_corrections')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('entry_id', '=', correction.entryId)
    .executeTakeFirst();
  await tx
    .insertInto('log_corrections')
    .values({
      entry_id: correction.entryId,
      seq: Number(last?.seq ?? 0) + 1,
      pupil_id: correction.pupilId,
      on_date: correction.onDate,
      at_time: correction.atTime,
      contact_type: correction.kind,
      with_whom: correction.withWhom,
      with_name: correction.withName,
      professional_id: correction.professionalId,
      school_id: correction.schoolId,
      summary: correction.summary,
      correction_reason: correction.reason,
      corrected_by: correction.correctedBy,
      corrected_at: correction.correctedAt,
    })
    .execute();
}

/** The reply columns are the only ones of an entry that ever change (its words are fixed by a trigger). */
export async function updateReply(tx: Db, id: string, changes: { dueOn?: string; doneOn?: string; doneBy?: string; doneAt?: string }): Promise<void> {
  await tx
    .updateTable('log_entries')
    .set({
      ...(changes.dueOn !== undefined ? { due_on: changes.dueOn } : {}),
      ...(changes.doneOn !== undefined ? { done_on: changes.doneOn, done_by: changes.doneBy ?? null, done_at: changes.doneAt ?? null } : {}),
    })
    .where('id', '=', id)
    .execute();
}
