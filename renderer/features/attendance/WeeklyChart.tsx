import { Box, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Symbols, Tooltip, XAxis, YAxis } from 'recharts';
import { chartPoints, percentText, weekCommencing, type MarkerShape, type WeeklyChart as ChartData } from '../../../shared/domain/attendance-charts';
import { ChartNumbersTable } from '../../components/ChartNumbersTable';

/** Greys and one dark blue: the shapes and dashes carry the meaning, colour only helps. */
const STROKES = ['#1c3f7a', '#3d3d3d', '#5c5c5c', '#1f5f4f', '#6b3d1f', '#4a3b6b', '#2f2f2f'];

interface DotProps {
  cx?: number | null;
  cy?: number | null;
  index?: number;
  value?: unknown;
}

/** Each series' points drawn in its own shape, so lines can be told apart in greyscale or print. */
const markerDot = (shape: MarkerShape, stroke: string, size: number, key: string) =>
  function MarkerDot(props: DotProps) {
    const k = `${key}-${props.index ?? 0}`;
    if (props.cx == null || props.cy == null || props.value == null) return <g key={k} />;
    return <Symbols key={k} cx={props.cx} cy={props.cy} type={shape} size={size} fill={shape === 'cross' || shape === 'wye' ? stroke : '#ffffff'} stroke={stroke} strokeWidth={2} />;
  };

/**
 * A weekly attendance % chart with a "Show as table" switch. Each line has its own marker and dash;
 * the 90% persistent-absence line is labelled; the chart's numbers are also in its accessible summary.
 */
export function WeeklyChart({ chart, title, height = 320 }: { chart: ChartData; title: string; height?: number }) {
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  const points = chartPoints(chart);
  const summary = `${title}: ${chart.series
    .map((s) => `${s.name} ${s.values.map((v, i) => `${weekCommencing(chart.weeks[i]!)} ${percentText(v)}`).join(', ')}`)
    .join('; ')}.`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id={headingId}>
            {title}
          </Title>
          <Switch label="Show as table" checked={asTable} onChange={(e) => setAsTable(e.currentTarget.checked)} />
        </Group>
        {chart.weeks.length === 0 ? (
          <Text c="dimmed">No registers recorded in these weeks.</Text>
        ) : asTable ? (
          <ChartNumbersTable table={chart.table} />
        ) : (
          <Box role="img" aria-label={summary} h={height}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={points} margin={{ top: 16, right: 24, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="#d0d0d0" />
                <XAxis dataKey="label" stroke="#3d3d3d" tick={{ fill: '#2b2b2b' }} />
                <YAxis domain={[...chart.domain]} ticks={[...chart.ticks]} unit="%" stroke="#3d3d3d" tick={{ fill: '#2b2b2b' }} width={52} />
                <ReferenceLine
                  y={chart.threshold.value}
                  stroke="#a61b1b"
                  strokeDasharray="10 4"
                  strokeWidth={2}
                  label={{ value: chart.threshold.label, position: 'insideBottomLeft', fill: '#7a1010', fontSize: 12 }}
                />
                <Tooltip formatter={(v) => percentText(typeof v === 'number' ? v : null)} />
                <Legend itemSorter="dataKey" />
                {chart.series.map((s, i) => (
                  <Line
                    key={s.key}
                    dataKey={s.key}
                    name={s.name}
                    type="linear"
                    stroke={STROKES[i % STROKES.length]}
                    strokeWidth={s.emphasis ? 3 : 1.5}
                    strokeDasharray={s.dash || undefined}
                    legendType={s.marker}
                    dot={markerDot(s.marker, STROKES[i % STROKES.length]!, s.emphasis ? 90 : 60, s.key)}
                    activeDot={markerDot(s.marker, STROKES[i % STROKES.length]!, s.emphasis ? 140 : 100, `${s.key}-active`)}
                    isAnimationActive={false}
                    connectNulls={false}
                  />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
