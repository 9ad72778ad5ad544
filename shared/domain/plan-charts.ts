/**
 * The numbers behind a plan's progress charts, as plain data: the Plan tab draws them with recharts
 * and the PDF reports will draw the very same numbers with their own primitives. Each series has its
 * own marker and dash, bars carry their band in words, and every chart comes with the same numbers as
 * a table, so nothing is told by colour alone. Attendance uses `pupilWeeklyChart` as it is.
 */
import { DASHES, MARKERS, type ChartSeries, type ChartTable } from './attendance-charts';
import { formatUkDate } from './dates';
import type { CohortFigures } from './plan-cohort';
import { count } from './words';
import { PROGRESS_MAX, PROGRESS_MIN, PROGRESS_SCALE, ratingText, type SupportPlan } from './plans';
import {
  LEUVEN_LEVELS,
  LEUVEN_SCALES,
  LEUVEN_SCALE_LABELS,
  MEASURE_KIND_LABELS,
  MEASURE_POINT_LABELS,
  SDQ_SCALE_LABELS,
  SDQ_SUBSCALES,
  leuvenText,
  sdqBand,
  sdqBandRanges,
  sdqScaleMax,
  sdqTotal,
  type Measure,
  type SdqBand,
  type SdqScale,
  type SdqScores,
  type SdqVersion,
} from './semh';

/** A tick on a scale of words: the value and what it means. */
export interface TickLabel {
  value: number;
  label: string;
}

/** "–" where there is no number (not rated, not taken). */
export const NONE = '–';

/** A change as staff read it: "+2", "-3", "0". */
export const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Series styles handed out in turn, as on the attendance charts. */
const style = (i: number) => ({ marker: MARKERS[i % MARKERS.length]!, dash: DASHES[i % DASHES.length]! });

/** Dates as labels, with "(2)" on a second of the same day, so columns and axis labels stay apart. */
function dateLabels(dates: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return dates.map((d) => {
    const n = (seen.get(d) ?? 0) + 1;
    seen.set(d, n);
    return n === 1 ? formatUkDate(d) : `${formatUkDate(d)} (${n})`;
  });
}

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

// ---------------------------------------------------------------- outcome ratings

export interface OutcomeSeries extends ChartSeries {
  outcomeId: string;
  /** The outcome in full, for the table (the series name is shortened for a legend). */
  outcome: string;
  /** The review (index into `reviews`) that marked the outcome achieved, if one did. */
  achievedAt: number | null;
}

export interface OutcomeRatingsChart {
  /** The reviews that rated at least one outcome, oldest first: the x axis. */
  reviews: Array<{ id: string; heldOn: string; label: string }>;
  /** One per outcome rated at least once, in the plan's order; null where a review did not rate it. */
  series: OutcomeSeries[];
  domain: readonly [number, number];
  /** Every step of the progress scale, with its words ("+1 Some progress"). */
  ticks: TickLabel[];
  table: ChartTable;
}

export const PROGRESS_TICKS: TickLabel[] = PROGRESS_SCALE.map((s) => ({ value: s.value, label: ratingText(s.value) }));

/**
 * Each outcome's rating across the plan's reviews. Outcomes keep their id from version to version, so
 * an outcome is followed across every review that rated it (its words are the newest version's).
 */
