import { newId } from '../ids';
import {
  DEFAULT_KEYWORK_SETTINGS,
  type BeforeFigures,
  type FollowUpFindings,
  type FollowUpVisit,
  type Going,
  type KeyworkerAssignment,
  type KeyworkSettings,
  type Professional,
  type ProfessionalRole,
} from '../../../shared/domain/keywork';
import type { Db } from '../db/dialect';

// ---- Settings ----

export async function getKeyworkSettings(db: Db): Promise<KeyworkSettings> {
  const row = await db.selectFrom('keywork_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return DEFAULT_KEYWORK_SETTINGS;
  return {
    replyDaysCall: row.reply_days_call,
    replyDaysEmail: row.reply_days_email,
    schoolHolidaysCount: row.school_holidays_count === 1,
    followUpWeeks: JSON.parse(row.follow_up_weeks) as number[],
  };
}

export async function saveKeyworkSettings(db: Db, settings: KeyworkSettings): Promise<void> {
  await db
    .updateTable('keywork_settings')
    .set({
      reply_days_call: settings.replyDaysCall,
      reply_days_email: settings.replyDaysEmail,
      school_holidays_count: settings.schoolHolidaysCount ? 1 : 0,
      follow_up_weeks: JSON.stringify(settings.followUpWeeks),
    })
    .where('id', '=', 1)
    .execute();
}

/** Bank holidays the calendar holds (the provision may have added one-off ones). */
export async function listBankHolidays(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('closures').select('date').where('kind', '=', 'bank-holiday').execute();
  return rows.map((r) => r.date);
}

// ---- Keyworkers ----

export async function listAssignments(db: Db, placementIds: readonly string[]): Promise<Map<string, KeyworkerAssignment[]>> {
  const byPlacement = new Map<string, KeyworkerAssignment[]>();
  if (placementIds.length === 0) return byPlacement;
  const rows = await db
    .selectFrom('keyworker_assignments as k')
    .innerJoin('staff as s', 's.id', 'k.staff_id')
    .leftJoin('staff as by', 'by.id', 'k.assigned_by')
    .select(['k.placement_id', 'k.staff_id', 's.name as staff_name', 'k.from_date', 'k.change_reason', 'by.name as by_name', 'k.assigned_at'])
    .where('k.placement_id', 'in', placementIds)
    .orderBy('k.seq', 'desc')
    .execute();
  for (const r of rows) {
    const list = byPlacement.get(r.placement_id) ?? [];
    list.push({ staffId: r.staff_id, staffName: r.staff_name, fromDate: r.from_date, reason: r.change_reason, assignedBy: r.by_name ?? 'Key Desk', assignedAt: r.assigned_at });
    byPlacement.set(r.placement_id, list);
  }
  return byPlacement;
}

export async function insertAssignment(
  tx: Db,
  a: { placementId: string; pupilId: string; staffId: string; fromDate: string; reason: string | null; assignedBy: string | null; assignedAt: string },
): Promise<void> {
  const last = await tx
    .selectFrom('keyworker_assignments')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('placement_id', '=', a.placementId)
    .executeTakeFirst();
  await tx
    .insertInto('keyworker_assignments')
    .values({
      id: newId(),
      placement_id: a.placementId,
      pupil_id: a.pupilId,
      seq: Number(last?.seq ?? 0) + 1,
      staff_id: a.staffId,
      from_date: a.fromDate,
      change_reason: a.reason,
      assigned_by: a.assignedBy,
      assigned_at: a.assignedAt,
    })
    .execute();
}

/** Current staff who work at a base: who can be a keyworker there. */
export async function staffAtBase(db: Db, baseId: string): Promise<Array<{ id: string; name: string }>> {
  return db
    .selectFrom('staff')
    .innerJoin('staff_bases', 'staff_bases.staff_id', 'staff.id')
    .select(['staff.id', 'staff.name'])
    .where('staff_bases.base_id', '=', baseId)
    .where('staff.removed_at', 'is', null)
    .orderBy('staff.name')
    .execute();
}

/** The keyworker now of each pupil's latest placement with one, for "owed by the keyworker" defaults. */
export async function currentKeyworkerOf(db: Db, placementId: string): Promise<string | null> {
  const row = await db
    .selectFrom('keyworker_assignments')
    .select('staff_id')
    .where('placement_id', '=', placementId)
    .orderBy('seq', 'desc')
    .executeTakeFirst();
  return row?.staff_id ?? null;
}

// ---- Professionals ----

type ProfessionalRow = { id: string; name: string; role: string; organisation: string | null; phone: string | null; email: string | null };

const toProfessional = (r: ProfessionalRow, pupilCount: number): Professional => ({
  id: r.id,
  name: r.name,
  role: r.role as ProfessionalRole,
  organisation: r.organisation,
  phone: r.phone,
  email: r.email,
  pupilCount,
});

/** The directory, with how many of `visiblePupils` (null: every pupil) each is linked to. */
export async function listProfessionals(db: Db, visiblePupils: ReadonlySet<string> | null, onlyFor?: string): Promise<Professional[]> {
  let q = db.selectFrom('professionals').select(['id', 'name', 'role', 'organisation', 'phone', 'email']).orderBy('name');
  if (onlyFor) q = q.where('id', 'in', db.selectFrom('pupil_professionals').select('professional_id').where('pupil_id', '=', onlyFor));
  const rows = await q.execute();
  const links = await db.selectFrom('pupil_professionals').select(['pupil_id', 'professional_id']).execute();
  const counts = new Map<string, number>();
  for (const l of links) if (!visiblePupils || visiblePupils.has(l.pupil_id)) counts.set(l.professional_id, (counts.get(l.professional_id) ?? 0) + 1);
  return rows.map((r) => toProfessional(r, counts.get(r.id) ?? 0));
}

export async function findProfessional(db: Db, id: string): Promise<ProfessionalRow | undefined> {
  return db.selectFrom('professionals').select(['id', 'name', 'role', 'organisation', 'phone', 'email']).where('id', '=', id).executeTakeFirst();
}

export async function insertProfessional(db: Db, p: Omit<ProfessionalRow, 'id'> & { id: string }, now: string): Promise<void> {
  await db.insertInto('professionals').values({ ...p, created_at: now, updated_at: now }).execute();
}

export async function updateProfessional(db: Db, p: ProfessionalRow, now: string): Promise<void> {
  const { id, ...fields } = p;
  await db.updateTable('professionals').set({ ...fields, updated_at: now }).where('id', '=', id).execute();
}

export async function isLinked(db: Db, pupilId: string, professionalId: string): Promise<boolean> {
  return (
    (await db.selectFrom('pupil_professionals').select('pupil_id').where('pupil_id', '=', pupilId).where('professional_id', '=', professionalId).executeTakeFirst()) !==
    undefined
  );
}

export async function linkProfessional(db: Db, pupilId: string, professionalId: string, now: string): Promise<void> {
  await db.insertInto('pupil_professionals').values({ pupil_id: pupilId, professional_id: professionalId, linked_at: now }).onConflict((oc) => oc.doNothing()).execute();
}

export async function unlinkProfessional(db: Db, pupilId: string, professionalId: string): Promise<void> {
  await db.deleteFrom('pupil_professionals').where('pupil_id', '=', pupilId).where('professional_id', '=', professionalId).execute();
}

// ---- Follow-up findings and the figures before ----

export async function insertFindings(tx: Db, f: FollowUpFindings & { eventId: string; placementId: string; pupilId: string }): Promise<void> {
  await tx
    .insertInto('follow_up_findings')
    .values({
      event_id: f.eventId,
      placement_id: f.placementId,
      pupil_id: f.pupilId,
      attendance_percent: f.attendancePercent,
      suspensions: f.suspensions,
      going: f.going,
      actions_agreed: f.actionsAgreed,
    })
    .execute();
}

/** Follow-up visits (placement steps) with what each found, oldest first. */
export async function listFollowUpVisits(db: Db, placementId: string): Promise<FollowUpVisit[]> {
  const rows = await db
    .selectFrom('placement_events as e')
    .leftJoin('follow_up_findings as f', 'f.event_id', 'e.id')
    .leftJoin('staff as s', 's.id', 'e.recorded_by')
    .select(['e.id', 'e.on_date', 'e.notes', 's.name as staff_name', 'f.attendance_percent', 'f.suspensions', 'f.going', 'f.actions_agreed'])
    .where('e.placement_id', '=', placementId)
    .where('e.step', '=', 'follow-up')
    .orderBy('e.on_date')
    .orderBy('e.recorded_at')
    .execute();
  return rows.map((r) => ({
    eventId: r.id,
    on: r.on_date,
    notes: r.notes,
    recordedBy: r.staff_name,
    attendancePercent: r.attendance_percent,
    suspensions: r.suspensions,
    going: r.going as Going | null,
    actionsAgreed: r.actions_agreed,
  }));
}

export async function findBefore(db: Db, placementId: string): Promise<BeforeFigures | null> {
  const row = await db
    .selectFrom('referral_before as b')
    .leftJoin('staff as s', 's.id', 'b.recorded_by')
    .select(['b.attendance_percent', 'b.suspensions', 's.name as staff_name', 'b.recorded_at'])
    .where('b.placement_id', '=', placementId)
    .executeTakeFirst();
  return row ? { attendancePercent: row.attendance_percent, suspensions: row.suspensions, recordedBy: row.staff_name, recordedAt: row.recorded_at } : null;
}

export async function saveBefore(
  tx: Db,
  b: { placementId: string; pupilId: string; attendancePercent: number | null; suspensions: number | null; recordedBy: string | null; recordedAt: string },
): Promise<void> {
  const values = { attendance_percent: b.attendancePercent, suspensions: b.suspensions, recorded_by: b.recordedBy, recorded_at: b.recordedAt };
  await tx
    .insertInto('referral_before')
    .values({ placement_id: b.placementId, pupil_id: b.pupilId, ...values })
    .onConflict((oc) => oc.column('placement_id').doUpdateSet(values))
    .execute();
}
