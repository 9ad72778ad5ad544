import { formatUkDate, isIsoDate, localIsoDate } from '../../shared/domain/dates';

/** Where a clock's start came from, named in messages: the option or the environment variable. */
export type ClockSource = '--today' | 'KEYDESK_TODAY';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_AND_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;
/** A date given on its own starts at the beginning of a school morning. */
const START_HOUR = 9;
const EARLIEST = '2000-01-01';
const LATEST = '2099-12-31';

/**
 * The instant a pretend clock starts at: a date (`2026-11-18`, from 09:00 on this PC's clock) or a
 * date and time (`2026-11-18T13:45`, on this PC's clock unless it ends in `Z` or an offset). Throws an
 * Error whose message names `source` and says what to give instead.
 */
export function parseClockStart(text: string, source: ClockSource): Date {
  const problem = (why: string) =>
    new Error(`${source} must be a date as yyyy-mm-dd, or a date and time such as 2026-11-18T13:45; "${text}" ${why}.`);
  const value = text.trim();
  const dateOnly = DATE_ONLY.exec(value);
  const withTime = DATE_AND_TIME.exec(value);
  const date = dateOnly ? value : withTime?.[1];
  if (!date) throw problem('is neither');
  if (date < EARLIEST || date > LATEST) throw problem(`is outside ${formatUkDate(EARLIEST)} to ${formatUkDate(LATEST)}`);
  if (!isIsoDate(date)) throw problem(`is not a date that exists (${formatUkDate(date)})`);
  let start: Date;
  if (dateOnly) {
    start = new Date(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]), START_HOUR);
  } else {
    const [hours, minutes, seconds = '0'] = [withTime![2]!, withTime![3]!, withTime![4]];
    if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) throw problem('has a time that does not exist');
    // Without Z or an offset, JavaScript reads a date and time on this PC's clock.
    start = new Date(value);
  }
  if (Number.isNaN(start.getTime())) throw problem('is neither');
  return start;
}

/** A clock that reads `start` now and moves on at the real rate, so saves, auto-lock and sign-in waits still work. */
export function clockFrom(start: Date, realNow: () => number = Date.now): () => Date {
  const startedAt = realNow();
  return () => new Date(start.getTime() + (realNow() - startedAt));
}

/**
 * Browser mode's clock: the PC's own, or one started from `--today` (which wins) or KEYDESK_TODAY.
 * For tests and demonstrations at a chosen date; `note` says so, for the terminal.
 */
export function chooseClock(option: string | undefined, environment: string | undefined): { clock?: () => Date; note?: string } {
  const [text, source] = option !== undefined ? [option, '--today' as const] : environment ? [environment, 'KEYDESK_TODAY' as const] : [];
  if (text === undefined || !source) return {};
  const start = parseClockStart(text, source);
  const time = start.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return {
    clock: clockFrom(start),
    note: `Key Desk runs as if it were ${formatUkDate(localIsoDate(start))} ${time} (${source}), not by this PC's clock.`,
  };
}
