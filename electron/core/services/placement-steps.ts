import { formatUkDate } from '../../../shared/domain/dates';
import { type Placement, type PlacementStep } from '../../../shared/domain/placements';
import { taughtYearGroup } from '../../../shared/domain/pupils';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import type { ServiceContext } from './context';
import { findPlacement, findPupilForPlacement, insertPlacementEvent, type PupilForPlacement } from '../repositories/placements';

/** What every step of a placement needs: loading it, recording the step, and the date rules. */

/** Who is making the change, and when: every step of a placement records both. */
export type Recorder = Pick<ServiceContext, 'userId' | 'today' | 'now'>;

export const uk = formatUkDate;

export async function loadPlacement(db: Db, id: string, today: string): Promise<Placement> {
  const placement = await findPlacement(db, id, today);
  if (!placement) throw new UserError('NOT_FOUND', 'That referral is not one Key Desk knows. It may have been removed.', 'id');
  return placement;
}

export async function loadPupil(db: Db, pupilId: string, field = 'pupilId'): Promise<PupilForPlacement> {
  const pupil = await findPupilForPlacement(db, pupilId);
  if (!pupil) throw new UserError('NOT_FOUND', 'That pupil is not one Key Desk knows.', field);
  return pupil;
}

export function yearGroupIn(pupil: PupilForPlacement, academicYear: number): number {
  return taughtYearGroup(pupil.dateOfBirth, pupil.yearGroupOffset, academicYear);
}

export async function record(tx: Db, placement: Pick<Placement, 'id' | 'pupilId'>, step: PlacementStep, on: string, notes: string | null, by: Recorder): Promise<string> {
  return insertPlacementEvent(tx, { placementId: placement.id, pupilId: placement.pupilId, step, on, notes: notes ?? null, recordedBy: by.userId, recordedAt: by.now });
}

export function notInFuture(date: string, today: string, what: string, field: string): void {
  if (date > today) throw new UserError('INVALID_INPUT', `${what} cannot be in the future. Record it on or after the day.`, field);
}

/** Open, accepted and not ended: the only placements whose visits and start can be arranged. */
export function checkArranging(p: Placement): void {
  if (p.decision !== 'accepted') {
    const why = p.decision === 'declined' ? 'the panel declined this referral' : 'the panel has not accepted this referral yet';
    throw new UserError('CONFLICT', `No placement before acceptance: ${why}.`, 'id');
  }
  if (p.endDate) throw new UserError('CONFLICT', `This placement ended on ${uk(p.endDate)}: it can no longer be changed.`, 'id');
}
