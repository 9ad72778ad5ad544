import type { ParsedInput } from '../../../shared/api/contract';
import { addDays, formatUkDate } from '../../../shared/domain/dates';
import type { Placement } from '../../../shared/domain/placements';
import type { Measure } from '../../../shared/domain/semh';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { newId } from '../ids';
import { findPlacement } from '../repositories/placements';
import { insertMeasure, listMeasures, updateMeasure, type StoredMeasure } from '../repositories/measures';
import type { PlanContext } from './plans';
import { requireVisiblePlacement } from './plans';
import { requireInScope } from '../scope';

const uk = formatUkDate;
/** A baseline may be taken in the four weeks before the placement starts (at the visits, say). */
export const BASELINE_DAYS_BEFORE = 28;

type MeasureInput = ParsedInput<'measures.add'>;

function checkTakenOn(input: Pick<MeasureInput, 'takenOn' | 'point'>, placement: Placement, today: string): void {
  if (!placement.startDate || placement.decision !== 'accepted') {
    throw new UserError('CONFLICT', 'Measures are recorded once the placement has an agreed start date.', 'placementId');
  }
  if (input.takenOn > today) throw new UserError('INVALID_INPUT', `The date it was completed cannot be in the future (today is ${uk(today)}).`, 'takenOn');
  const earliest = input.point === 'baseline' ? addDays(placement.startDate, -BASELINE_DAYS_BEFORE) : placement.startDate;
  if (input.takenOn < earliest) {
    const why =
      input.point === 'baseline'
        ? `A baseline can be taken up to four weeks before the placement starts (${uk(placement.startDate)}), so from ${uk(earliest)}.`
        : `It cannot be before the placement started (${uk(placement.startDate)}). A measure taken before then is a baseline.`;
    throw new UserError('INVALID_INPUT', why, 'takenOn');
  }
}

function stored(input: MeasureInput, id: string, placement: Placement, ctx: PlanContext): StoredMeasure {
  return {
    id,
    pupilId: placement.pupilId,
    placementId: placement.id,
    kind: input.kind,
    point: input.point,
    takenOn: input.takenOn,
    scores: input.scores,
    completedBy: input.completedBy ?? null,
    recordedBy: ctx.userId,
    recordedAt: ctx.now,
  };
}

export async function addMeasure(db: Db, input: MeasureInput, ctx: PlanContext): Promise<Measure> {
  return db.transaction().execute(async (tx) => {
    const placement = await requireVisiblePlacement(tx, ctx.scope, input.placementId, ctx.today);
    checkTakenOn(input, placement, ctx.today);
    const id = newId();
    await insertMeasure(tx, stored(input, id, placement, ctx));
    return (await listMeasures(tx, { id }))[0]!;
  });
}

/** Corrects a measure entered wrongly (another date, kind or scores); the audit trail keeps the old values. */
export async function correctMeasure(db: Db, input: ParsedInput<'measures.correct'>, ctx: PlanContext): Promise<Measure> {
  return db.transaction().execute(async (tx) => {
    const [found] = await listMeasures(tx, { id: input.id });
    const owner = found ? await findPlacement(tx, found.placementId, ctx.today) : undefined;
    const existing = requireInScope(ctx.scope, found && owner ? { ...found, baseId: owner.baseId } : undefined, 'id', 'That measure is not one Key Desk knows.');
    const placement = await requireVisiblePlacement(tx, ctx.scope, input.placementId, ctx.today);
    if (placement.pupilId !== existing.pupilId) throw new UserError('INVALID_INPUT', 'A measure stays with the pupil it was recorded for: choose one of their placements.', 'placementId');
    checkTakenOn(input, placement, ctx.today);
    await updateMeasure(tx, stored(input, existing.id, placement, ctx));
    return (await listMeasures(tx, { id: existing.id }))[0]!;
  });
}
