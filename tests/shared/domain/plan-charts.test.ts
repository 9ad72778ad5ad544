import { describe, expect, it } from 'vitest';
import { cohortFigures } from '../../../shared/domain/plan-cohort';
import {
  averageChangeText,
  cohortSdqChart,
  cohortTable,
  cohortTotalsList,
  leuvenChart,
  leuvenPoints,
  outcomeRatingsChart,
  ratingPoints,
  sdqChart,
} from '../../../shared/domain/plan-charts';
import { cohortPlacement, makeMeasures, makePlan, PLACEMENT_ID } from '../../helpers/plan-fixtures';

const thisPlacement = () => makeMeasures().filter((m) => m.placementId === PLACEMENT_ID);

describe('each outcome’s rating across reviews', () => {
  it('has a point for each review that rated, labelled by its date, on the −2 … +2 scale in words', () => {
    const chart = outcomeRatingsChart(makePlan());
    // The start review sets the baseline and rates nothing.
    expect(chart.reviews.map((r) => r.label)).toEqual(['19/10/2026', '30/11/2026']);
    expect(chart.domain).toEqual([-2, 2]);
    expect(chart.ticks.map((t) => t.label)).toEqual(['-2 Much worse', '-1 A little worse', '0 No change', '+1 Some progress', '+2 Good progress']);
  });

  it('follows each outcome across versions by its id, with the newest words, its own marker and dash', () => {
    const chart = outcomeRatingsChart(makePlan());
    expect(chart.series.map((s) => [s.name, s.values, s.achievedAt])).toEqual([
      ['1. Stays in class for a whole lesson', [1, 2], 1],
      ['2. Asks an adult for help when upset', [0, -1], null],
      // Added in version 2: not rated at the first review.
      ['3. Plays a team game at break', [null, 1], null],
    ]);
    expect(new Set(chart.series.map((s) => s.marker)).size).toBe(3);
    expect(new Set(chart.series.map((s) => s.dash)).size).toBe(3);
    expect(ratingPoints(chart)).toEqual([
      { label: '19/10/2026', 'outcome-1': 1, 'outcome-2': 0, 'outcome-3': null },
      { label: '30/11/2026', 'outcome-1': 2, 'outcome-2': -1, 'outcome-3': 1 },
    ]);
  });

  it('gives the ratings as a table in words, rows per outcome, columns per review, with “Achieved” marked', () => {
    const { table } = outcomeRatingsChart(makePlan());
    expect(table.columns).toEqual(['Outcome', '19/10/2026', '30/11/2026']);
    expect(table.rows).toEqual([
      ['1. Stays in class for a whole lesson', '+1 Some progress', '+2 Good progress (Achieved)'],
      ['2. Asks an adult for help when upset', '0 No change', '-1 A little worse'],
      ['3. Plays a team game at break', '–', '+1 Some progress'],
    ]);
  });

  it('shortens a long outcome in the legend but keeps it whole in the table', () => {
    const plan = makePlan();
    const long = 'Talks through what happened with a trusted adult after an incident, using the feelings chart, before returning to class';
    plan.versions[1]!.content.outcomes[0]!.what = long;
    const chart = outcomeRatingsChart(plan);
    expect(chart.series[0]!.name).toHaveLength(48);
    expect(chart.series[0]!.name.endsWith('…')).toBe(true);
    expect(chart.table.rows[0]![0]).toBe(`1. ${long}`);
  });

  it('keeps two reviews on the same day apart', () => {
    const plan = makePlan();
    plan.reviews[2]!.heldOn = '2026-10-19';
    expect(outcomeRatingsChart(plan).table.columns).toEqual(['Outcome', '19/10/2026', '19/10/2026 (2)']);
  });

  it('is empty before any review has rated an outcome', () => {
    const plan = makePlan();
    plan.reviews = plan.reviews.slice(0, 1);
    expect(outcomeRatingsChart(plan)).toMatchObject({ reviews: [], series: [], table: { rows: [] } });
  });
});

describe('the SDQ at baseline and latest', () => {
  it('takes the earliest and the newest teacher SDQ, each scale with its band', () => {
    const chart = sdqChart(thisPlacement(), 'teacher')!;
    expect(chart.title).toBe('SDQ (teacher)');
    expect(chart.baseline.label).toBe('Baseline 08/09/2026');
    expect(chart.latest!.label).toBe('Latest 30/11/2026');
    expect(chart.scales.map((s) => [s.label, s.baseline, s.baselineBand.label, s.latest, s.latestBand!.label, s.max])).toEqual([
      ['Emotional symptoms', 6, 'Very high', 4, 'Slightly raised', 10],
      ['Conduct problems', 4, 'High', 2, 'Close to average', 10],
      ['Hyperactivity and inattention', 9, 'Very high', 8, 'High', 10],
      ['Peer relationship problems', 3, 'Slightly raised', 2, 'Close to average', 10],
      ['Prosocial behaviour', 3, 'Very low', 5, 'Slightly lowered', 10],
      // Computed: prosocial is not in the total.
      ['Total difficulties', 22, 'Very high', 16, 'High', 40],
    ]);
    expect(chart.scales[0]!.bands).toEqual([
      { label: 'Close to average', from: 0, to: 3 },
      { label: 'Slightly raised', from: 4, to: 4 },
      { label: 'High', from: 5, to: 5 },
      { label: 'Very high', from: 6, to: 10 },
    ]);
  });

  it('gives the scores, bands, change and band ranges as a table', () => {
    const { table } = sdqChart(thisPlacement(), 'teacher')!;
    expect(table.caption).toBe('SDQ (teacher): baseline and latest');
    expect(table.columns).toEqual(['Scale', 'Baseline 08/09/2026', 'Latest 30/11/2026', 'Change', 'Bands']);
    expect(table.rows[0]).toEqual(['Emotional symptoms', '6 Very high', '4 Slightly raised', '-2', 'Close to average 0–3; Slightly raised 4; High 5; Very high 6–10']);
    expect(table.rows[4]).toEqual(['Prosocial behaviour', '3 Very low', '5 Slightly lowered', '+2', 'Close to average 6–10; Slightly lowered 5; Low 4; Very low 0–3']);
    expect(table.rows[5]).toEqual(['Total difficulties', '22 Very high', '16 High', '-6', 'Close to average 0–11; Slightly raised 12–15; High 16–18; Very high 19–40']);
  });

  it('shows a single parent SDQ as the baseline alone, in the parent version’s three bands', () => {
    const chart = sdqChart(thisPlacement(), 'parent')!;
    expect(chart.latest).toBeNull();
    expect(chart.scales.every((s) => s.latest === null && s.latestBand === null)).toBe(true);
    expect(chart.table.columns).toEqual(['Scale', 'Baseline 10/09/2026', 'Bands']);
    expect(chart.table.rows.map((r) => r[1])).toEqual(['5 Abnormal', '3 Borderline', '7 Abnormal', '4 Abnormal', '6 Abnormal', '19 Abnormal']);
    expect(chart.table.rows[4]![2]).toBe('Normal 8–10; Borderline 7; Abnormal 0–6');
  });

  it('is null when no SDQ of that version has been recorded', () => {
    expect(sdqChart([], 'teacher')).toBeNull();
    expect(sdqChart(thisPlacement().filter((m) => m.kind !== 'sdq-parent'), 'parent')).toBeNull();
  });
});

