import { describe, expect, it } from 'vitest';
import { academicYearOf, keyStageFor, upnProblem, withCheckLetter, yearGroupFor, yearGroupLabel, yearGroupOverrideProblem } from '../../../shared/domain/pupils';

describe('year group by the England rule', () => {
  it('puts a 31 August birthday in the older year and a 1 September birthday in the younger', () => {
    // Academic year 2026/27: children born 1 Sep 2019 – 31 Aug 2020 are in Year 2.
    expect(yearGroupFor('2020-08-31', 2026)).toBe(2);
    expect(yearGroupFor('2019-09-01', 2026)).toBe(2);
    expect(yearGroupFor('2019-08-31', 2026)).toBe(3);
    expect(yearGroupFor('2020-09-01', 2026)).toBe(1);
  });

  it('makes Reception year group 0 and steps up each September', () => {
    expect(yearGroupFor('2021-11-30', 2026)).toBe(0);
    expect(yearGroupFor('2021-11-30', 2027)).toBe(1);
    expect(yearGroupLabel(0)).toBe('Reception');
    expect(yearGroupLabel(4)).toBe('Year 4');
  });

  it('knows which academic year a date is in: 1 September starts a new one', () => {
    expect(academicYearOf('2026-08-31')).toBe(2025);
    expect(academicYearOf('2026-09-01')).toBe(2026);
    expect(academicYearOf('2027-01-15')).toBe(2026);
  });

  it('maps year groups to key stages, and nothing outside primary', () => {
    expect([0, 1, 2, 3, 6].map(keyStageFor)).toEqual(['EYFS', 'KS1', 'KS1', 'KS2', 'KS2']);
    expect(keyStageFor(-1)).toBeNull();
    expect(keyStageFor(7)).toBeNull();
  });
});

describe('UPN check', () => {
  it('agrees with a published example: B801200005001 is valid, A801200005001 is not', () => {
    expect(upnProblem('B801200005001')).toBeNull();
    expect(upnProblem('A801200005001')).toMatch(/does not check out/);
  });

  it('accepts numbers whose check letter is right, in any case and with spaces trimmed', () => {
    const upn = withCheckLetter('938201512001');
    expect(upnProblem(upn)).toBeNull();
    expect(upnProblem(` ${upn.toLowerCase()} `)).toBeNull();
  });

  it('accepts a temporary UPN ending in a letter', () => {
    expect(upnProblem(withCheckLetter('93820151200A'))).toBeNull();
  });

  it('refuses a wrong check letter, a changed digit, the wrong length and letters in the middle', () => {
    const upn = withCheckLetter('938201512001');
    const other = upn[0] === 'A' ? 'B' : 'A';
    expect(upnProblem(`${other}${upn.slice(1)}`)).toMatch(/does not check out/);
    expect(upnProblem(`${upn.slice(0, 5)}${(Number(upn[5]) + 1) % 10}${upn.slice(6)}`)).toMatch(/does not check out/);
    expect(upnProblem(upn.slice(0, 12))).toMatch(/13 characters/);
    expect(upnProblem(`${upn.slice(0, 4)}X${upn.slice(5)}`)).toMatch(/11 digits/);
    expect(upnProblem(`${upn.slice(0, 12)}O`)).toMatch(/never ends in I, O or S/);
  });
});

describe('the year group a pupil is taught in', () => {
  const today = '2026-11-23';
  it('may be at most one year either side of the year group by date of birth', () => {
    // Born 10/03/2021: Year 1 in 2026/27.
    expect(yearGroupOverrideProblem('2021-03-10', null, today)).toBeNull();
    expect(yearGroupOverrideProblem('2021-03-10', 0, today)).toBeNull();
    expect(yearGroupOverrideProblem('2021-03-10', 2, today)).toBeNull();
    expect(yearGroupOverrideProblem('2021-03-10', 3, today)).toMatch(/^Taught in year group can be at most one year either side .*Choose Reception or Year 2,/);
  });

  it('turns on the 31 August / 1 September boundary, as the year group does', () => {
    // Born 31/08/2022: Reception now, so Year 1 is one year ahead. Born 01/09/2022: not yet in Reception, so Year 1 is two ahead.
    expect(yearGroupOverrideProblem('2022-08-31', 1, today)).toBeNull();
    expect(yearGroupOverrideProblem('2022-09-01', 1, today)).toMatch(/does not start Reception until September 2027\. Choose Reception,/);
    expect(yearGroupOverrideProblem('2022-09-01', 0, today)).toBeNull();
  });

  it('never puts a 2-year-old in Reception or a 13-year-old in Year 6', () => {
    expect(yearGroupOverrideProblem('2024-05-01', 0, today)).toMatch(/does not start Reception until September 2028\. The Key is for primary pupils/);
    expect(yearGroupOverrideProblem('2013-10-01', 6, today)).toMatch(/is in Year 8 by date of birth, not primary age\. The Key is for primary pupils/);
    // Year 7 by age, kept in Year 6: one year.
    expect(yearGroupOverrideProblem('2015-08-31', 6, today)).toBeNull();
  });
});
