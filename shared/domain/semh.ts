import { z } from 'zod';

/**
 * SEMH measures taken at the start of a placement, at reviews and at the end: the SDQ (teacher and
 * parent versions), Boxall Profile strand scores and the Leuven scales. Bands are computed from the
 * published cut-offs, never typed. Boxall's cut-offs are licensed: only its scores are kept.
 */

export const MEASURE_KINDS = ['sdq-teacher', 'sdq-parent', 'boxall', 'leuven'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export const MEASURE_KIND_LABELS: Record<MeasureKind, string> = {
  'sdq-teacher': 'SDQ (teacher)',
  'sdq-parent': 'SDQ (parent or carer)',
  boxall: 'Boxall Profile',
  leuven: 'Leuven scales',
};

export const MEASURE_POINTS = ['baseline', 'review', 'exit'] as const;
export type MeasurePoint = (typeof MEASURE_POINTS)[number];
export const MEASURE_POINT_LABELS: Record<MeasurePoint, string> = { baseline: 'Baseline', review: 'Review', exit: 'Exit' };

// ---------------------------------------------------------------- SDQ

export const SDQ_SUBSCALES = ['emotional', 'conduct', 'hyperactivity', 'peer', 'prosocial'] as const;
export type SdqSubscale = (typeof SDQ_SUBSCALES)[number];
export type SdqScale = SdqSubscale | 'total';
/** The four that make up total difficulties; prosocial is not in the total. */
export const SDQ_DIFFICULTIES = ['emotional', 'conduct', 'hyperactivity', 'peer'] as const satisfies readonly SdqSubscale[];

export const SDQ_SCALE_LABELS: Record<SdqScale, string> = {
  emotional: 'Emotional symptoms',
  conduct: 'Conduct problems',
  hyperactivity: 'Hyperactivity and inattention',
  peer: 'Peer relationship problems',
  prosocial: 'Prosocial behaviour',
  total: 'Total difficulties',
};

export type SdqVersion = 'teacher' | 'parent';

export interface SdqScores {
  emotional: number;
  conduct: number;
  hyperactivity: number;
  peer: number;
  prosocial: number;
  /** The impact supplement, when it was completed (teacher 0–6, parent 0–10). */
  impact: number | null;
}

export const SDQ_IMPACT_MAX: Record<SdqVersion, number> = { teacher: 6, parent: 10 };

/** Total difficulties, 0–40: emotional + conduct + hyperactivity + peer. */
export function sdqTotal(scores: Pick<SdqScores, SdqSubscale>): number {
  return SDQ_DIFFICULTIES.reduce((sum, scale) => sum + scores[scale], 0);
}

/**
 * Each scale's bands, best first: the highest score (or, for prosocial, the lowest) in each band but
 * the last. Teacher version: the four-band categorisation; parent version: the original three bands.
 */
interface BandTable {
  /** Upper bound of each band but the last, for difficulty scales (higher is worse). */
  upper?: readonly number[];
  /** Lower bound of each band but the last, for prosocial (lower is worse). */
  lower?: readonly number[];
  labels: readonly string[];
}

const TEACHER_WORDS = ['Close to average', 'Slightly raised', 'High', 'Very high'] as const;
const TEACHER_PROSOCIAL_WORDS = ['Close to average', 'Slightly lowered', 'Low', 'Very low'] as const;
const PARENT_WORDS = ['Normal', 'Borderline', 'Abnormal'] as const;

const SDQ_BANDS: Record<SdqVersion, Record<SdqScale, BandTable>> = {
  teacher: {
    total: { upper: [11, 15, 18], labels: TEACHER_WORDS },
    emotional: { upper: [3, 4, 5], labels: TEACHER_WORDS },
    conduct: { upper: [2, 3, 4], labels: TEACHER_WORDS },
    hyperactivity: { upper: [5, 7, 8], labels: TEACHER_WORDS },
    peer: { upper: [2, 4, 5], labels: TEACHER_WORDS },
    prosocial: { lower: [6, 5, 4], labels: TEACHER_PROSOCIAL_WORDS },
  },
  parent: {
    total: { upper: [13, 16], labels: PARENT_WORDS },
    emotional: { upper: [3, 4], labels: PARENT_WORDS },
    conduct: { upper: [2, 3], labels: PARENT_WORDS },
    hyperactivity: { upper: [5, 6], labels: PARENT_WORDS },
    peer: { upper: [2, 3], labels: PARENT_WORDS },
    prosocial: { lower: [8, 7], labels: PARENT_WORDS },
  },
};

export interface SdqBand {
  /** 0 is the band closest to average; higher is more concern. Compare ranks within one version. */
  rank: number;
  label: string;
  /** How many bands this version has (4 teacher, 3 parent). */
  of: number;
}

export function sdqScaleMax(scale: SdqScale): number {
  return scale === 'total' ? 40 : 10;
}

/** The band a score falls in, from the published cut-offs. Throws on a score outside the scale. */
export function sdqBand(version: SdqVersion, scale: SdqScale, score: number): SdqBand {
  if (!Number.isInteger(score) || score < 0 || score > sdqScaleMax(scale)) {
    throw new RangeError(`${SDQ_SCALE_LABELS[scale]} must be a whole number from 0 to ${sdqScaleMax(scale)}.`);
  }
  const table = SDQ_BANDS[version][scale];
  let rank: number;
  if (table.upper) {
    rank = table.upper.findIndex((top) => score <= top);
    if (rank === -1) rank = table.upper.length;
  } else {
    rank = table.lower!.findIndex((bottom) => score >= bottom);
    if (rank === -1) rank = table.lower!.length;
  }
  return { rank, label: table.labels[rank]!, of: table.labels.length };
}

/** The score ranges of each band, as "0–11", for legends and tables (best band first). */
export function sdqBandRanges(version: SdqVersion, scale: SdqScale): Array<{ label: string; from: number; to: number }> {
  const table = SDQ_BANDS[version][scale];
  const max = sdqScaleMax(scale);
  if (table.upper) {
    const tops = [...table.upper, max];
    return tops.map((to, i) => ({ label: table.labels[i]!, from: i === 0 ? 0 : tops[i - 1]! + 1, to }));
  }
  const bottoms = [...table.lower!, 0];
  return bottoms.map((from, i) => ({ label: table.labels[i]!, from, to: i === 0 ? max : bottoms[i - 1]! - 1 }));
}

export interface SdqResult {
  version: SdqVersion;
  scores: SdqScores;
  total: number;
  bands: Record<SdqScale, SdqBand>;
}

export function sdqResult(version: SdqVersion, scores: SdqScores): SdqResult {
  const total = sdqTotal(scores);
  const bands = Object.fromEntries(
    [...SDQ_SUBSCALES, 'total' as const].map((scale) => [scale, sdqBand(version, scale, scale === 'total' ? total : scores[scale])]),
  ) as Record<SdqScale, SdqBand>;
  return { version, scores, total, bands };
}

// ---------------------------------------------------------------- Boxall Profile

/** Section I (developmental strands) and section II (diagnostic profile), 34 items each, scored 0–4. */
export const BOXALL_SECTIONS = ['developmental', 'diagnostic'] as const;
export type BoxallSection = (typeof BOXALL_SECTIONS)[number];
export const BOXALL_SECTION_LABELS: Record<BoxallSection, string> = {
  developmental: 'Developmental strands',
  diagnostic: 'Diagnostic profile',
};
export const BOXALL_ITEMS_PER_SECTION = 34;
export const BOXALL_ITEM_MAX = 4;
/** A section's strand scores can add up to at most 34 items × 4. */
export const BOXALL_SECTION_MAX = BOXALL_ITEMS_PER_SECTION * BOXALL_ITEM_MAX;

export const BOXALL_STRANDS = [
  { key: 'A', section: 'developmental', label: 'Gives purposeful attention' },
  { key: 'B', section: 'developmental', label: 'Participates constructively' },
  { key: 'C', section: 'developmental', label: 'Connects up experiences' },
  { key: 'D', section: 'developmental', label: 'Shows insightful involvement' },
  { key: 'E', section: 'developmental', label: 'Engages cognitively with peers' },
  { key: 'F', section: 'developmental', label: 'Is emotionally secure' },
  { key: 'G', section: 'developmental', label: 'Is biddable and accepts constraints' },
  { key: 'H', section: 'developmental', label: 'Accommodates to others' },
  { key: 'I', section: 'developmental', label: 'Responds constructively to others' },
  { key: 'J', section: 'developmental', label: 'Maintains internalised standards' },
  { key: 'Q', section: 'diagnostic', label: 'Disengaged' },
  { key: 'R', section: 'diagnostic', label: 'Self-negating' },
  { key: 'S', section: 'diagnostic', label: 'Makes undifferentiated attachments' },
  { key: 'T', section: 'diagnostic', label: 'Shows inconsequential behaviour' },
  { key: 'U', section: 'diagnostic', label: 'Craves attachment, reassurance' },
  { key: 'V', section: 'diagnostic', label: 'Avoids or rejects attachment' },
  { key: 'W', section: 'diagnostic', label: 'Has undeveloped or insecure sense of self' },
  { key: 'X', section: 'diagnostic', label: 'Shows negativism towards self' },
  { key: 'Y', section: 'diagnostic', label: 'Shows negativism towards others' },
  { key: 'Z', section: 'diagnostic', label: 'Wants, grabs, disregarding others' },
] as const satisfies ReadonlyArray<{ key: string; section: BoxallSection; label: string }>;
export type BoxallStrand = (typeof BOXALL_STRANDS)[number]['key'];

/** Strand scores; a strand not scored is left out (a school may complete only section I). */
export type BoxallScores = Partial<Record<BoxallStrand, number>>;

// ---------------------------------------------------------------- Leuven scales

export const LEUVEN_SCALES = ['wellbeing', 'involvement'] as const;
export type LeuvenScale = (typeof LEUVEN_SCALES)[number];
export const LEUVEN_SCALE_LABELS: Record<LeuvenScale, string> = { wellbeing: 'Wellbeing', involvement: 'Involvement' };
export const LEUVEN_LEVELS = ['Extremely low', 'Low', 'Moderate', 'High', 'Extremely high'] as const;
export type LeuvenScores = Record<LeuvenScale, number>;

/** "4 – High" */
export const leuvenText = (level: number) => `${level} – ${LEUVEN_LEVELS[level - 1] ?? '?'}`;

// ---------------------------------------------------------------- input schemas

const whole = (label: string, min: number, max: number) =>
  z
    .number({ error: `Enter ${label} as a number from ${min} to ${max}.` })
    .int(`${label[0]!.toUpperCase()}${label.slice(1)} must be a whole number.`)
    .min(min, `${label[0]!.toUpperCase()}${label.slice(1)} must be from ${min} to ${max}.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be from ${min} to ${max}.`);

const sdqScoresSchema = (version: SdqVersion) =>
  z
    .object({
      emotional: whole('the emotional symptoms score', 0, 10),
      conduct: whole('the conduct problems score', 0, 10),
      hyperactivity: whole('the hyperactivity score', 0, 10),
      peer: whole('the peer problems score', 0, 10),
      prosocial: whole('the prosocial score', 0, 10),
      impact: whole('the impact score', 0, SDQ_IMPACT_MAX[version]).nullable().optional().transform((v) => v ?? null),
    })
    .strict();

const boxallScoresSchema = z
  .object(Object.fromEntries(BOXALL_STRANDS.map((s) => [s.key, whole(`strand ${s.key} (${s.label.toLowerCase()})`, 0, BOXALL_SECTION_MAX).optional()])) as Record<BoxallStrand, z.ZodOptional<ReturnType<typeof whole>>>)
  .strict()
  .superRefine((scores, ctx) => {
    const given = BOXALL_STRANDS.filter((s) => scores[s.key] !== undefined);
    if (given.length === 0) ctx.addIssue({ code: 'custom', message: 'Enter at least one strand score.', path: [BOXALL_STRANDS[0].key] });
    for (const section of BOXALL_SECTIONS) {
      const strands = BOXALL_STRANDS.filter((s) => s.section === section);
      const sum = strands.reduce((acc, s) => acc + (scores[s.key] ?? 0), 0);
      if (sum > BOXALL_SECTION_MAX) {
        ctx.addIssue({
          code: 'custom',
          message: `The strand scores in the ${BOXALL_SECTION_LABELS[section].toLowerCase()} add up to ${sum}: a section of ${BOXALL_ITEMS_PER_SECTION} items scored 0–${BOXALL_ITEM_MAX} totals at most ${BOXALL_SECTION_MAX}.`,
          path: [strands[0]!.key],
        });
      }
    }
  });

const leuvenScoresSchema = z
  .object({ wellbeing: whole('wellbeing', 1, 5), involvement: whole('involvement', 1, 5) })
  .strict();

/** The scores each kind of measure allows, each in its range. */
export const MEASURE_SCORE_SCHEMAS = {
  'sdq-teacher': sdqScoresSchema('teacher'),
  'sdq-parent': sdqScoresSchema('parent'),
  boxall: boxallScoresSchema,
  leuven: leuvenScoresSchema,
} as const;

/** A measure's kind and scores, checked together. */
export const measureScoresSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('sdq-teacher'), scores: MEASURE_SCORE_SCHEMAS['sdq-teacher'] }),
    z.object({ kind: z.literal('sdq-parent'), scores: MEASURE_SCORE_SCHEMAS['sdq-parent'] }),
    z.object({ kind: z.literal('boxall'), scores: MEASURE_SCORE_SCHEMAS.boxall }),
    z.object({ kind: z.literal('leuven'), scores: MEASURE_SCORE_SCHEMAS.leuven }),
  ],
  { error: 'Choose which measure this is.' },
);
export type MeasureScores = z.output<typeof measureScoresSchema>;

/** One measure as recorded. */
export type Measure = MeasureScores & {
  id: string;
  pupilId: string;
  placementId: string;
  point: MeasurePoint;
  takenOn: string;
  /** Who completed it ("Class teacher", "Mum"), as staff wrote it. */
  completedBy: string | null;
  recordedByName: string;
  recordedAt: string;
};

export const sdqVersionOf = (kind: MeasureKind): SdqVersion | null =>
  kind === 'sdq-teacher' ? 'teacher' : kind === 'sdq-parent' ? 'parent' : null;
