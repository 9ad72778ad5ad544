import { newId } from '../ids';
import type { ParsedInput } from '../../../shared/api/contract';
import type { PlacementFollowUp } from '../../../shared/api/specs/keywork';
import { formatUkDate } from '../../../shared/domain/dates';
import { followUpSchedule, followUpSummary } from '../../../shared/domain/follow-ups';
import type { FollowUpFindings, KeyworkSettings, PlacementKeyworker, Professional } from '../../../shared/domain/keywork';
import type { Placement } from '../../../shared/domain/placements';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import {
  findBefore,
  findProfessional,
  getKeyworkSettings,
  insertAssignment,
  insertFindings,
  insertProfessional,
  isLinked,
  linkProfessional,
  listAssignments,
  listFollowUpVisits,
  listProfessionals,
  saveBefore,
  saveKeyworkSettings,
  staffAtBase,
  unlinkProfessional,
  updateProfessional,
} from '../repositories/keywork';
import { findPlacement, listPupilPlacements } from '../repositories/placements';
import { listPlacementHeads } from '../repositories/pupils';
import type { KeyworkContext } from './keywork-log';
import { requireVisiblePupil } from './pupils';
import { requireInScope, type PupilScope } from '../scope';

const uk = formatUkDate;

async function requirePlacement(db: Db, scope: PupilScope, id: string, today: string, field = 'placementId'): Promise<Placement> {
  return requireInScope(scope, await findPlacement(db, id, today), field, 'That placement is not one Key Desk knows.');
}

// ---- Keyworkers ----

async function keyworkerOf(db: Db, placements: readonly Placement[]): Promise<PlacementKeyworker[]> {
  const withBase = placements.filter((p) => p.baseId && p.decision === 'accepted');
  const assignments = await listAssignments(db, withBase.map((p) => p.id));
  const out: PlacementKeyworker[] = [];
  for (const p of withBase) {
    const history = assignments.get(p.id) ?? [];
    out.push({ placementId: p.id, baseName: p.baseName, current: history[0] ?? null, history, candidates: await staffAtBase(db, p.baseId!) });
  }
  return out;
}

/** The keyworker of each of the pupil's accepted placements (newest first), with their history. */
export async function pupilKeyworkers(db: Db, pupilId: string, ctx: KeyworkContext): Promise<PlacementKeyworker[]> {
  await requireVisiblePupil(db, ctx.scope, pupilId, ctx.today, 'pupilId');
  return keyworkerOf(db, await listPupilPlacements(db, pupilId, ctx.today));
}

/** Chooses or changes a placement's keyworker: a member of staff at its base. The earlier ones stay in the history. */
export async function assignKeyworker(db: Db, input: ParsedInput<'keyworkers.assign'>, ctx: KeyworkContext): Promise<PlacementKeyworker> {
  return db.transaction().execute(async (tx) => {
    const p = await requirePlacement(tx, ctx.scope, input.placementId, ctx.today);
    if (p.decision !== 'accepted' || !p.baseId) throw new UserError('CONFLICT', 'A keyworker is chosen once the panel has accepted the referral at a base.', 'placementId');
    const candidates = await staffAtBase(tx, p.baseId);
    if (!candidates.some((c) => c.id === input.staffId)) {
      throw new UserError('INVALID_INPUT', `The keyworker must be a member of staff at ${p.baseName ?? 'the base'}. Add the base to their account under Staff first.`, 'staffId');
    }
    const [current] = (await listAssignments(tx, [p.id])).get(p.id) ?? [];
    if (current?.staffId === input.staffId) throw new UserError('CONFLICT', `${current.staffName} is already the keyworker.`, 'staffId');
    if (input.fromDate > ctx.today) throw new UserError('INVALID_INPUT', 'The date they start as keyworker cannot be in the future.', 'fromDate');
    if (current && input.fromDate < current.fromDate) {
      throw new UserError('INVALID_INPUT', `The date is before ${current.staffName} became keyworker (${uk(current.fromDate)}).`, 'fromDate');
    }
    await insertAssignment(tx, {
      placementId: p.id,
      pupilId: p.pupilId,
      staffId: input.staffId,
      fromDate: input.fromDate,
      reason: input.reason ?? null,
      assignedBy: ctx.userId,
      assignedAt: ctx.now,
    });
    return (await keyworkerOf(tx, [p]))[0]!;
  });
}

