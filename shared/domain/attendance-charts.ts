/**
 * The numbers behind the attendance charts, as plain data: the screens draw them with recharts and the
 * PDF reports will draw the same numbers with their own primitives. Every series has its own marker
 * shape and dash pattern, so a chart reads without colour.
 */
import { PERSISTENT_ABSENCE_BELOW, type AttendanceFigures, type WeeklyAttendance } from './attendance';
import { formatUkDate } from './dates';

/** The y axis of every attendance % chart. */
export const PERCENT_DOMAIN: readonly [number, number] = [0, 100];
export const PERCENT_TICKS: readonly number[] = [0, 20, 40, 60, 80, 90, 100];

/** The line drawn across at the persistent-absence threshold. */
export const PERSISTENT_ABSENCE_LINE = {
  value: PERSISTENT_ABSENCE_BELOW,
  label: `Persistent absence: below ${PERSISTENT_ABSENCE_BELOW}%`,
} as const;

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star' | 'wye';

/** Shapes and dash patterns handed out in turn (the first series is solid with circles). */
export const MARKERS: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star', 'wye'];
export const DASHES: readonly string[] = ['', '6 3', '2 3', '8 3 2 3', '12 4', '4 4 1 4'];

export interface ChartSeries {
  key: string;
  name: string;
  /** One value per week, in the chart's week order; null where there were no possible sessions. */
  values: Array<number | null>;
  marker: MarkerShape;
  /** SVG stroke-dasharray; '' for a solid line. */
  dash: string;
  /** The base average is drawn thicker than each pupil. */
  emphasis: boolean;
}

export interface ChartTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

export interface WeeklyChart {
  /** Monday of each week, ISO. */
  weeks: string[];
  /** Axis labels: the Monday as dd/mm. */
  weekLabels: string[];
  series: ChartSeries[];
  domain: readonly [number, number];
  ticks: readonly number[];
  threshold: typeof PERSISTENT_ABSENCE_LINE;
  /** The same numbers, for the "Show as table" view. */
  table: ChartTable;
}

/** "16/11" for the axis. */
export const weekLabel = (weekStarting: string) => formatUkDate(weekStarting).slice(0, 5);

/** "w/c 16/11/2026" (week commencing) for tables and tooltips. */
export const weekCommencing = (weekStarting: string) => `w/c ${formatUkDate(weekStarting)}`;

/** An attendance % as shown: "87.5%", or an en dash where there were no possible sessions. */
export const percentText = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)}%`);

const attended = (f: AttendanceFigures) => f.present + f.approvedActivity;

/** A pupil's weekly attendance %: one series, and a table with the sessions behind each percentage. */
export function pupilWeeklyChart(weeks: readonly WeeklyAttendance[], name = 'Attendance'): WeeklyChart {
  return {
    weeks: weeks.map((w) => w.weekStarting),
    weekLabels: weeks.map((w) => weekLabel(w.weekStarting)),
    series: [{ key: 'pupil', name, values: weeks.map((w) => w.figures.attendancePercent), marker: MARKERS[0]!, dash: DASHES[0]!, emphasis: true }],
    domain: PERCENT_DOMAIN,
    ticks: PERCENT_TICKS,
    threshold: PERSISTENT_ABSENCE_LINE,
    table: {
      caption: 'Weekly attendance',
      columns: ['Week', 'Possible sessions', 'Attended', 'Attendance %', 'Below 90%'],
      rows: weeks.map((w) => [
        weekCommencing(w.weekStarting),
        String(w.figures.possible),
        String(attended(w.figures)),
        percentText(w.figures.attendancePercent),
        w.figures.persistentAbsence ? 'Yes' : 'No',
      ]),
    },
  };
}

export interface BaseWeeksInput {
  weeks: readonly WeeklyAttendance[];
  pupils: ReadonlyArray<{ pupilId: string; name: string; weeks: readonly WeeklyAttendance[] }>;
}

/**
 * A base's weeks across: the base average (every pupil's sessions pooled) and each pupil, aligned on
 * the base's weeks (a pupil with no sessions in a week has a gap there).
 */
export function baseWeeklyChart(data: BaseWeeksInput): WeeklyChart {
  const weeks = data.weeks.map((w) => w.weekStarting);
  const base: ChartSeries = {
    key: 'base',
    name: 'Base average',
    values: data.weeks.map((w) => w.figures.attendancePercent),
    marker: MARKERS[0]!,
    dash: DASHES[0]!,
    emphasis: true,
  };
  const pupils: ChartSeries[] = data.pupils.map((p, i) => {
    const byWeek = new Map(p.weeks.map((w) => [w.weekStarting, w.figures.attendancePercent]));
    return {
      key: `pupil-${p.pupilId}`,
      name: p.name,
      values: weeks.map((w) => byWeek.get(w) ?? null),
      marker: MARKERS[(i + 1) % MARKERS.length]!,
      dash: DASHES[(i + 1) % DASHES.length]!,
      emphasis: false,
    };
  });
  const series = [base, ...pupils];
  return {
    weeks,
    weekLabels: weeks.map(weekLabel),
    series,
    domain: PERCENT_DOMAIN,
    ticks: PERCENT_TICKS,
    threshold: PERSISTENT_ABSENCE_LINE,
    table: {
      caption: 'Attendance % by week',
      columns: ['Week', ...series.map((s) => s.name)],
      rows: weeks.map((w, i) => [weekCommencing(w), ...series.map((s) => percentText(s.values[i] ?? null))]),
    },
  };
}

/** Points for a chart library: one object per week, a field per series key (null leaves a gap). */
export function chartPoints(chart: WeeklyChart): Array<Record<string, string | number | null>> {
  return chart.weeks.map((week, i) => {
    const point: Record<string, string | number | null> = { week, label: chart.weekLabels[i]! };
    for (const s of chart.series) point[s.key] = s.values[i] ?? null;
    return point;
  });
}