export function outcomeRatingsChart(plan: Pick<SupportPlan, 'versions' | 'reviews'>): OutcomeRatingsChart {
  const rated = plan.reviews.filter((r) => r.ratings.some((x) => x.rating !== null));
  const labels = dateLabels(rated.map((r) => r.heldOn));
  const words = new Map<string, string>();
  for (const version of plan.versions) for (const o of version.content.outcomes) words.set(o.id, o.what);
  const ids = [...words.keys()].filter((id) => rated.some((r) => r.ratings.some((x) => x.outcomeId === id && x.rating !== null)));
  const series = ids.map((outcomeId, i): OutcomeSeries => {
    const ratings = rated.map((r) => r.ratings.find((x) => x.outcomeId === outcomeId) ?? null);
    const achievedAt = ratings.findIndex((x) => x?.decision === 'achieved');
    const outcome = `${i + 1}. ${words.get(outcomeId)!}`;
    return {
      key: `outcome-${i + 1}`,
      name: shorten(outcome, 48),
      outcome,
      outcomeId,
      values: ratings.map((x) => x?.rating ?? null),
      ...style(i),
      emphasis: false,
      achievedAt: achievedAt === -1 ? null : achievedAt,
    };
  });
  const cell = (s: OutcomeSeries, i: number) => {
    const value = s.values[i] ?? null;
    const text = value === null ? NONE : ratingText(value);
    return s.achievedAt === i ? `${text} (Achieved)` : text;
  };
  return {
    reviews: rated.map((r, i) => ({ id: r.id, heldOn: r.heldOn, label: labels[i]! })),
    series,
    domain: [PROGRESS_MIN, PROGRESS_MAX],
    ticks: PROGRESS_TICKS,
    table: {
      caption: 'Outcome ratings at each review',
      columns: ['Outcome', ...labels],
      rows: series.map((s) => [s.outcome, ...labels.map((_, i) => cell(s, i))]),
    },
  };
}

/** Points for a chart library: one object per review, a field per outcome's key. */
export function ratingPoints(chart: OutcomeRatingsChart): Array<Record<string, string | number | null>> {
  return chart.reviews.map((r, i) => {
    const point: Record<string, string | number | null> = { label: r.label };
    for (const s of chart.series) point[s.key] = s.values[i] ?? null;
    return point;
  });
}

// ---------------------------------------------------------------- SDQ baseline and latest

export interface BandRange {
  label: string;
  from: number;
  to: number;
}

export interface SdqScaleRow {
  scale: SdqScale;
  label: string;
  /** 10 for a subscale, 40 for the total: the axis runs from 0 to this. */
  max: number;
  baseline: number;
  baselineBand: SdqBand;
  latest: number | null;
  latestBand: SdqBand | null;
  /** This scale's bands, best first, so a chart can shade them and a legend name them. */
  bands: BandRange[];
}

export interface SdqChart {
  version: SdqVersion;
  title: string;
  baseline: { takenOn: string; label: string };
  /** The newest SDQ of this version; null while there is only one. */
  latest: { takenOn: string; label: string } | null;
  /** The five subscales, then total difficulties. */
  scales: SdqScaleRow[];
  table: ChartTable;
}

const SDQ_ROWS: readonly SdqScale[] = [...SDQ_SUBSCALES, 'total'];

/** "Close to average 0–3; Slightly raised 4; ..." */
export const bandRangesText = (bands: readonly BandRange[]) =>
  bands.map((b) => `${b.label} ${b.from === b.to ? b.from : `${b.from}–${b.to}`}`).join('; ');

/** "4 Slightly raised" */
export const scoreText = (score: number, band: SdqBand) => `${score} ${band.label}`;

const byDate = <T extends Pick<Measure, 'takenOn' | 'recordedAt'>>(a: T, b: T) =>
  a.takenOn.localeCompare(b.takenOn) || a.recordedAt.localeCompare(b.recordedAt);

/**
 * The earliest and the newest SDQ of one version (teacher or parent), each scale's score and band
 * from the published cut-offs. Null when no SDQ of that version has been recorded.
 */