// ---- Professionals ----

/** The pupils a person may see, or null for every pupil (so link counts never reveal another base's pupils). */
async function visiblePupils(db: Db, scope: PupilScope): Promise<Set<string> | null> {
  if (scope.all) return null;
  return new Set((await listPlacementHeads(db, scope)).map((h) => h.pupilId));
}

export async function professionalsList(db: Db, scope: PupilScope): Promise<Professional[]> {
  return listProfessionals(db, await visiblePupils(db, scope));
}

export async function saveProfessional(db: Db, input: ParsedInput<'professionals.save'>, scope: PupilScope, now: string): Promise<Professional> {
  const fields = { name: input.name, role: input.role, organisation: input.organisation ?? null, phone: input.phone ?? null, email: input.email ?? null };
  let id = input.id;
  if (id) {
    if (!(await findProfessional(db, id))) throw new UserError('NOT_FOUND', 'That professional is not one Key Desk knows.', 'id');
    await updateProfessional(db, { id, ...fields }, now);
  } else {
    id = newId();
    await insertProfessional(db, { id, ...fields }, now);
  }
  return (await listProfessionals(db, await visiblePupils(db, scope))).find((p) => p.id === id)!;
}

export async function pupilProfessionals(db: Db, pupilId: string, ctx: KeyworkContext): Promise<Professional[]> {
  await requireVisiblePupil(db, ctx.scope, pupilId, ctx.today, 'pupilId');
  return listProfessionals(db, await visiblePupils(db, ctx.scope), pupilId);
}

export async function changeLink(db: Db, input: ParsedInput<'professionals.link'>, link: boolean, ctx: KeyworkContext): Promise<Professional[]> {
  await requireVisiblePupil(db, ctx.scope, input.pupilId, ctx.today, 'pupilId');
  if (!(await findProfessional(db, input.professionalId))) throw new UserError('NOT_FOUND', 'That professional is not one Key Desk knows.', 'professionalId');
  const linked = await isLinked(db, input.pupilId, input.professionalId);
  if (link && !linked) await linkProfessional(db, input.pupilId, input.professionalId, ctx.now);
  if (!link && linked) await unlinkProfessional(db, input.pupilId, input.professionalId);
  return pupilProfessionals(db, input.pupilId, ctx);
}

// ---- Follow-up after the return, and the term before ----

export async function placementFollowUp(db: Db, placementId: string, ctx: KeyworkContext): Promise<PlacementFollowUp> {
  const p = await requirePlacement(db, ctx.scope, placementId, ctx.today);
  const settings = await getKeyworkSettings(db);
  const visits = await listFollowUpVisits(db, p.id);
  const followsUp = p.endDate !== null && p.startDate !== null;
  const slots = followsUp ? followUpSchedule(p.endDate!, settings.followUpWeeks, visits, ctx.today) : [];
  return {
    placementId: p.id,
    endDate: p.endDate,
    weeks: settings.followUpWeeks,
    slots,
    visits,
    before: await findBefore(db, p.id),
    summary: followsUp ? followUpSummary(slots) : null,
  };
}

export async function saveBeforeFigures(db: Db, input: ParsedInput<'followUps.saveBefore'>, ctx: KeyworkContext): Promise<PlacementFollowUp> {
  const p = await requirePlacement(db, ctx.scope, input.placementId, ctx.today);
  await saveBefore(db, {
    placementId: p.id,
    pupilId: p.pupilId,
    attendancePercent: input.attendancePercent ?? null,
    suspensions: input.suspensions ?? null,
    recordedBy: ctx.userId,
    recordedAt: ctx.now,
  });
  return placementFollowUp(db, p.id, ctx);
}

/** Called inside the placement's own transaction when a follow-up visit is recorded. */
export async function recordFindings(tx: Db, f: FollowUpFindings & { eventId: string; placementId: string; pupilId: string }): Promise<void> {
  if (f.attendancePercent === null && f.suspensions === null && f.going === null && f.actionsAgreed === null) return;
  await insertFindings(tx, f);
}

export const keyworkSettings = (db: Db): Promise<KeyworkSettings> => getKeyworkSettings(db);

export async function changeKeyworkSettings(db: Db, input: ParsedInput<'followUps.saveSettings'>): Promise<KeyworkSettings> {
  await saveKeyworkSettings(db, input);
  return getKeyworkSettings(db);
}
