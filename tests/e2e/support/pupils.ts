import type { Locator, Page } from 'playwright-core';
import type { BaseBoard } from '../../../shared/api/specs/placements';
import type { PupilPage } from '../../../shared/api/specs/pupils';
import type { Base } from '../../../shared/domain/bases';
import { schoolDayChecker, type SchoolYear, type Term } from '../../../shared/domain/calendar';
import { addDays, formatUkDate } from '../../../shared/domain/dates';
import type { Placement } from '../../../shared/domain/placements';
import type { Pupil, PupilSummary } from '../../../shared/domain/pupil-record';
import type { School } from '../../../shared/domain/schools';
import { academicYearOf } from '../../../shared/domain/pupils';
import { E2E_TODAY, type E2eDay } from './app';
import { appToday, callApi } from './index';

/** The date the tests run at (browser mode's clock starts there), unless a test starts the app at another: see appToday. */
export const todayIso = (): string => E2E_TODAY;

/**
 * What a call answers, for arranging data or reading facts to compare the screen with; a refusal
 * fails the test at once with the core's message.
 */
export async function fact<T>(page: Page, name: string, input?: unknown): Promise<T> {
  const result = await callApi(page, name, input);
  if (!result.ok) throw new Error(`${name} was refused: ${result.error?.code}: ${result.error?.message}`);
  return result.value as T;
}

/** A date of birth that puts a child in `yearGroup` this academic year: born in March, well clear of the 1 September boundary. */
export function dateOfBirthFor(yearGroup: number, today = todayIso()): string {
  return `${academicYearOf(today) - yearGroup - 4}-03-14`;
}

/** The school calendar as the core has it, every academic year on record. */
export interface SchoolCalendar {
  terms: Term[];
  isSchoolDay: (date: string) => boolean;
  /** The first school day on or after `date`. */
  firstSchoolDayFrom: (date: string) => string;
}

export async function schoolCalendar(page: Page): Promise<SchoolCalendar> {
  const years = await fact<number[]>(page, 'calendar.years');
  const terms: Term[] = [];
  const closures: SchoolYear['closures'] = [];
  for (const academicYear of years) {
    const year = await fact<SchoolYear>(page, 'calendar.get', { academicYear });
    terms.push(...year.terms);
    closures.push(...year.closures);
  }
  terms.sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  const isSchoolDay = schoolDayChecker(terms, closures);
  const firstSchoolDayFrom = (date: string) => {
    for (let day = date, i = 0; i < 400; day = addDays(day, 1), i++) if (isSchoolDay(day)) return day;
    throw new Error(`No school day on record within a year of ${date}`);
  };
  return { terms, isSchoolDay, firstSchoolDayFrom };
}

/**
 * Fails, saying why, unless the app's calendar still has `day` as the kind of day a test means it to
 * be (the shipped term pattern is editable data and may change): its checks are only worth something
 * on the day they claim to cover.
 */
export async function expectDayKind(page: Page, day: E2eDay): Promise<void> {
  expect(await appToday(page), "the app's clock").toBe(day.date);
  const calendar = await schoolCalendar(page);
  const weekday = new Date(`${day.date}T12:00:00Z`).getUTCDay();
  const term = calendar.terms.find((t) => t.startsOn <= day.date && day.date <= t.endsOn);
  const schoolDay = calendar.isSchoolDay(day.date);
  // The first school day of its half term (which may start with an INSET day).
  const startsHalfTerm = !!term && schoolDay && calendar.firstSchoolDayFrom(term.startsOn) === day.date;
  const is = { weekday: weekday >= 1 && weekday <= 5, inTerm: !!term, schoolDay, startsHalfTerm };
  const expected = {
    'term day': { weekday: true, inTerm: true, schoolDay: true, startsHalfTerm: false },
    holiday: { weekday: true, inTerm: false, schoolDay: false, startsHalfTerm: false },
    'first day of a half term': { weekday: true, inTerm: true, schoolDay: true, startsHalfTerm: true },
  }[day.kind];
  expect(is, `${formatUkDate(day.date)} as a ${day.kind} in the demo's calendar`).toEqual(expected);
}

