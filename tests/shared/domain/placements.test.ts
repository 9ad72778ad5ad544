import { describe, expect, it } from 'vitest';
import { planStageProblem } from '../../../shared/domain/placements';
import { yearGroupOn } from '../../../shared/domain/pupils';

const frederickBird = { name: 'Frederick Bird', keyStages: ['KS1'] as const };
const parkgate = { name: 'Parkgate', keyStages: ['KS1', 'KS2'] as const };
/** Born 10/03/2020: Year 2 in 2026/27, Year 3 from 1 September 2027. */
const year2 = (date: string) => yearGroupOn('2020-03-10', 0, date);

describe('the key-stage rule over a whole plan', () => {
  it('passes a plan wholly in a year group the base takes, up to the last day of August', () => {
    expect(planStageProblem(frederickBird, year2, ['2027-07-20', '2027-07-21', '2027-08-31'])).toBeNull();
  });

  it('finds the first school day in a later key stage, however late in the plan, and how much of the plan it covers', () => {
    const days = ['2027-07-20', '2027-07-21', '2027-09-02', '2027-09-03'];
    expect(planStageProblem(frederickBird, year2, days)).toEqual({
      from: '2027-09-02',
      onStart: false,
      message: "From 02/09/2027: Frederick Bird takes KS1 pupils only; this pupil would be in Year 3 (KS2). That is 2 of the plan's 4 school days, to 03/09/2027.",
    });
    // The last day alone is enough.
    expect(planStageProblem(frederickBird, year2, ['2027-07-21', '2027-09-01'])?.from).toBe('2027-09-01');
  });

  it('says when the start itself is wrong, which no reason can put right', () => {
    expect(planStageProblem(frederickBird, year2, ['2027-09-06', '2027-09-07'])).toEqual({
      from: '2027-09-06',
      onStart: true,
      message: 'On 06/09/2027: Frederick Bird takes KS1 pupils only; this pupil would be in Year 3 (KS2).',
    });
  });

  it('stops at Year 6: a plan running into Year 7 is past primary at any base', () => {
    const year6 = (date: string) => yearGroupOn('2016-03-10', 0, date);
    expect(planStageProblem(parkgate, year6, ['2027-07-21'])).toBeNull();
    expect(planStageProblem(parkgate, year6, ['2027-07-21', '2027-09-02'])?.message).toBe(
      "From 02/09/2027: Parkgate takes KS1 and KS2 pupils only; this pupil would be in Year 7, which is not primary. That is 1 of the plan's 2 school days, to 02/09/2027.",
    );
  });

  it('follows the year group taught in: a Year 3 pupil taught in Year 2 stays at a KS1 base until September', () => {
    const taughtBehind = (date: string) => yearGroupOn('2019-03-10', -1, date);
    expect(planStageProblem(frederickBird, taughtBehind, ['2027-07-21'])).toBeNull();
    expect(planStageProblem(frederickBird, taughtBehind, ['2027-07-21', '2027-09-02'])?.from).toBe('2027-09-02');
  });
});
