import { describe, expect, it } from 'vitest';
import { academicYearOf, keyStageFor, upnProblem, withCheckLetter, yearGroupFor, yearGroupLabel } from '../../../shared/domain/pupils';

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