export function sdqChart(measures: readonly Measure[], version: SdqVersion): SdqChart | null {
  const kind = version === 'teacher' ? 'sdq-teacher' : 'sdq-parent';
  const sdqs = measures.filter((m): m is Extract<Measure, { kind: 'sdq-teacher' | 'sdq-parent' }> => m.kind === kind).sort(byDate);
  const first = sdqs[0];
  if (!first) return null;
  const last = sdqs.length > 1 ? sdqs.at(-1)! : null;
  const score = (m: { scores: SdqScores }, scale: SdqScale) => (scale === 'total' ? sdqTotal(m.scores) : m.scores[scale]);
  const scales = SDQ_ROWS.map((scale): SdqScaleRow => {
    const baseline = score(first, scale);
    const latest = last ? score(last, scale) : null;
    return {
      scale,
      label: SDQ_SCALE_LABELS[scale],
      max: sdqScaleMax(scale),
      baseline,
      baselineBand: sdqBand(version, scale, baseline),
      latest,
      latestBand: latest === null ? null : sdqBand(version, scale, latest),
      bands: sdqBandRanges(version, scale),
    };
  });
  const baselineLabel = `Baseline ${formatUkDate(first.takenOn)}`;
  const latestLabel = last ? `Latest ${formatUkDate(last.takenOn)}` : null;
  return {
    version,
    title: MEASURE_KIND_LABELS[kind],
    baseline: { takenOn: first.takenOn, label: baselineLabel },
    latest: last && latestLabel ? { takenOn: last.takenOn, label: latestLabel } : null,
    scales,
    table: {
      caption: `${MEASURE_KIND_LABELS[kind]}: baseline and latest`,
      columns: ['Scale', baselineLabel, ...(latestLabel ? [latestLabel, 'Change'] : []), 'Bands'],
      rows: scales.map((s) => [
        s.label,
        scoreText(s.baseline, s.baselineBand),
        ...(s.latest !== null && s.latestBand ? [scoreText(s.latest, s.latestBand), signed(s.latest - s.baseline)] : []),
        bandRangesText(s.bands),
      ]),
    },
  };
}

// ---------------------------------------------------------------- Leuven over time

export interface LeuvenChart {
  dates: string[];
  labels: string[];
  /** Wellbeing, then involvement. */
  series: ChartSeries[];
  domain: readonly [number, number];
  /** 1 to 5 with the level's words ("4 – High"). */
  ticks: TickLabel[];
  table: ChartTable;
}

export const LEUVEN_TICKS: TickLabel[] = LEUVEN_LEVELS.map((_, i) => ({ value: i + 1, label: leuvenText(i + 1) }));

/**
 * The Leuven chart's value axis: half a level of room below 1 and above 5, so a pupil at level 1
 * is drawn visibly above the x axis (not lost in it) and level 5 below the top edge.
 */
export const LEUVEN_DOMAIN = [0.5, LEUVEN_LEVELS.length + 0.5] as const;

/** Wellbeing and involvement at each Leuven observation, oldest first; null when there are none. */
export function leuvenChart(measures: readonly Measure[]): LeuvenChart | null {
  const taken = measures.filter((m): m is Extract<Measure, { kind: 'leuven' }> => m.kind === 'leuven').sort(byDate);
  if (taken.length === 0) return null;
  const dates = taken.map((m) => m.takenOn);
  const labels = dateLabels(dates);
  const series = LEUVEN_SCALES.map(
    (scale, i): ChartSeries => ({
      key: scale,
      name: LEUVEN_SCALE_LABELS[scale],
      values: taken.map((m) => m.scores[scale]),
      ...style(i),
      emphasis: false,
    }),
  );
  return {
    dates,
    labels,
    series,
    domain: LEUVEN_DOMAIN,
    ticks: LEUVEN_TICKS,
    table: {
      caption: 'Leuven wellbeing and involvement',
      columns: ['Date', 'When', ...series.map((s) => s.name)],
      rows: taken.map((m, i) => [labels[i]!, MEASURE_POINT_LABELS[m.point], ...series.map((s) => leuvenText(s.values[i]!))]),
    },
  };
}

