import { G, Line, Path, StyleSheet, Svg, Text, View } from '@react-pdf/renderer';
import { scaleLinear, scalePoint } from 'd3-scale';
import type { ReactNode } from 'react';
import type { OutcomeRatingsChart, OutcomeSeries } from '../../../../shared/domain/plan-charts';
import { Label, linePath } from './line-chart';
import { markerPath } from './markers';
import { inScript } from '../documents/text';

const INK = '#1a1a1a';
const GRID = '#d0d0d0';
const SERIES_INK = ['#1f4e79', '#333333', '#5a5a5a', '#7a4a00', '#2f5f2f', '#6b2f5f', '#444444'];
const inkOf = (i: number) => SERIES_INK[i % SERIES_INK.length]!;
/** Room on the left for the scale's words ("+1 Some progress"). */
const MARGIN = { top: 10, right: 14, bottom: 24, left: 104 };

const s = StyleSheet.create({
  legend: { marginTop: 4 },
  legendItem: { flexDirection: 'row', alignItems: 'center', marginBottom: 2 },
  // Clear of the line sample: a dash ending at "2." would read as "−2.".
  legendText: { fontSize: 8, flex: 1, marginLeft: 5 },
});

function Marker({ series, index, x, y }: { series: OutcomeSeries; index: number; x: number; y: number }) {
  const filled = series.marker === 'cross' || series.marker === 'wye';
  return <Path d={markerPath(series.marker, x, y, 2.6)} fill={filled ? inkOf(index) : '#ffffff'} stroke={inkOf(index)} strokeWidth={0.9} />;
}

/**
 * Each outcome's rating at each review on the −2 … +2 progress scale, drawn as vector lines with the
 * scale's words on the axis, and a marker and dash per outcome so it reads without colour. The same
 * `outcomeRatingsChart` the Plan tab draws.
 */
/** `title` is drawn inside the chart's unbreakable block, so it never sits alone at a page's foot. */
export function RatingsChart({ chart, width, height, title }: { chart: OutcomeRatingsChart; width: number; height: number; title?: ReactNode }) {
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const x = scalePoint<number>().domain(chart.reviews.map((_, i) => i)).range([0, plotWidth]).padding(0.5);
  const y = scaleLinear().domain([...chart.domain]).range([plotHeight, 0]);
  const xAt = (i: number) => x(i) ?? 0;
  return (
    <View wrap={false}>
      {title}
      <Svg width={width} height={height}>
        <G transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
          {chart.ticks.map((tick) => (
            <G key={`y${tick.value}`}>
              <Line x1={0} y1={y(tick.value)} x2={plotWidth} y2={y(tick.value)} stroke={tick.value === 0 ? '#888888' : GRID} strokeWidth={tick.value === 0 ? 0.9 : 0.5} />
              <Label x={-4} y={y(tick.value) + 2.5} anchor="end">{tick.label}</Label>
            </G>
          ))}
          <Line x1={0} y1={0} x2={0} y2={plotHeight} stroke={INK} strokeWidth={0.75} />
          <Line x1={0} y1={plotHeight} x2={plotWidth} y2={plotHeight} stroke={INK} strokeWidth={0.75} />
          {chart.reviews.map((r, i) => (
            <G key={r.id}>
              <Line x1={xAt(i)} y1={plotHeight} x2={xAt(i)} y2={plotHeight + 3} stroke={INK} strokeWidth={0.75} />
              <Label x={xAt(i)} y={plotHeight + 11} anchor="middle">{r.label}</Label>
            </G>
          ))}
          <Label x={plotWidth / 2} y={plotHeight + 21} anchor="middle" size={7.5}>Review</Label>
          {chart.series.map((series, i) => (
            <G key={series.key}>
              <Path d={linePath(series.values, xAt, (v) => y(v))} fill="none" stroke={inkOf(i)} strokeWidth={1.1} strokeDasharray={series.dash || undefined} />
              {series.values.map((v, w) => (v === null ? null : <Marker key={w} series={series} index={i} x={xAt(w)} y={y(v)} />))}
            </G>
          ))}
        </G>
      </Svg>
      <View style={s.legend}>
        {chart.series.map((series, i) => (
          <View key={series.key} style={s.legendItem}>
            <Svg width={24} height={8}>
              <Line x1={1} y1={4} x2={23} y2={4} stroke={inkOf(i)} strokeWidth={1.1} strokeDasharray={series.dash || undefined} />
              <Marker series={series} index={i} x={12} y={4} />
            </Svg>
            <Text style={s.legendText}>{inScript(series.name)}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
