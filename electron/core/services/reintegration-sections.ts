/** The reintegration report's sections that are worked out rather than read: timetable, follow-ups, measures. */
import type { ChartTable } from '../../../shared/domain/attendance-charts';
import { formatUkDate } from '../../../shared/domain/dates';
import type { FollowUpSlot } from '../../../shared/domain/follow-ups';
import type { Placement } from '../../../shared/domain/placements';
import { BOXALL_STRANDS, leuvenText, MEASURE_POINT_LABELS, type Measure } from '../../../shared/domain/semh';
import { homeDaysInWeek, homeWeekdays, type Timetable } from '../../../shared/domain/timetable';
import type { ReintegrationWeek } from '../reports/reintegration-data';

const uk = formatUkDate;

/** The plan week by week, consecutive weeks with the same days run together ("Weeks 1–8"). */
export function timetableWeeks(timetable: Timetable, placement: Pick<Placement, 'homeSchoolDay' | 'phases'>): ReintegrationWeek[] {
  const byWeek = new Map<number, string[]>();
  for (const d of timetable.days) byWeek.set(d.week, [...(byWeek.get(d.week) ?? []), d.date]);
  const rows: Array<ReintegrationWeek & { first: number; last: number; from: string; to: string }> = [];
  for (const [week, dates] of [...byWeek.entries()].sort((a, b) => a[0] - b[0])) {
    const home = homeWeekdays(placement.homeSchoolDay, homeDaysInWeek(placement.phases, week));
    const days = [1, 2, 3, 4, 5].map((d) => (home.has(d) ? 'Home school' : 'Key'));
    const from = dates[0]!;
    const to = dates.at(-1)!;
    const prev = rows.at(-1);
    if (prev && prev.last === week - 1 && prev.days.join() === days.join()) {
      prev.last = week;
      prev.to = to;
    } else {
      rows.push({ weeks: '', dates: '', days, first: week, last: week, from, to });
    }
  }
  return rows.map((r) => ({
    weeks: r.first === r.last ? `Week ${r.first}` : `Weeks ${r.first}–${r.last}`,
    dates: r.from === r.to ? uk(r.from) : `${uk(r.from)} – ${uk(r.to)}`,
    days: r.days,
  }));
}

const VISIT_STATE: Record<FollowUpSlot['state'], string> = { done: 'Visited', overdue: 'No visit recorded', 'due-soon': 'Due soon', later: 'Agreed' };

export function followUpTable(slots: readonly FollowUpSlot[]): ChartTable {
  return {
    caption: 'Follow-up visits to the home school',
    columns: ['Visit', 'Due on', 'Visited', 'Status'],
    rows: slots.map((s) => [`${s.weeks} weeks after the placement ends`, uk(s.dueOn), s.visit ? uk(s.visit.on) : '', VISIT_STATE[s.state]]),
  };
}

const byDate = (a: Measure, b: Measure) => a.takenOn.localeCompare(b.takenOn) || a.recordedAt.localeCompare(b.recordedAt);
/** The first and the newest of a kind (the newest only when there are two or more). */
function firstAndLast<K extends Measure['kind']>(measures: readonly Measure[], kind: K): Array<Extract<Measure, { kind: K }>> {
  const taken = measures.filter((m): m is Extract<Measure, { kind: K }> => m.kind === kind).sort(byDate);
  return taken.length > 1 ? [taken[0]!, taken.at(-1)!] : taken;
}

const takenLabel = (m: Measure) => `${MEASURE_POINT_LABELS[m.point]} ${uk(m.takenOn)}`;

/** Leuven wellbeing and involvement at baseline and the newest observation. */
export function leuvenTable(measures: readonly Measure[]): ChartTable | null {
  const taken = firstAndLast(measures, 'leuven');
  if (taken.length === 0) return null;
  return {
    caption: 'Leuven scales (1 to 5)',
    columns: ['Scale', ...taken.map(takenLabel)],
    rows: [
      ['Wellbeing', ...taken.map((m) => leuvenText(m.scores.wellbeing))],
      ['Involvement', ...taken.map((m) => leuvenText(m.scores.involvement))],
    ],
  };
}

/** Boxall Profile strand scores at baseline and the newest, strands scored in either; no bands. */
export function boxallTable(measures: readonly Measure[]): ChartTable | null {
  const taken = firstAndLast(measures, 'boxall');
  if (taken.length === 0) return null;
  const strands = BOXALL_STRANDS.filter((s) => taken.some((m) => m.scores[s.key] !== undefined));
  return {
    caption: 'Boxall Profile strand scores',
    columns: ['Strand', ...taken.map(takenLabel)],
    rows: strands.map((s) => [`${s.key} ${s.label}`, ...taken.map((m) => (m.scores[s.key] === undefined ? '–' : String(m.scores[s.key])))]),
  };
}
