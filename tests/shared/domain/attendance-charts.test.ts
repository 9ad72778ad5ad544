import { describe, expect, it } from 'vitest';
import { attendanceFigures, type RecordedSession, type WeeklyAttendance } from '../../../shared/domain/attendance';
import {
  baseWeeklyChart,
  chartPoints,
  DASHES,
  MARKERS,
  PERCENT_DOMAIN,
  PERSISTENT_ABSENCE_LINE,
  percentText,
  pupilWeeklyChart,
} from '../../../shared/domain/attendance-charts';

const s = (date: string, code: string | null, expected = true): RecordedSession => ({ date, session: 'AM', expected, code });
const week = (weekStarting: string, sessions: RecordedSession[]): WeeklyAttendance => ({ weekStarting, figures: attendanceFigures(sessions) });

// 16/11: 3 of 4 (one I) = 75.0 %; 23/11: 4 of 4 = 100.0 %, and a Y1 that is not a possible session.
const w16 = week('2026-11-16', [s('2026-11-16', '/'), s('2026-11-17', 'K'), s('2026-11-18', 'I'), s('2026-11-19', 'L')]);
const w23 = week('2026-11-23', [s('2026-11-23', '/'), s('2026-11-24', '/'), s('2026-11-25', 'V'), s('2026-11-26', '/'), s('2026-11-27', 'Y1')]);
// A week with only a home-school day: no possible sessions.
const w30 = week('2026-11-30', [s('2026-12-04', '/', false)]);

describe('a pupil’s weekly attendance chart', () => {
  it('has one value per week on a 0–100 scale with the 90% persistent-absence line', () => {
    const chart = pupilWeeklyChart([w16, w23, w30]);
    expect(chart.domain).toEqual([0, 100]);
    expect(PERCENT_DOMAIN).toEqual([0, 100]);
    expect(chart.threshold).toEqual({ value: 90, label: 'Persistent absence: below 90%' });
    expect(PERSISTENT_ABSENCE_LINE.value).toBe(90);
    expect(chart.weekLabels).toEqual(['16/11', '23/11', '30/11']);
    expect(chart.series).toHaveLength(1);
    expect(chart.series[0]!.values).toEqual([75, 100, null]);
  });

  it('gives the same numbers as a table, with the sessions behind each percentage', () => {
    const { table } = pupilWeeklyChart([w16, w23, w30]);
    expect(table.columns).toEqual(['Week', 'Possible sessions', 'Attended', 'Attendance %', 'Below 90%']);
    expect(table.rows).toEqual([
      ['w/c 16/11/2026', '4', '3', '75.0%', 'Yes'],
      ['w/c 23/11/2026', '4', '4', '100.0%', 'No'],
      ['w/c 30/11/2026', '0', '0', '–', 'No'],
    ]);
  });
});

describe('a base’s attendance by week', () => {
  const data = {
    weeks: [week('2026-11-16', [s('2026-11-16', '/'), s('2026-11-17', 'O')]), w23],
    pupils: [
      { pupilId: 'a', name: 'Ada Brook', weeks: [w16, w23] },
      // No sessions in the first week: a gap, not a zero.
      { pupilId: 'b', name: 'Ben Carr', weeks: [week('2026-11-23', [s('2026-11-23', 'O'), s('2026-11-24', '/')])] },
    ],
  };

  it('puts the base average first, then each pupil aligned on the base’s weeks', () => {
    const chart = baseWeeklyChart(data);
    expect(chart.weeks).toEqual(['2026-11-16', '2026-11-23']);
    expect(chart.series.map((x) => [x.name, x.values])).toEqual([
      ['Base average', [50, 100]],
      ['Ada Brook', [75, 100]],
      ['Ben Carr', [null, 50]],
    ]);
    expect(chart.series[0]!.emphasis).toBe(true);
    expect(chart.series.slice(1).every((x) => !x.emphasis)).toBe(true);
  });

  it('tells the series apart without colour: each has its own marker and dash pattern', () => {
    const chart = baseWeeklyChart({ ...data, pupils: Array.from({ length: 5 }, (_, i) => ({ pupilId: String(i), name: `Pupil ${i}`, weeks: [w16] })) });
    const styles = chart.series.map((x) => `${x.marker}|${x.dash}`);
    expect(new Set(styles).size).toBe(styles.length);
    expect(MARKERS.length).toBeGreaterThanOrEqual(6);
    expect(DASHES[0]).toBe('');
  });

  it('shows the same numbers in its table, weeks down and the base and pupils across', () => {
    const { table } = baseWeeklyChart(data);
    expect(table.columns).toEqual(['Week', 'Base average', 'Ada Brook', 'Ben Carr']);
    expect(table.rows).toEqual([
      ['w/c 16/11/2026', '50.0%', '75.0%', '–'],
      ['w/c 23/11/2026', '100.0%', '100.0%', '50.0%'],
    ]);
  });

  it('hands a chart library one point per week with a field per series', () => {
    const points = chartPoints(baseWeeklyChart(data));
    expect(points[0]).toEqual({ week: '2026-11-16', label: '16/11', base: 50, 'pupil-a': 75, 'pupil-b': null });
  });

  it('writes percentages to one decimal place, and a dash for none', () => {
    expect(percentText(87.5)).toBe('87.5%');
    expect(percentText(100)).toBe('100.0%');
    expect(percentText(null)).toBe('–');
  });
});
