import { Symbols } from 'recharts';
import type { MarkerShape } from '../../../../shared/domain/attendance-charts';

/** Dark strokes that stay apart in greyscale; the markers and dashes carry the meaning. */
export const STROKES = ['#1c3f7a', '#3d3d3d', '#1f5f4f', '#6b3d1f', '#4a3b6b', '#5c5c5c', '#2f2f2f'];
export const AXIS = { stroke: '#3d3d3d', tick: { fill: '#2b2b2b', fontSize: 12 } } as const;

interface DotProps {
  cx?: number | null;
  cy?: number | null;
  index?: number;
  value?: unknown;
}

/**
 * A series' points in its own shape, so lines can be told apart without colour; `note` writes a word
 * beside one point (an outcome's "Achieved").
 */
export const markerDot = (shape: MarkerShape, stroke: string, key: string, note?: { index: number; text: string }) =>
  function MarkerDot(props: DotProps) {
    const k = `${key}-${props.index ?? 0}`;
    if (props.cx == null || props.cy == null || props.value == null) return <g key={k} />;
    return (
      <g key={k}>
        <Symbols cx={props.cx} cy={props.cy} type={shape} size={70} fill={shape === 'cross' || shape === 'wye' ? stroke : '#ffffff'} stroke={stroke} strokeWidth={2} />
        {note && note.index === props.index && (
          <text x={props.cx} y={props.cy - 10} textAnchor="middle" fontSize={11} fontWeight={700} fill="#1b1b1b">
            {note.text}
          </text>
        )}
      </g>
    );
  };

/** Diagonal hatching for a bar drawn beside a solid one, so the two read apart in print. */
export function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
        <rect width={6} height={6} fill="#ffffff" />
        <line x1={0} y1={0} x2={0} y2={6} stroke="#3d3d3d" strokeWidth={3} />
      </pattern>
    </defs>
  );
}
