/** Year groups and key stages by England's rule, and UPN checking. Pure: the UI previews, the core enforces. */

export type PrimaryKeyStage = 'EYFS' | 'KS1' | 'KS2';

/** Reception is year group 0. */
export const RECEPTION = 0;

const parts = (iso: string) => ({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) });

/** The calendar year in which the academic year holding `date` began (it runs 1 September – 31 August). */
export function academicYearOf(date: string): number {
  const { year, month } = parts(date);
  return month >= 9 ? year : year - 1;
}

/**
 * The year group for a child born on `dateOfBirth` in the academic year starting September `academicYear`:
 * born January–August, academicYear − birth year − 4; born September–December, one less (Reception = 0).
 */
export function yearGroupFor(dateOfBirth: string, academicYear: number): number {
  const { year, month } = parts(dateOfBirth);
  return academicYear - year - (month >= 9 ? 5 : 4);
}

/** The year group a pupil is taught in during `academicYear`: by date of birth, moved by their offset (taught ahead or behind). */
export function taughtYearGroup(dateOfBirth: string, offset: number, academicYear: number): number {
  return yearGroupFor(dateOfBirth, academicYear) + offset;
}

/** The year group a pupil is in on `date` (see taughtYearGroup). */
export function yearGroupOn(dateOfBirth: string, offset: number, date: string): number {
  return taughtYearGroup(dateOfBirth, offset, academicYearOf(date));
}

/** Reception is EYFS, Years 1–2 KS1, Years 3–6 KS2; anything else is not primary (null). */
export function keyStageFor(yearGroup: number): PrimaryKeyStage | null {
  if (yearGroup === RECEPTION) return 'EYFS';
  if (yearGroup >= 1 && yearGroup <= 2) return 'KS1';
  if (yearGroup >= 3 && yearGroup <= 6) return 'KS2';
  return null;
}

export function yearGroupLabel(yearGroup: number): string {
  return yearGroup === RECEPTION ? 'Reception' : `Year ${yearGroup}`;
}

/** How far the year group a pupil is taught in may be from their year group by date of birth. */
export const MAX_YEAR_GROUP_OFFSET = 1;

/**
 * Why staff may not record a pupil as taught in `taughtIn` (null: by date of birth), or null when
 * they may: at most one year either side of the year group by date of birth on `today` (delayed
 * entry, or kept back or moved up a year), never a 2-year-old in Reception or a 13-year-old in Year 6.
 */
export function yearGroupOverrideProblem(dateOfBirth: string, taughtIn: number | null, today: string): string | null {
  if (taughtIn === null) return null;
  const academicYear = academicYearOf(today);
  const byAge = yearGroupFor(dateOfBirth, academicYear);
  if (Math.abs(taughtIn - byAge) <= MAX_YEAR_GROUP_OFFSET) return null;
  const child =
    byAge < RECEPTION
      ? `this child does not start Reception until September ${academicYear - byAge}`
      : `this child is in ${yearGroupLabel(byAge)} by date of birth${byAge > 6 ? ', not primary age' : ''}`;
  const allowed = [byAge - 1, byAge + 1].filter((y) => y >= RECEPTION && y <= 6).map(yearGroupLabel);
  const choose =
    allowed.length > 0
      ? ` Choose ${allowed.join(' or ')}, or leave it blank for the year group by date of birth.`
      : ' The Key is for primary pupils (Reception to Year 6).';
  return `Taught in year group can be at most one year either side of the year group by date of birth: ${child}.${choose}`;
}

// The DfE's check-letter alphabet: no I, O or S.
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * Why a Unique Pupil Number is not valid, or null when it is. 13 characters: a check letter, then 11
 * digits, then a digit (or, for a temporary UPN, a letter). The check letter is the weighted sum of
 * characters 2–13 (weights 2–13, a letter counting as its place in the alphabet above) modulo 23.
 */
export function upnProblem(upn: string): string | null {
  const text = upn.trim().toUpperCase();
  if (text.length !== 13) return 'A UPN has 13 characters: a letter, then 12 more.';
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(text)) return 'A UPN is a letter, 11 digits, then a digit or letter.';
  const last = text[12] as string;
  if (/[A-Z]/.test(last) && !UPN_LETTERS.includes(last)) return 'A UPN never ends in I, O or S.';
  let sum = 0;
  for (let i = 1; i < 13; i++) {
    const char = text[i] as string;
    const value = /\d/.test(char) ? Number(char) : UPN_LETTERS.indexOf(char);
    sum += value * (i + 1);
  }
  if (UPN_LETTERS[sum % 23] !== text[0]) return 'That UPN does not check out: look again at each character.';
  return null;
}

/** Builds a valid UPN from its 12 characters after the check letter (for fixtures and demo data). */
export function withCheckLetter(rest: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const char = rest[i] as string;
    sum += (/\d/.test(char) ? Number(char) : UPN_LETTERS.indexOf(char)) * (i + 2);
  }
  return `${UPN_LETTERS[sum % 23]}${rest}`;
}