describe('the Leuven scales over time', () => {
  it('has wellbeing and involvement at each date on a 1–5 scale in words', () => {
    const chart = leuvenChart(thisPlacement())!;
    expect(chart.labels).toEqual(['08/09/2026', '19/10/2026', '30/11/2026']);
    expect(chart.series.map((s) => [s.name, s.values])).toEqual([
      ['Wellbeing', [2, 3, 4]],
      ['Involvement', [2, 3, 3]],
    ]);
    expect(chart.series[0]!.dash).not.toBe(chart.series[1]!.dash);
    expect(chart.series[0]!.marker).not.toBe(chart.series[1]!.marker);
    // Every level, 1 included, is drawn inside the axes, never on the x axis or the top edge.
    expect(chart.domain).toEqual([0.5, 5.5]);
    for (const tick of chart.ticks) expect(tick.value > chart.domain[0] && tick.value < chart.domain[1], tick.label).toBe(true);
    expect(chart.ticks.map((t) => t.label)).toEqual(['1 – Extremely low', '2 – Low', '3 – Moderate', '4 – High', '5 – Extremely high']);
    expect(leuvenPoints(chart)[2]).toEqual({ label: '30/11/2026', wellbeing: 4, involvement: 3 });
  });

  it('gives the levels as a table', () => {
    expect(leuvenChart(thisPlacement())!.table).toEqual({
      caption: 'Leuven wellbeing and involvement',
      columns: ['Date', 'When', 'Wellbeing', 'Involvement'],
      rows: [
        ['08/09/2026', 'Baseline', '2 – Low', '2 – Low'],
        ['19/10/2026', 'Review', '3 – Moderate', '3 – Moderate'],
        ['30/11/2026', 'Review', '4 – High', '3 – Moderate'],
      ],
    });
  });

  it('is null with no Leuven observations', () => {
    expect(leuvenChart(thisPlacement().filter((m) => m.kind !== 'leuven'))).toBeNull();
  });
});

describe('the cohort’s SDQ chart', () => {
  const p = (name: string, totals: number[]) => cohortPlacement(name, [], totals);


  it('has each pupil with two SDQs, baseline and latest totals with bands and the change', () => {
    const chart = cohortSdqChart(cohortFigures([p('Ada Brook', [20, 14]), p('Cal Dunn', [12])]));
    expect(chart.pupils.map((x) => x.name)).toEqual(['Ada Brook']);
    expect(chart.domain).toEqual([0, 40]);
    expect(chart.table.rows).toEqual([['Ada Brook', '20 Very high', '14 Slightly raised', '-6']]);
  });

  it('lists every pupil, with a dash where there is no SDQ to compare', () => {
    const figures = cohortFigures([p('Ada Brook', [20, 14]), { ...p('Cal Dunn', [12]), endDate: '2027-03-05' }]);
    expect(cohortTable(figures).rows).toEqual([
      ['Ada Brook', 'Parkgate', 'from 07/09/2026', '0', '0', '0', '20 Very high', '14 Slightly raised', '-6'],
      ['Cal Dunn', 'Parkgate', '07/09/2026 – 05/03/2027', '0', '0', '0', '12 Slightly raised', '–', '–'],
    ]);
  });

  it('leads with the totals in words', () => {
    const figures = cohortFigures([p('Ada Brook', [20, 14]), p('Ben Carr', [15, 16]), p('Cal Dunn', [12])]);
    expect(cohortTotalsList(figures.totals).map((t) => `${t.label}: ${t.value}`)).toEqual([
      'Pupils: 3',
      'Outcomes improved: 0 of 0',
      'Outcomes achieved: 0 of 0',
      'Moved to a lower SDQ band: 1 of 2 pupils with two SDQs',
      'Average change in SDQ total: -2.5',
    ]);
  });

  it('writes the average change with its sign', () => {
    expect([averageChangeText(-2.5), averageChangeText(1), averageChangeText(0), averageChangeText(null)]).toEqual(['-2.5', '+1.0', '0.0', '–']);
  });
});
