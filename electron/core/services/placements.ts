import { newId } from '../ids';
import type { ParsedInput } from '../../../shared/api/contract';
import { keyStageProblem, PLACEMENT_STATUS_LABELS, type Placement, type PlacementStep } from '../../../shared/domain/placements';
import { academicYearOf, keyStageFor, yearGroupLabel } from '../../../shared/domain/pupils';
import type { Updateable } from 'kysely';
import type { Db } from '../db/dialect';
import type { DbPlacement } from '../db/schema';
import { UserError } from '../errors';
import { findBase } from '../repositories/bases';
import { saveBefore } from '../repositories/keywork';
import { findOpenPlacementFor, insertPlacement, schoolExists, updatePlacement } from '../repositories/placements';
/** Who is making the change, and when: every step of a placement records both. */
import { checkArranging, loadPlacement, loadPupil, notInFuture, record, uk, yearGroupIn, type Recorder } from './placement-steps';

/** Where an open referral has got to, in words, for the refusal of a second one. */
function whereItIs(p: Placement): string {
  const at = p.baseName ? ` at ${p.baseName}` : '';
  switch (p.status) {
    case 'referred':
      return `referred on ${uk(p.referredOn)} by ${p.referringSchoolName}, awaiting the panel`;
    case 'deferred':
      return `deferred by the panel on ${uk(p.decidedOn ?? p.referredOn)}`;
    case 'accepted':
      return `accepted${at} on ${uk(p.decidedOn ?? p.referredOn)}, waiting for a start date`;
    case 'start-agreed':
      return `starting${at} on ${uk(p.startDate ?? '')}`;
    default:
      return `placed${at} since ${uk(p.startDate ?? '')}`;
  }
}

export async function referPupil(db: Db, input: ParsedInput<'placements.refer'>, by: Recorder): Promise<Placement> {
  notInFuture(input.referredOn, by.today, 'The date the referral was received', 'referredOn');
  return db.transaction().execute(async (tx) => {
    const pupil = await loadPupil(tx, input.pupilId);
    if (!(await schoolExists(tx, input.referringSchoolId))) {
      throw new UserError('NOT_FOUND', 'That school is not one Key Desk knows. Add it to the list of schools first.', 'referringSchoolId');
    }
    const open = await findOpenPlacementFor(tx, pupil.id, by.today);
    if (open) {
      throw new UserError(
        'CONFLICT',
        `${pupil.name} already has a referral in progress (${whereItIs(open)}). End or close that one before recording a new referral.`,
        'pupilId',
      );
    }
    const id = newId();
    await insertPlacement(tx, {
      id,
      pupil_id: pupil.id,
      referring_school_id: input.referringSchoolId,
      referred_on: input.referredOn,
      reason: input.reason,
      tried: input.tried ?? null,
      created_at: by.now,
      updated_at: by.now,
    });
    await record(tx, { id, pupilId: pupil.id }, 'referred', input.referredOn, null, by);
    const attendancePercent = input.attendanceBefore ?? null;
    const suspensions = input.suspensionsBefore ?? null;
    if (attendancePercent !== null || suspensions !== null) {
      await saveBefore(tx, { placementId: id, pupilId: pupil.id, attendancePercent, suspensions, recordedBy: by.userId, recordedAt: by.now });
    }
    return loadPlacement(tx, id, by.today);
  });
}

