import { describe, expect, it } from 'vitest';
import { cohortFigures } from '../../../shared/domain/plan-cohort';
import { cohortPlacement } from '../../helpers/plan-fixtures';

const placement = cohortPlacement;

// Made-up pupils.
const ada = placement(
  'Ada Brook',
  [
    { id: 'a1', ratings: [null, 1, 2], achieved: true },
    { id: 'a2', ratings: [null, 0], achieved: false },
    // Slipped, then recovered: the latest rating counts.
    { id: 'a3', ratings: [null, -1, 1], achieved: false },
  ],
  [20, 17, 14],
);
const ben = placement(
  'Ben Carr',
  [
    // Rated up, then back to no change: not improved.
    { id: 'b1', ratings: [null, 2, 0], achieved: false },
    { id: 'b2', ratings: [], achieved: false },
  ],
  [15, 16],
);
// One SDQ only: not counted in the SDQ figures.
const cal = placement('Cal Dunn', [], [12]);

describe('what a year’s plans achieved', () => {
  it('counts each pupil’s outcomes improved (latest rating above no change, or achieved) and achieved', () => {
    const { pupils } = cohortFigures([ada, ben, cal]);
    expect(pupils.map((p) => [p.pupilName, p.outcomes, p.improved, p.achieved])).toEqual([
      ['Ada Brook', 3, 2, 1],
      ['Ben Carr', 2, 0, 0],
      ['Cal Dunn', 0, 0, 0],
    ]);
  });

  it('compares the first teacher SDQ total with the latest, with their bands', () => {
    const [a, b, c] = cohortFigures([ada, ben, cal]).pupils;
    expect([a!.sdqBaseline, a!.sdqLatest, a!.bandBaseline!.label, a!.bandLatest!.label]).toEqual([20, 14, 'Very high', 'Slightly raised']);
    expect([b!.sdqBaseline, b!.sdqLatest, b!.bandBaseline!.label, b!.bandLatest!.label]).toEqual([15, 16, 'Slightly raised', 'High']);
    expect([c!.sdqBaseline, c!.sdqLatest, c!.bandBaseline!.label, c!.bandLatest]).toEqual([12, null, 'Slightly raised', null]);
  });

  it('totals the year: pupils moved to a lower band of those with two SDQs, and the average change with its sign', () => {
    expect(cohortFigures([ada, ben, cal]).totals).toEqual({
      pupils: 3,
      outcomes: 5,
      improved: 2,
      achieved: 1,
      withSdq: 2,
      movedToLowerBand: 1,
      // (−6 + 1) / 2
      averageTotalChange: -2.5,
    });
  });

  it('counts a move within a band as no move to a lower band', () => {
    expect(cohortFigures([placement('Dee Ellis', [], [19, 25])]).totals).toMatchObject({ withSdq: 1, movedToLowerBand: 0, averageTotalChange: 6 });
    expect(cohortFigures([placement('Dee Ellis', [], [18, 16])]).totals).toMatchObject({ movedToLowerBand: 0, averageTotalChange: -2 });
  });

  it('rounds the average change to one place, a fall the same as a rise', () => {
    const changes = (deltas: number[]) => deltas.map((d, i) => placement(`Pupil ${i}`, [], [20, 20 + d]));
    expect(cohortFigures(changes([1, 1, 1, 2])).totals.averageTotalChange).toBe(1.3);
    expect(cohortFigures(changes([-1, -1, -1, -2])).totals.averageTotalChange).toBe(-1.3);
    expect(cohortFigures(changes([-1, 1])).totals.averageTotalChange).toBe(0);
  });

  it('has no average change, and nothing to count, for an empty year', () => {
    expect(cohortFigures([cal]).totals).toMatchObject({ withSdq: 0, movedToLowerBand: 0, averageTotalChange: null });
    expect(cohortFigures([])).toEqual({
      pupils: [],
      totals: { pupils: 0, outcomes: 0, improved: 0, achieved: 0, withSdq: 0, movedToLowerBand: 0, averageTotalChange: null },
    });
  });
});
