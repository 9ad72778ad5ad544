import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartSeries } from '../../../../shared/domain/attendance-charts';
import {
  leuvenPoints,
  ratingPoints,
  type LeuvenChart,
  type OutcomeRatingsChart,
  type TickLabel,
} from '../../../../shared/domain/plan-charts';
import { ChartFrame } from './ChartFrame';
import { AXIS, markerDot, STROKES } from './markers';

/** Lines on a scale of words (the progress scale, the Leuven levels): each series its own marker and dash. */
function SeriesLines(props: {
  points: Array<Record<string, string | number | null>>;
  series: Array<ChartSeries & { achievedAt?: number | null }>;
  domain: readonly [number, number];
  ticks: TickLabel[];
  yWidth: number;
}) {
  const words = (v: unknown) => props.ticks.find((t) => t.value === v)?.label ?? String(v);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={props.points} margin={{ top: 20, right: 32, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#d0d0d0" />
        <XAxis dataKey="label" {...AXIS} padding={{ left: 24, right: 24 }} />
        <YAxis type="number" domain={[...props.domain]} ticks={props.ticks.map((t) => t.value)} tickFormatter={words} width={props.yWidth} {...AXIS} />
        <Tooltip formatter={(v) => words(v)} />
        <Legend />
        {props.series.map((s, i) => {
          const stroke = STROKES[i % STROKES.length]!;
          const note = s.achievedAt == null ? undefined : { index: s.achievedAt, text: 'Achieved' };
          return (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.name}
              type="linear"
              stroke={stroke}
              strokeWidth={2}
              strokeDasharray={s.dash || undefined}
              legendType={s.marker}
              dot={markerDot(s.marker, stroke, s.key, note)}
              activeDot={markerDot(s.marker, stroke, `${s.key}-active`)}
              isAnimationActive={false}
              connectNulls
            />
          );
        })}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** "Title: row: column value, column value; row: ...". The chart's numbers, for a screen reader. */
export function tableSummary(title: string, table: { columns: string[]; rows: string[][] }, skip: readonly string[] = []): string {
  const rows = table.rows.map((row) => {
    const cells = row.slice(1).flatMap((cell, i) => (skip.includes(table.columns[i + 1]!) ? [] : [`${table.columns[i + 1]} ${cell}`]));
    return `${row[0]}: ${cells.join(', ')}`;
  });
  return `${title}. ${rows.join('; ')}.`;
}

const RATINGS_TITLE = 'Outcome ratings at each review';

export function RatingsPanel({ chart }: { chart: OutcomeRatingsChart | null }) {
  const has = chart !== null && chart.reviews.length > 0 && chart.series.length > 0;
  return (
    <ChartFrame
      title={RATINGS_TITLE}
      table={has ? chart.table : null}
      summary={has ? tableSummary(RATINGS_TITLE, chart.table) : ''}
      empty="No reviews with ratings yet."
      height={340}
    >
      {has && <SeriesLines points={ratingPoints(chart)} series={chart.series} domain={chart.domain} ticks={chart.ticks} yWidth={128} />}
    </ChartFrame>
  );
}

const LEUVEN_TITLE = 'Leuven wellbeing and involvement';

export function LeuvenPanel({ chart }: { chart: LeuvenChart | null }) {
  return (
    <ChartFrame
      title={LEUVEN_TITLE}
      table={chart?.table ?? null}
      summary={chart ? tableSummary(LEUVEN_TITLE, chart.table) : ''}
      empty="No Leuven scales recorded yet."
    >
      {chart && <SeriesLines points={leuvenPoints(chart)} series={chart.series} domain={chart.domain} ticks={chart.ticks} yWidth={128} />}
    </ChartFrame>
  );
}
