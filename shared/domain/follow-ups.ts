import { addDays, formatUkDate } from './dates';
import type { FollowUpVisit } from './keywork';

/** One visit of the schedule after a placement ends: when it is due and the visit that met it. */
export interface FollowUpSlot {
  weeks: number;
  dueOn: string;
  visit: FollowUpVisit | null;
  state: 'done' | 'overdue' | 'due-soon' | 'later';
}

/** A visit is "due soon" from a week before its date. */
const DUE_SOON_DAYS = 7;

/**
 * The follow-up schedule for a placement that ended on `endDate`: a slot for each number of weeks,
 * met by the visits in date order (the first visit meets the first slot, and so on). A visit made
 * early still meets its slot: what matters is that the school was followed up that many times.
 */
export function followUpSchedule(endDate: string, weeks: readonly number[], visits: readonly FollowUpVisit[], today: string): FollowUpSlot[] {
  const sorted = [...visits].sort((a, b) => a.on.localeCompare(b.on));
  return weeks.map((w, i) => {
    const dueOn = addDays(endDate, w * 7);
    const visit = sorted[i] ?? null;
    const state = visit ? 'done' : dueOn < today ? 'overdue' : dueOn <= addDays(today, DUE_SOON_DAYS) ? 'due-soon' : 'later';
    return { weeks: w, dueOn, visit, state };
  });
}

/** "2, 6 and 12" */
export function weeksList(weeks: readonly number[]): string {
  if (weeks.length <= 1) return weeks.join('');
  return `${weeks.slice(0, -1).join(', ')} and ${weeks.at(-1)}`;
}

/** The schedule in one line: "Followed up at 2 and 6 weeks; the 12-week visit is due 12/03/2027." */
export function followUpSummary(slots: readonly FollowUpSlot[]): string {
  const done = slots.filter((s) => s.state === 'done').map((s) => s.weeks);
  const next = slots.find((s) => s.state !== 'done');
  const parts: string[] = [];
  parts.push(done.length ? `Followed up at ${weeksList(done)} weeks` : 'Not followed up yet');
  if (next) parts.push(`the ${next.weeks}-week visit ${next.state === 'overdue' ? 'was due' : 'is due'} ${formatUkDate(next.dueOn)}${next.state === 'overdue' ? ' (overdue)' : ''}`);
  else parts.push('every visit in the schedule is done');
  return `${parts.join('; ')}.`;
}
