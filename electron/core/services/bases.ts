import type { ParsedInput } from '../../../shared/api/contract';
import { placesProblem, type Base } from '../../../shared/domain/bases';
import { formatUkDate } from '../../../shared/domain/dates';
import { firstFullDay } from '../../../shared/domain/placements';
import { count } from '../../../shared/domain/words';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { findBase, findBaseByName, updateBase } from '../repositories/bases';
import { listOccupancies } from '../repositories/placements';
import { loadCalendar } from './calendar';

/** Renames a base or changes its places or key stages, never below the pupils placed there today. */
export async function changeBase(db: Db, input: ParsedInput<'bases.update'>, today: string, now: string): Promise<Base> {
  const { id, ...changes } = input;
  return db.transaction().execute(async (tx) => {
  const base = await findBase(tx, id, today);
  if (!base) throw new UserError('NOT_FOUND', 'That base is not one Key Desk knows. It may have been removed.', 'id');
  if (changes.places !== undefined) {
    const problem = placesProblem(changes.places, base.placed);
    if (problem) throw new UserError('CONFLICT', problem, 'places');
    // Starts already agreed count too: no school day ahead may have more pupils than places.
    const occupancies = (await listOccupancies(tx, id)).filter((o) => o.end >= today);
    const lastEnd = occupancies.reduce((last, o) => (o.end > last ? o.end : last), today);
    const { isSchoolDay } = await loadCalendar(tx);
    const over = firstFullDay(occupancies, changes.places + 1, today, lastEnd, isSchoolDay);
    if (over) {
      throw new UserError(
        'CONFLICT',
        `More than ${count(changes.places, 'pupil')} will be placed here on ${formatUkDate(over)}, with the starts already agreed. Places cannot be fewer than that.`,
        'places',
      );
    }
  }
  if (changes.name !== undefined) {
    const clash = await findBaseByName(tx, changes.name);
    if (clash && clash.id !== id) throw new UserError('CONFLICT', `There is already a base called ${changes.name}.`, 'name');
  }
  await updateBase(tx, id, changes, now);
  const updated = await findBase(tx, id, today);
  if (!updated) throw new Error('Base vanished during update');
  return updated;
  });
}
