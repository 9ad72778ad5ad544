import { G, Line, Rect, Svg, Text } from '@react-pdf/renderer';
import { scaleLinear } from 'd3-scale';
import type { ReportBarChart } from '../kinds';
import { REPORT_FONTS } from '../fonts';

const INK = '#1a1a1a';
const GRID = '#d0d0d0';
const WIDTH = 515;
const LABEL_WIDTH = 140;
const TEXT_WIDTH = 110;
const BAR = 10;
const BAR_GAP = 2;
const GROUP_GAP = 7;
const TOP = 14;
const AXIS = 14;

/** SVG text at (x, y): react-pdf's <Text> takes x, y and textAnchor inside an <Svg>, which its types leave out. */
function Label(props: { x: number; y: number; anchor?: 'start' | 'middle' | 'end'; size?: number; bold?: boolean; children: string }) {
  const style = { fontFamily: REPORT_FONTS, fontSize: props.size ?? 7.5, fontWeight: props.bold ? 'bold' : 'normal' };
  const svgText = { x: props.x, y: props.y, textAnchor: props.anchor ?? 'start', style, fill: INK };
  return <Text {...(svgText as object)}>{props.children}</Text>;
}

/** A bar in its series' pattern: solid, outlined, or outlined with upright stripes (told apart without colour). */
function Bar({ series, x, y, width }: { series: number; x: number; y: number; width: number }) {
  const kind = series % 3;
  const stripes: number[] = [];
  if (kind === 2) for (let at = x + 2.5; at < x + width - 0.5; at += 3) stripes.push(at);
  return (
    <G>
      <Rect x={x} y={y} width={Math.max(width, 0.5)} height={BAR} fill={kind === 0 ? INK : '#ffffff'} stroke={INK} strokeWidth={0.8} />
      {stripes.map((at) => (
        <Line key={at} x1={at} y1={y} x2={at} y2={y + BAR} stroke={INK} strokeWidth={0.6} />
      ))}
    </G>
  );
}

const groupHeight = (bars: number) => bars * BAR + (bars - 1) * BAR_GAP;

/**
 * Horizontal bars, grouped by measure, drawn as vector shapes. Each bar is labelled with its series
 * and value in words beside it, and the series differ in pattern, so the chart reads in black and white.
 */
export function BarChart({ chart }: { chart: ReportBarChart }) {
  const n = chart.series.length;
  const height = TOP + chart.groups.length * (groupHeight(n) + GROUP_GAP) + AXIS;
  const x = scaleLinear().domain([0, chart.max || 1]).range([LABEL_WIDTH, WIDTH - TEXT_WIDTH]).nice();
  const ticks = x.ticks(5);
  const bottom = height - AXIS;
  return (
    <Svg width={WIDTH} height={height}>
      <Label x={0} y={8} size={8.5} bold>
        {chart.title}
      </Label>
      {ticks.map((t) => (
        <G key={t}>
          <Line x1={x(t)} y1={TOP} x2={x(t)} y2={bottom} stroke={GRID} strokeWidth={0.5} />
          <Label x={x(t)} y={bottom + 9} anchor="middle" size={7}>
            {String(t)}
          </Label>
        </G>
      ))}
      <Line x1={LABEL_WIDTH} y1={TOP} x2={LABEL_WIDTH} y2={bottom} stroke={INK} strokeWidth={0.8} />
      {chart.groups.map((group, g) => {
        const top = TOP + GROUP_GAP / 2 + g * (groupHeight(n) + GROUP_GAP);
        return (
          <G key={g}>
            <Label x={LABEL_WIDTH - 5} y={top + groupHeight(n) / 2 + 2.5} anchor="end" size={7.5}>
              {group.label}
            </Label>
            {group.bars.map((bar, i) => {
              const y = top + i * (BAR + BAR_GAP);
              const end = bar.value === null ? LABEL_WIDTH : x(bar.value);
              return (
                <G key={i}>
                  {bar.value !== null && <Bar series={i} x={LABEL_WIDTH} y={y} width={end - LABEL_WIDTH} />}
                  <Label x={end + 4} y={y + BAR - 2} size={7}>
                    {n > 1 ? `${chart.series[i]}: ${bar.text}` : bar.text}
                  </Label>
                </G>
              );
            })}
          </G>
        );
      })}
    </Svg>
  );
}
