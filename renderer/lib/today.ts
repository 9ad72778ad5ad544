import { localIsoDate } from '../../shared/domain/dates';
import { useStatus } from './queries';

/**
 * Today as the core's clock has it (ISO), for every date a screen shows as today or starts a form
 * from: the core decides what is in the future, so the screen must agree with it, and a test or a
 * demonstration can run the whole app at a chosen date. The status comes with it and is fetched again
 * while the app is open, so the date moves on at midnight. Screens only show once the status has
 * arrived (see Root); until then, this PC's date.
 */
export function useToday(): string {
  return useStatus().data?.today ?? localIsoDate(new Date());
}

/** The day of the week of an ISO date, in UK English ("Wednesday"), whatever this PC's time zone. */
export function weekdayOf(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
}