export async function decideReferral(db: Db, input: ParsedInput<'placements.decide'>, by: Recorder): Promise<Placement> {
  return db.transaction().execute(async (tx) => {
    const p = await loadPlacement(tx, input.id, by.today);
    if (p.status !== 'referred' && p.status !== 'deferred') {
      throw new UserError('CONFLICT', `The panel has already decided this referral (${PLACEMENT_STATUS_LABELS[p.status]}). Only a referral awaiting the panel or deferred can be decided.`, 'id');
    }
    if (input.decidedOn < p.referredOn) {
      throw new UserError('INVALID_INPUT', `The panel date is before the referral was received (${uk(p.referredOn)}).`, 'decidedOn');
    }
    if (p.status === 'deferred' && p.decidedOn && input.decidedOn < p.decidedOn) {
      throw new UserError('INVALID_INPUT', `The panel date is before the panel deferred it (${uk(p.decidedOn)}).`, 'decidedOn');
    }
    notInFuture(input.decidedOn, by.today, 'The panel date', 'decidedOn');
    let baseId: string | null = null;
    if (input.decision === 'accepted') {
      const base = input.baseId ? await findBase(tx, input.baseId, by.today) : undefined;
      if (!base) throw new UserError('NOT_FOUND', 'That base is not one Key Desk knows.', 'baseId');
      const pupil = await loadPupil(tx, p.pupilId, 'id');
      const yearGroup = yearGroupIn(pupil, academicYearOf(by.today));
      const problem = keyStageProblem(base.name, base.keyStages, keyStageFor(yearGroup), yearGroupLabel(yearGroup));
      if (problem) throw new UserError('INVALID_INPUT', `${problem} Choose another base.`, 'baseId');
      baseId = base.id;
    }
    await updatePlacement(tx, p.id, {
      decision: input.decision,
      decided_on: input.decidedOn,
      decision_notes: input.notes ?? null,
      base_id: baseId,
      updated_at: by.now,
    });
    await record(tx, p, input.decision, input.decidedOn, input.notes ?? null, by);
    return loadPlacement(tx, p.id, by.today);
  });
}

/** Each visit's input fields, columns and history steps. */
const VISIT = {
  key: {
    on: 'keyVisitOn',
    skipped: 'keyVisitSkipped',
    onColumn: 'key_visit_on',
    skippedColumn: 'key_visit_skipped',
    step: 'key-visit',
    skippedStep: 'key-visit-skipped',
    name: 'the visit to the Key',
    title: 'The visit to the Key',
  },
  home: {
    on: 'homeVisitOn',
    skipped: 'homeVisitSkipped',
    onColumn: 'home_visit_on',
    skippedColumn: 'home_visit_skipped',
    step: 'home-visit',
    skippedStep: 'home-visit-skipped',
    name: 'the home visit',
    title: 'The home visit',
  },
} as const;

export async function recordVisits(db: Db, input: ParsedInput<'placements.recordVisits'>, by: Recorder): Promise<Placement> {
  return db.transaction().execute(async (tx) => {
    const p = await loadPlacement(tx, input.id, by.today);
    checkArranging(p);
    const changes: Updateable<DbPlacement> = {};
    const events: Array<{ step: PlacementStep; on: string; notes: string | null }> = [];
    for (const names of [VISIT.key, VISIT.home]) {
      const givenOn = input[names.on];
      const givenSkipped = input[names.skipped];
      const on = givenOn !== undefined ? givenOn : p[names.on];
      const skipped = givenSkipped !== undefined ? givenSkipped : p[names.skipped];
      if (givenOn) {
        if (p.decidedOn && givenOn < p.decidedOn) {
          throw new UserError('INVALID_INPUT', `${names.title} is before the panel accepted the referral (${uk(p.decidedOn)}).`, names.on);
        }
        notInFuture(givenOn, by.today, `${names.title}`, names.on);
      }
      if (on && skipped) {
        throw new UserError(
          'INVALID_INPUT',
          `Give either the date of ${names.name} or why it was skipped, not both.`,
          givenSkipped !== undefined ? names.skipped : names.on,
        );
      }
      if (!on && !skipped && p.startDate) {
        throw new UserError('CONFLICT', `The start date is agreed, so ${names.name} must stay recorded: its date, or why it was skipped.`, names.on);
      }
      if (on !== p[names.on]) changes[names.onColumn] = on;
      if (skipped !== p[names.skipped]) changes[names.skippedColumn] = skipped;
      if (on && on !== p[names.on]) events.push({ step: names.step, on, notes: null });
      // A reason has no date of its own: it is recorded on the day it is entered.
      if (skipped && skipped !== p[names.skipped]) events.push({ step: names.skippedStep, on: by.today, notes: skipped });
    }
    if (Object.keys(changes).length === 0) return p;
    await updatePlacement(tx, p.id, { ...changes, updated_at: by.now });
    for (const event of events) await record(tx, p, event.step, event.on, event.notes, by);
    return loadPlacement(tx, p.id, by.today);
  });
}
