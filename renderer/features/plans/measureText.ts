import {
  BOXALL_STRANDS,
  LEUVEN_SCALE_LABELS,
  LEUVEN_SCALES,
  leuvenText,
  SDQ_SCALE_LABELS,
  SDQ_SUBSCALES,
  sdqResult,
  type Measure,
} from '../../../shared/domain/semh';

/** A measure's scores as lines to read: SDQ total and subscales with their bands, Boxall strands, Leuven levels. */
export function measureLines(m: Measure): string[] {
  switch (m.kind) {
    case 'sdq-teacher':
    case 'sdq-parent': {
      const r = sdqResult(m.kind === 'sdq-teacher' ? 'teacher' : 'parent', m.scores);
      return [
        `${SDQ_SCALE_LABELS.total}: ${r.total} – ${r.bands.total.label}`,
        ...SDQ_SUBSCALES.map((s) => `${SDQ_SCALE_LABELS[s]}: ${m.scores[s]} – ${r.bands[s].label}`),
        ...(m.scores.impact === null ? [] : [`Impact: ${m.scores.impact}`]),
      ];
    }
    case 'boxall':
      return BOXALL_STRANDS.filter((s) => m.scores[s.key] !== undefined).map((s) => `${s.key} ${s.label}: ${m.scores[s.key]}`);
    case 'leuven':
      return LEUVEN_SCALES.map((s) => `${LEUVEN_SCALE_LABELS[s]}: ${leuvenText(m.scores[s])}`);
  }
}
