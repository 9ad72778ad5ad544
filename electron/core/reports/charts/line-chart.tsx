import { G, Line, Path, StyleSheet, Svg, Text, View } from '@react-pdf/renderer';
import type { ReactNode } from 'react';
import { scaleLinear, scalePoint } from 'd3-scale';
import type { ChartSeries, WeeklyChart } from '../../../../shared/domain/attendance-charts';
import { REPORT_FONTS } from '../fonts';
import { markerPath } from './markers';
import { inScript } from '../documents/text';

const INK = '#1a1a1a';
const GRID = '#d0d0d0';
/** Greys and one blue, dark enough to print; the marker shape and dash tell series apart, not colour. */
const SERIES_INK = ['#1f4e79', '#333333', '#5a5a5a', '#7a4a00', '#2f5f2f', '#6b2f5f', '#444444'];
const MARGIN = { top: 12, right: 12, bottom: 28, left: 34 };

const s = StyleSheet.create({
  empty: { fontSize: 10, padding: 8, borderWidth: 0.75, borderColor: GRID },
  legend: { flexDirection: 'row', flexWrap: 'wrap', marginTop: 4 },
  legendItem: { flexDirection: 'row', alignItems: 'center', marginRight: 12, marginBottom: 2 },
  // Clear of the line sample, so a dash is not read as a minus before the words.
  legendText: { fontSize: 8, marginLeft: 5 },
});

/** SVG text at (x, y): react-pdf's <Text> takes x, y and textAnchor inside an <Svg>, which its types leave out. */
export function Label(props: { x: number; y: number; anchor?: 'start' | 'middle' | 'end'; size?: number; children: string }) {
  const svgText = { x: props.x, y: props.y, textAnchor: props.anchor ?? 'start', style: { fontFamily: REPORT_FONTS, fontSize: props.size ?? 7 }, fill: INK };
  return <Text {...(svgText as object)}>{props.children}</Text>;
}

/** A line's path, broken where a week has no value (no possible sessions). */
export function linePath(values: ReadonlyArray<number | null>, x: (i: number) => number, y: (v: number) => number): string {
  let d = '';
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null) {
      drawing = false;
      return;
    }
    d += `${drawing ? 'L' : 'M'}${x(i).toFixed(2)},${y(v).toFixed(2)} `;
    drawing = true;
  });
  return d.trim();
}

const inkOf = (i: number) => SERIES_INK[i % SERIES_INK.length]!;

function Marker({ series, index, x, y }: { series: ChartSeries; index: number; x: number; y: number }) {
  const open = series.marker === 'cross' || series.marker === 'wye' ? inkOf(index) : '#ffffff';
  return <Path d={markerPath(series.marker, x, y, series.emphasis ? 2.8 : 2.3)} fill={open} stroke={inkOf(index)} strokeWidth={0.9} />;
}

function Legend({ chart }: { chart: WeeklyChart }) {
  return (
    <View style={s.legend}>
      {chart.series.map((series, i) => (
        <View key={series.key} style={s.legendItem}>
          <Svg width={22} height={8}>
            <Line x1={1} y1={4} x2={21} y2={4} stroke={inkOf(i)} strokeWidth={series.emphasis ? 1.6 : 1} strokeDasharray={series.dash || undefined} />
            <Marker series={series} index={i} x={11} y={4} />
          </Svg>
          <Text style={s.legendText}>{inScript(series.name)}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * A weekly attendance chart drawn as vector lines and text in the PDF (never a picture): the same
 * numbers the screen's chart draws, with the persistent-absence line, ticks, and a marker and dash per
 * series. With no weeks it says so instead of drawing empty axes.
 */
export function WeeklyLineChart(props: { chart: WeeklyChart; width: number; height: number; empty?: string; title?: ReactNode }) {
  const { chart, width, height, empty = 'No attendance recorded yet.', title } = props;
  if (chart.weeks.length === 0) return <Text style={s.empty}>{empty}</Text>;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const x = scalePoint<number>().domain(chart.weeks.map((_, i) => i)).range([0, plotWidth]).padding(0.5);
  const y = scaleLinear().domain([...chart.domain]).range([plotHeight, 0]);
  const xAt = (i: number) => x(i) ?? 0;
  // No more than about 14 week labels along the bottom.
  const every = Math.max(1, Math.ceil(chart.weeks.length / 14));
  const threshold = y(chart.threshold.value);
  return (
    <View wrap={false}>
      {title}
      <Svg width={width} height={height}>
        <G transform={`translate(${MARGIN.left}, ${MARGIN.top})`}>
          {chart.ticks.map((tick) => (
            <G key={`y${tick}`}>
              <Line x1={0} y1={y(tick)} x2={plotWidth} y2={y(tick)} stroke={GRID} strokeWidth={0.5} />
              <Label x={-4} y={y(tick) + 2.5} anchor="end">{`${tick}%`}</Label>
            </G>
          ))}
          <Line x1={0} y1={0} x2={0} y2={plotHeight} stroke={INK} strokeWidth={0.75} />
          <Line x1={0} y1={plotHeight} x2={plotWidth} y2={plotHeight} stroke={INK} strokeWidth={0.75} />
          {chart.weekLabels.map((label, i) =>
            i % every === 0 ? (
              <G key={`x${i}`}>
                <Line x1={xAt(i)} y1={plotHeight} x2={xAt(i)} y2={plotHeight + 3} stroke={INK} strokeWidth={0.75} />
                <Label x={xAt(i)} y={plotHeight + 11} anchor="middle">{label}</Label>
              </G>
            ) : null,
          )}
          <Label x={plotWidth / 2} y={plotHeight + 23} anchor="middle" size={7.5}>Week commencing</Label>
          <Line x1={0} y1={threshold} x2={plotWidth} y2={threshold} stroke="#9b1c1c" strokeWidth={1} strokeDasharray="4 2" />
          <Label x={plotWidth - 2} y={threshold - 3} anchor="end">{chart.threshold.label}</Label>
          {chart.series.map((series, i) => (
            <G key={series.key}>
              <Path d={linePath(series.values, xAt, (v) => y(v))} fill="none" stroke={inkOf(i)} strokeWidth={series.emphasis ? 1.6 : 1} strokeDasharray={series.dash || undefined} />
              {series.values.map((v, w) => (v === null ? null : <Marker key={w} series={series} index={i} x={xAt(w)} y={y(v)} />))}
            </G>
          ))}
        </G>
      </Svg>
      {chart.series.length > 1 && <Legend chart={chart} />}
    </View>
  );
}
