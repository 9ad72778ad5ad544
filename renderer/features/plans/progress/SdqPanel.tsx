import { Box, Text } from '@mantine/core';
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { scoreText, type SdqChart, type SdqScaleRow } from '../../../../shared/domain/plan-charts';
import { MEASURE_KIND_LABELS, type SdqVersion } from '../../../../shared/domain/semh';
import { ChartFrame } from './ChartFrame';
import { tableSummary } from './LineCharts';
import { AXIS, Hatch } from './markers';

const SOLID = '#1c3f7a';
/** Band shading, lightest for close to average: grey steps that print, the band's word is on the bar. */
const BAND_GREYS = ['#ffffff', '#ededed', '#dcdcdc', '#c8c8c8'];

/**
 * Behind each bar, its scale's bands as grey steps (a score of 4 falls between 3.5 and 4.5), so where
 * a bar ends shows which band it reached.
 */
const bandShading = (rows: SdqScaleRow[], max: number) =>
  function BandShading({ x, y, width, height, index }: BarShapeProps) {
    const row = rows[index];
    if (!row) return <g />;
    const at = (score: number) => x + (Math.min(max, Math.max(0, score)) / max) * width;
    return (
      <g className="sdq-bands">
        {row.bands.map((b, rank) => (
          <rect key={b.label} x={at(b.from - 0.5)} y={y} width={at(b.to + 0.5) - at(b.from - 0.5)} height={height} fill={BAND_GREYS[rank]} />
        ))}
      </g>
    );
  };

const barData = (rows: SdqScaleRow[]) =>
  rows.map((s) => ({
    label: s.label,
    baseline: s.baseline,
    baselineText: scoreText(s.baseline, s.baselineBand),
    latest: s.latest,
    latestText: s.latest !== null && s.latestBand ? scoreText(s.latest, s.latestBand) : '',
  }));

/** Baseline (hatched) and latest (solid) side by side, each bar labelled with its score and band. */
function Bars({ chart, rows, max, hatchId, legend }: { chart: SdqChart; rows: SdqScaleRow[]; max: number; hatchId: string; legend: boolean }) {
  // Every 2 on a subscale (0–10), every 10 on the total (0–40).
  const step = max > 10 ? 10 : 2;
  const ticks = Array.from({ length: max / step + 1 }, (_, i) => i * step);
  const shading = bandShading(rows, max);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={barData(rows)} layout="vertical" margin={{ top: 8, right: 130, bottom: 8, left: 8 }} barGap={2}>
        <Hatch id={hatchId} />
        <CartesianGrid strokeDasharray="3 3" stroke="#d0d0d0" horizontal={false} />
        <XAxis type="number" domain={[0, max]} ticks={ticks} allowDecimals={false} {...AXIS} />
        <YAxis type="category" dataKey="label" width={190} {...AXIS} />
        <Tooltip />
        {legend && <Legend />}
        <Bar dataKey="baseline" name={chart.baseline.label} fill={`url(#${hatchId})`} stroke="#3d3d3d" background={shading} isAnimationActive={false}>
          <LabelList dataKey="baselineText" position="right" fill="#1b1b1b" fontSize={12} />
        </Bar>
        {chart.latest && (
          <Bar dataKey="latest" name={chart.latest.label} fill={SOLID} stroke={SOLID} background={shading} isAnimationActive={false}>
            <LabelList dataKey="latestText" position="right" fill="#1b1b1b" fontSize={12} />
          </Bar>
        )}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** The SDQ subscales (0–10) and total difficulties (0–40) at baseline and latest, with their bands. */
export function SdqPanel({ chart, version }: { chart: SdqChart | null; version: SdqVersion }) {
  const hatchId = `hatch-${useId().replace(/[^a-zA-Z0-9-]/g, '')}`;
  const title = `${MEASURE_KIND_LABELS[version === 'teacher' ? 'sdq-teacher' : 'sdq-parent']}: baseline and latest`;
  return (
    <ChartFrame
      title={title}
      table={chart?.table ?? null}
      summary={chart ? tableSummary(title, chart.table, ['Bands']) : ''}
      empty={version === 'teacher' ? 'No SDQ recorded yet.' : 'No parent or carer SDQ recorded yet.'}
      height={chart?.latest ? 480 : 380}
    >
      {chart && (
        <>
          <Box h={chart.latest ? 330 : 240}>
            <Bars chart={chart} rows={chart.scales.filter((s) => s.scale !== 'total')} max={10} hatchId={hatchId} legend />
          </Box>
          <Box h={chart.latest ? 110 : 80}>
            <Bars chart={chart} rows={chart.scales.filter((s) => s.scale === 'total')} max={40} hatchId={`${hatchId}-total`} legend={false} />
          </Box>
          <Text size="xs" c="gray.8">
            Grey steps behind the bars mark each scale&apos;s bands, lightest for close to average{version === 'parent' ? ' (normal)' : ''}; a low prosocial score is the concern.
          </Text>
        </>
      )}
    </ChartFrame>
  );
}