/** Points for a chart library: one object per date, a field per scale. */
export function leuvenPoints(chart: LeuvenChart): Array<Record<string, string | number | null>> {
  return chart.dates.map((_, i) => {
    const point: Record<string, string | number | null> = { label: chart.labels[i]! };
    for (const s of chart.series) point[s.key] = s.values[i] ?? null;
    return point;
  });
}

// ---------------------------------------------------------------- the cohort

export interface CohortSdqChart {
  /** Pupils with a baseline and a later teacher SDQ, as in the cohort figures. */
  pupils: Array<{ placementId: string; name: string; baseline: number; latest: number; baselineBand: string; latestBand: string }>;
  domain: readonly [number, number];
  table: ChartTable;
}

/** "-2.5", "+1.0", or "–" without pairs: the cohort's average change in SDQ total, with its sign. */
export const averageChangeText = (change: number | null) => (change === null ? NONE : change > 0 ? `+${change.toFixed(1)}` : change.toFixed(1));

/** Each pupil's teacher SDQ total at baseline and latest, for the cohort view and the impact report. */
export function cohortSdqChart(figures: CohortFigures): CohortSdqChart {
  const pupils = figures.pupils.flatMap((p) =>
    p.sdqBaseline !== null && p.sdqLatest !== null && p.bandBaseline && p.bandLatest
      ? [{ placementId: p.placementId, name: p.pupilName, baseline: p.sdqBaseline, latest: p.sdqLatest, baselineBand: p.bandBaseline.label, latestBand: p.bandLatest.label }]
      : [],
  );
  return {
    pupils,
    domain: [0, sdqScaleMax('total')],
    table: {
      caption: 'SDQ total difficulties (teacher) at baseline and latest',
      columns: ['Pupil', 'Baseline', 'Latest', 'Change'],
      rows: pupils.map((p) => [p.name, `${p.baseline} ${p.baselineBand}`, `${p.latest} ${p.latestBand}`, signed(p.latest - p.baseline)]),
    },
  };
}

/** "07/09/2026 – 05/03/2027", or "from 07/09/2026" while it runs. */
const placementText = (startDate: string, endDate: string | null) =>
  endDate ? `${formatUkDate(startDate)} – ${formatUkDate(endDate)}` : `from ${formatUkDate(startDate)}`;

/** The cohort view's pupil by pupil figures, as the screen and the impact report list them. */
export function cohortTable(figures: CohortFigures): ChartTable {
  return {
    caption: 'Pupil by pupil',
    columns: ['Pupil', 'Base', 'Placement', 'Outcomes', 'Improved', 'Achieved', 'SDQ total at baseline', 'SDQ total latest', 'Change'],
    rows: figures.pupils.map((p) => [
      p.pupilName,
      p.baseName,
      placementText(p.startDate, p.endDate),
      String(p.outcomes),
      String(p.improved),
      String(p.achieved),
      p.sdqBaseline === null || !p.bandBaseline ? NONE : `${p.sdqBaseline} ${p.bandBaseline.label}`,
      p.sdqLatest === null || !p.bandLatest ? NONE : `${p.sdqLatest} ${p.bandLatest.label}`,
      p.sdqBaseline === null || p.sdqLatest === null ? NONE : signed(p.sdqLatest - p.sdqBaseline),
    ]),
  };
}

/** The cohort's totals as labelled figures: what the cohort view and the impact report lead with. */
export function cohortTotalsList(totals: CohortFigures['totals']): Array<{ label: string; value: string }> {
  return [
    { label: 'Pupils', value: String(totals.pupils) },
    { label: 'Outcomes improved', value: `${totals.improved} of ${totals.outcomes}` },
    { label: 'Outcomes achieved', value: `${totals.achieved} of ${totals.outcomes}` },
    { label: 'Moved to a lower SDQ band', value: `${totals.movedToLowerBand} of ${count(totals.withSdq, 'pupil')} with two SDQs` },
    { label: 'Average change in SDQ total', value: averageChangeText(totals.averageTotalChange) },
  ];
}
