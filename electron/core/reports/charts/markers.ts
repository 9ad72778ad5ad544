import type { MarkerShape } from '../../../../shared/domain/attendance-charts';

const f = (n: number) => Number(n.toFixed(2));

/** A polygon's path through `points` (closed). */
const polygon = (points: Array<[number, number]>) => `M${points.map(([x, y]) => `${f(x)},${f(y)}`).join(' L')} Z`;

/** The points of a regular star or polygon around (x, y). */
function around(x: number, y: number, radii: number[], count: number, turn = -Math.PI / 2): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (let i = 0; i < count * radii.length; i++) {
    const r = radii[i % radii.length]!;
    const angle = turn + (i * Math.PI * 2) / (count * radii.length);
    points.push([x + r * Math.cos(angle), y + r * Math.sin(angle)]);
  }
  return points;
}

/**
 * An SVG path for a series' marker centred on (x, y), about `r` across from the centre: the same
 * shapes as the screen's charts, so a printed chart reads without colour.
 */
export function markerPath(shape: MarkerShape, x: number, y: number, r: number): string {
  switch (shape) {
    case 'circle':
      return `M${f(x - r)},${f(y)} A${f(r)},${f(r)} 0 1,0 ${f(x + r)},${f(y)} A${f(r)},${f(r)} 0 1,0 ${f(x - r)},${f(y)} Z`;
    case 'square':
      return polygon([[x - r, y - r], [x + r, y - r], [x + r, y + r], [x - r, y + r]]);
    case 'triangle':
      return polygon(around(x, y, [r * 1.2], 3));
    case 'diamond':
      return polygon(around(x, y, [r * 1.25], 4));
    case 'star':
      return polygon(around(x, y, [r * 1.3, r * 0.55], 5));
    case 'cross': {
      const t = r / 3;
      return polygon([
        [x - t, y - r], [x + t, y - r], [x + t, y - t], [x + r, y - t], [x + r, y + t], [x + t, y + t],
        [x + t, y + r], [x - t, y + r], [x - t, y + t], [x - r, y + t], [x - r, y - t], [x - t, y - t],
      ]);
    }
    case 'wye':
      return polygon(around(x, y, [r * 1.2, r * 0.35], 3, Math.PI / 2));
  }
}