export async function baseNamed(page: Page, name: string): Promise<BaseBoard> {
  const board = await fact<BaseBoard[]>(page, 'placements.board');
  const found = board.find((b) => b.base.name === name);
  if (!found) throw new Error(`No base called ${name} on the board`);
  return found;
}

/**
 * Arrangement for tests that agree starts at a base the demo leaves nearly full: at least `places`
 * places, so whether a start fits does not depend on how the demo filled it on the day the tests run.
 */
export async function givePlaces(page: Page, baseName: string, places: number): Promise<Base> {
  const { base } = await baseNamed(page, baseName);
  if (base.places >= places) return base;
  return fact<Base>(page, 'bases.update', { id: base.id, places });
}

export const pupilList = (page: Page) => fact<PupilSummary[]>(page, 'pupils.list');
export const pupilPage = (page: Page, id: string) => fact<PupilPage>(page, 'pupils.get', { id });

/** A new pupil added through the API (arrangement), in `yearGroup` by date of birth (by the app's clock), at the first demo school. */
export async function addPupil(page: Page, first: string, last: string, yearGroup: number): Promise<Pupil> {
  const [school] = await fact<School[]>(page, 'schools.list');
  return fact<Pupil>(page, 'pupils.create', {
    legalFirstName: first,
    legalLastName: last,
    dateOfBirth: dateOfBirthFor(yearGroup, await appToday(page)),
    homeSchoolId: school?.id ?? null,
  });
}

/** A referral received today (by the app's clock) from the pupil's home school (arrangement). */
export async function refer(page: Page, pupil: Pupil): Promise<Placement> {
  if (!pupil.homeSchoolId) throw new Error('The pupil needs a home school to be referred by');
  return fact<Placement>(page, 'placements.refer', {
    pupilId: pupil.id,
    referringSchoolId: pupil.homeSchoolId,
    referredOn: await appToday(page),
    reason: 'Repeated suspensions this term for dysregulated behaviour at lunchtimes.',
  });
}

/** The panel accepts a referral today at the named base, and both visits are done today (arrangement). */
export async function acceptWithVisits(page: Page, placement: Placement, baseName: string): Promise<Placement> {
  const { base } = await baseNamed(page, baseName);
  const today = await appToday(page);
  await fact<Placement>(page, 'placements.decide', { id: placement.id, decision: 'accepted', decidedOn: today, baseId: base.id });
  return fact<Placement>(page, 'placements.recordVisits', { id: placement.id, keyVisitOn: today, homeVisitOn: today });
}

/** Follows a link in the main navigation and waits for the page's heading. */
export async function goTo(page: Page, link: string, heading = link): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
}

/** Opens a list box (a Mantine Select) and picks an option, as a person clicks. */
export async function choose(page: Page, combobox: Locator, option: string): Promise<void> {
  await combobox.click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Types a date as staff do (dd/mm/yyyy) and leaves the field, which closes its calendar. */
export async function typeDate(field: Locator, iso: string): Promise<void> {
  await field.fill(formatUkDate(iso));
  await field.blur();
}

export type PupilTab = 'Details' | 'Placement and timetable' | 'Contacts' | 'History' | 'Attendance';

/** Finds a pupil by name with the list's search box, opens their page and (optionally) a tab. */
export async function openPupil(page: Page, name: string, tab?: PupilTab): Promise<void> {
  await goTo(page, 'Pupils');
  await page.getByRole('searchbox', { name: 'Search pupils' }).fill(name);
  await page.getByRole('table').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
  if (tab) await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
}

/**
 * A status badge on the pupil page reading exactly `status` (under the name, and beside the current
 * referral): badges rather than any text, since the lifecycle's step titles use the same words.
 */
export function headerStatus(page: Page, status: string): Locator {
  return page
    .getByRole('main')
    .locator('.mantine-Badge-root')
    .filter({ hasText: new RegExp(`^${status.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .first();
}
