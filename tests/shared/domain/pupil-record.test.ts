import { describe, expect, it } from 'vitest';
import { dateOfBirthProblem } from '../../../shared/domain/pupil-record';

const TODAY = '2026-11-23'; // in 2026/27

describe('a date of birth must make a primary pupil this school year', () => {
  it('takes Reception (born 01/09/2021 – 31/08/2022) to Year 6 (born 01/09/2015 – 31/08/2016)', () => {
    for (const dob of ['2022-08-31', '2021-09-01', '2016-08-31', '2015-09-01']) expect(dateOfBirthProblem(dob, TODAY), dob).toBeNull();
  });

  it('refuses one day either side: not yet in Reception, or already in Year 7', () => {
    expect(dateOfBirthProblem('2022-09-01', TODAY)).toBe('That child does not start Reception until September 2027: the Key is for primary pupils.');
    expect(dateOfBirthProblem('2015-08-31', TODAY)).toMatch(/^That child would be in Year 7 this school year: the Key is for primary pupils \(Reception to Year 6\)\./);
  });

  it('refuses a date in the future', () => {
    expect(dateOfBirthProblem('2026-11-24', TODAY)).toBe('The date of birth is in the future.');
  });

  it('accepts a child taught in a primary year group outside their age group (the override is checked where it is stored)', () => {
    expect(dateOfBirthProblem('2015-08-31', TODAY, 6)).toBeNull();
    expect(dateOfBirthProblem('2015-08-31', TODAY, 7)).not.toBeNull();
  });
});
