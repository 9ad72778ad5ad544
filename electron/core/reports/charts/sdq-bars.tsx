import { G, Line, Rect, StyleSheet, Svg, Text, View } from '@react-pdf/renderer';
import { scaleLinear } from 'd3-scale';
import type { ReactNode } from 'react';
import type { SdqChart, SdqScaleRow } from '../../../../shared/domain/plan-charts';
import { Label } from './line-chart';

const INK = '#1a1a1a';
/** Band steps from the best band to the worst: light to darker grey, so where a bar ends shows its band. */
const BAND_FILL = ['#f4f4f4', '#e2e2e2', '#cdcdcd', '#b6b6b6'];
const LABEL_WIDTH = 118;
const VALUE_WIDTH = 112;
const BAR = 7;
const ROW = 2 * BAR + 10;

const s = StyleSheet.create({
  key: { flexDirection: 'row', alignItems: 'center', marginTop: 3, flexWrap: 'wrap' },
  keyText: { fontSize: 7.5, marginRight: 10 },
});

/** Vertical lines across a bar: the baseline's hatching, so it differs from the latest without colour. */
function Hatched({ x, y, width, height }: { x: number; y: number; width: number; height: number }) {
  const lines: number[] = [];
  for (let at = x + 2; at < x + width - 0.5; at += 2.5) lines.push(at);
  return (
    <G>
      <Rect x={x} y={y} width={Math.max(width, 0.5)} height={height} fill="#ffffff" stroke={INK} strokeWidth={0.7} />
      {lines.map((at) => (
        <Line key={at} x1={at} y1={y} x2={at} y2={y + height} stroke={INK} strokeWidth={0.4} />
      ))}
    </G>
  );
}

function ScaleRow({ row, y, plotWidth }: { row: SdqScaleRow; y: number; plotWidth: number }) {
  const x = scaleLinear().domain([0, row.max]).range([0, plotWidth]);
  const edge = (score: number) => x(Math.max(0, Math.min(row.max, score)));
  return (
    <G>
      <Label x={0} y={y + BAR + 3} size={7.5}>{row.label}</Label>
      <G transform={`translate(${LABEL_WIDTH}, ${y})`}>
        {row.bands.map((band, i) => (
          <Rect
            key={band.label}
            x={edge(band.from === 0 ? 0 : band.from - 0.5)}
            y={0}
            width={edge(band.to === row.max ? row.max : band.to + 0.5) - edge(band.from === 0 ? 0 : band.from - 0.5)}
            height={2 * BAR + 2}
            fill={BAND_FILL[Math.min(i, BAND_FILL.length - 1)]!}
          />
        ))}
        <Hatched x={0} y={1} width={edge(row.baseline)} height={BAR - 1} />
        {row.latest !== null && <Rect x={0} y={BAR + 1} width={Math.max(edge(row.latest), 0.5)} height={BAR - 1} fill="#333333" />}
        <Line x1={0} y1={-1} x2={0} y2={2 * BAR + 3} stroke={INK} strokeWidth={0.75} />
        <Label x={plotWidth + 4} y={BAR - 1} size={7}>{`${row.baseline} ${row.baselineBand.label}`}</Label>
        {row.latest !== null && row.latestBand && <Label x={plotWidth + 4} y={2 * BAR} size={7}>{`${row.latest} ${row.latestBand.label}`}</Label>}
      </G>
    </G>
  );
}

/**
 * An SDQ's baseline and latest scores as grouped horizontal bars on each scale's bands (grey steps),
 * with the score and band in words beside each bar: the baseline hatched, the latest solid. The same
 * `sdqChart` the Plan tab draws.
 */
export function SdqBars({ chart, width, title }: { chart: SdqChart; width: number; title?: ReactNode }) {
  const plotWidth = width - LABEL_WIDTH - VALUE_WIDTH;
  const height = chart.scales.length * ROW + 2;
  return (
    <View wrap={false}>
      {title}
      <Svg width={width} height={height}>
        {chart.scales.map((row, i) => (
          <ScaleRow key={row.scale} row={row} y={i * ROW + 2} plotWidth={plotWidth} />
        ))}
      </Svg>
      <View style={s.key}>
        <Svg width={14} height={8}>
          <Hatched x={1} y={1} width={12} height={6} />
        </Svg>
        <Text style={s.keyText}>{chart.baseline.label}</Text>
        {chart.latest && (
          <>
            <Svg width={14} height={8}>
              <Rect x={1} y={1} width={12} height={6} fill="#333333" />
            </Svg>
            <Text style={s.keyText}>{chart.latest.label}</Text>
          </>
        )}
        <Text style={s.keyText}>Each bar runs from 0 to the scale’s top score (10; total difficulties 40). Grey steps behind: the bands, lightest is close to average.</Text>
      </View>
    </View>
  );
}
