import { z } from 'zod';

/** Dates are ISO `YYYY-MM-DD` text everywhere but on screen, where staff read dd/mm/yyyy. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The UTC midnight of a calendar day. `Date.UTC` and `new Date(y, m, d)` read years 0–99 as
 * 1900–1999; setting the full year afterwards does not, so 0050-01-01 stays in the year 50.
 */
function utcDay(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

/** A UTC day as ISO text, years 0000–9999 only (beyond them ISO text is not `YYYY-MM-DD`). */
function isoText(date: Date): string {
  const y = date.getUTCFullYear();
  if (!(y >= 0 && y <= 9999)) throw new RangeError(`A date in the year ${y} cannot be written as YYYY-MM-DD.`);
  return `${String(y).padStart(4, '0')}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** Whether the text is a day that exists, written `YYYY-MM-DD` (any year 0000–9999, read as written). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = utcDay(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The days Key Desk takes: every date it holds (births, referrals, terms, audit filters) falls well
 * inside these, and anything outside is a typing slip (9999 for 2099, 0025 for 2025).
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2100-12-31';

export const isDateInRange = (iso: string): boolean => iso >= EARLIEST_DATE && iso <= LATEST_DATE;

const sentence = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}`;

/**
 * A date field in the API: a real day, as ISO text, between 1900 and 2100, with messages that name
 * the field (`label` as it reads in a sentence: "the end date"). Staff see and type dd/mm/yyyy.
 */
export const isoDateSchema = (label: string, missing = `Enter ${label} as dd/mm/yyyy.`) =>
  z
    .string({ error: missing })
    .refine(isIsoDate, { error: `Enter ${label} as dd/mm/yyyy.`, abort: true })
    .refine(isDateInRange, `${sentence(label)} must be between ${formatUkDate(EARLIEST_DATE)} and ${formatUkDate(LATEST_DATE)}.`);

export function formatUkDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}`;
}

/** The local calendar date (what the classroom clock says), as ISO text. */
export function localIsoDate(now: Date): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function addDays(iso: string, days: number): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`Not an ISO date: ${iso}`);
  return isoText(utcDay(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
}

/** The Key's clocks: times are stored in UTC and shown, and days counted, as they are in England. */
export const UK_TIME_ZONE = 'Europe/London';

const ukClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall clock in England at an instant. */
function ukWallClock(at: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = ukClock.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

const two = (n: number) => String(n).padStart(2, '0');

/** A stored UTC timestamp as staff read it: dd/mm/yyyy HH:mm (24-hour), England's time (GMT or BST). */
export function formatUkDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const c = ukWallClock(at);
  return `${two(c.day)}/${two(c.month)}/${String(c.year).padStart(4, '0')} ${two(c.hour)}:${two(c.minute)}`;
}

/** The UTC instant at which a day begins in England (23:00 UTC the day before while BST is on). */
export function ukDayStart(isoDate: string): string {
  const m = ISO_DATE.exec(isoDate);
  if (!m) throw new Error(`Not an ISO date: ${isoDate}`);
  const midnightUtc = utcDay(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  const offsetAt = (instant: number) => {
    const c = ukWallClock(new Date(instant));
    return utcDay(c.year, c.month - 1, c.day).getTime() + ((c.hour * 60 + c.minute) * 60 + c.second) * 1000 - instant;
  };
  // England's offset at UTC midnight, then at the instant that guess gives: clocks change at 01:00 UTC.
  const guess = midnightUtc - offsetAt(midnightUtc);
  return new Date(midnightUtc - offsetAt(guess)).toISOString();
}
