import { describe, expect, it } from 'vitest';
import {
  MEASURE_SCORE_SCHEMAS,
  measureScoresSchema,
  sdqBand,
  sdqBandRanges,
  sdqResult,
  sdqTotal,
  type SdqScale,
  type SdqVersion,
} from '../../../shared/domain/semh';

/** The published bands, from the domain primer: each band's [from, to], best first. */
const TEACHER: Record<SdqScale, Array<[number, number]>> = {
  total: [[0, 11], [12, 15], [16, 18], [19, 40]],
  emotional: [[0, 3], [4, 4], [5, 5], [6, 10]],
  conduct: [[0, 2], [3, 3], [4, 4], [5, 10]],
  hyperactivity: [[0, 5], [6, 7], [8, 8], [9, 10]],
  peer: [[0, 2], [3, 4], [5, 5], [6, 10]],
  // Low is worse: close to average 6–10, slightly lowered 5, low 4, very low 0–3.
  prosocial: [[6, 10], [5, 5], [4, 4], [0, 3]],
};
const PARENT: Record<SdqScale, Array<[number, number]>> = {
  total: [[0, 13], [14, 16], [17, 40]],
  emotional: [[0, 3], [4, 4], [5, 10]],
  conduct: [[0, 2], [3, 3], [4, 10]],
  hyperactivity: [[0, 5], [6, 6], [7, 10]],
  peer: [[0, 2], [3, 3], [4, 10]],
  prosocial: [[8, 10], [7, 7], [0, 6]],
};
const WORDS = {
  teacher: ['Close to average', 'Slightly raised', 'High', 'Very high'],
  teacherProsocial: ['Close to average', 'Slightly lowered', 'Low', 'Very low'],
  parent: ['Normal', 'Borderline', 'Abnormal'],
};
const TABLES: Record<SdqVersion, Record<SdqScale, Array<[number, number]>>> = { teacher: TEACHER, parent: PARENT };
const wordsFor = (version: SdqVersion, scale: SdqScale) =>
  version === 'parent' ? WORDS.parent : scale === 'prosocial' ? WORDS.teacherProsocial : WORDS.teacher;
const SCALES: SdqScale[] = ['emotional', 'conduct', 'hyperactivity', 'peer', 'prosocial', 'total'];

describe('SDQ bands from the published cut-offs', () => {
  for (const version of ['teacher', 'parent'] as const) {
    for (const scale of SCALES) {
      const bands = TABLES[version][scale];
      const words = wordsFor(version, scale);
      it(`${version} ${scale}: both ends of every band fall in that band`, () => {
        bands.forEach(([from, to], rank) => {
          for (const score of [from, to]) {
            expect(sdqBand(version, scale, score), `${version} ${scale} ${score}`).toEqual({ rank, label: words[rank], of: bands.length });
          }
        });
      });

      it(`${version} ${scale}: one point either side of each cut-off changes band`, () => {
        // Walk the boundaries in score order, whichever way the bands run.
        const byScore = bands.map(([from, to], rank) => ({ from, to, rank })).sort((a, b) => a.from - b.from);
        for (let i = 0; i < byScore.length - 1; i++) {
          const below = byScore[i]!;
          const above = byScore[i + 1]!;
          expect(above.from).toBe(below.to + 1);
          expect(sdqBand(version, scale, below.to).label).toBe(words[below.rank]);
          expect(sdqBand(version, scale, above.from).label).toBe(words[above.rank]);
          expect(sdqBand(version, scale, below.to).rank).not.toBe(sdqBand(version, scale, above.from).rank);
        }
      });

      it(`${version} ${scale}: the band ranges match the published table`, () => {
        expect(sdqBandRanges(version, scale)).toEqual(bands.map(([from, to], i) => ({ label: words[i], from, to })));
      });
    }
  }

  it('never calls a prosocial score "high" (a low prosocial score is the concern)', () => {
    for (let score = 0; score <= 10; score++) {
      expect(sdqBand('teacher', 'prosocial', score).label).not.toMatch(/high|raised/i);
    }
    expect(sdqBand('teacher', 'prosocial', 10).label).toBe('Close to average');
    expect(sdqBand('teacher', 'prosocial', 0).label).toBe('Very low');
  });

  it('has four teacher bands and three parent bands', () => {
    expect(sdqBand('teacher', 'total', 40).of).toBe(4);
    expect(sdqBand('parent', 'total', 40).of).toBe(3);
  });

  it('refuses a score outside the scale', () => {
    expect(() => sdqBand('teacher', 'emotional', 11)).toThrow('Emotional symptoms must be a whole number from 0 to 10.');
    expect(() => sdqBand('teacher', 'total', 41)).toThrow('Total difficulties must be a whole number from 0 to 40.');
    expect(() => sdqBand('parent', 'peer', -1)).toThrow(RangeError);
    expect(() => sdqBand('parent', 'peer', 2.5)).toThrow(RangeError);
  });
});

describe('SDQ total difficulties', () => {
  const scores = { emotional: 4, conduct: 3, hyperactivity: 8, peer: 2, prosocial: 9, impact: null };

  it('adds the four difficulty subscales and leaves prosocial out', () => {
    expect(sdqTotal(scores)).toBe(17);
    expect(sdqTotal({ ...scores, prosocial: 0 })).toBe(17);
    expect(sdqTotal({ emotional: 10, conduct: 10, hyperactivity: 10, peer: 10, prosocial: 10 })).toBe(40);
  });

  it('gives every band of a result, the total banded on the computed total', () => {
    const teacher = sdqResult('teacher', scores);
    expect(teacher.total).toBe(17);
    expect(teacher.bands.total.label).toBe('High');
    expect(teacher.bands.emotional.label).toBe('Slightly raised');
    expect(teacher.bands.conduct.label).toBe('Slightly raised');
    expect(teacher.bands.hyperactivity.label).toBe('High');
    expect(teacher.bands.peer.label).toBe('Close to average');
    expect(teacher.bands.prosocial.label).toBe('Close to average');
    const parent = sdqResult('parent', scores);
    expect(parent.bands.total.label).toBe('Abnormal');
    expect(parent.bands.hyperactivity.label).toBe('Abnormal');
    expect(parent.bands.prosocial.label).toBe('Normal');
  });
});

describe('SEMH score input', () => {
  const sdq = { emotional: 4, conduct: 3, hyperactivity: 8, peer: 2, prosocial: 9 };
  const messages = (result: { success: boolean; error?: { issues: Array<{ message: string; path: PropertyKey[] }> } }) =>
    result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('takes whole scores from 0 to 10 and an optional impact score', () => {
    expect(MEASURE_SCORE_SCHEMAS['sdq-teacher'].parse(sdq)).toEqual({ ...sdq, impact: null });
    expect(MEASURE_SCORE_SCHEMAS['sdq-teacher'].parse({ ...sdq, emotional: 0, peer: 10, impact: 6 })).toEqual({ ...sdq, emotional: 0, peer: 10, impact: 6 });
    expect(MEASURE_SCORE_SCHEMAS['sdq-parent'].parse({ ...sdq, impact: 10 }).impact).toBe(10);
  });

  for (const kind of ['sdq-teacher', 'sdq-parent'] as const) {
    it(`${kind}: refuses 11, −1 and 2.5, naming the subscale`, () => {
      expect(messages(MEASURE_SCORE_SCHEMAS[kind].safeParse({ ...sdq, emotional: 11 }))).toEqual(['emotional: The emotional symptoms score must be from 0 to 10.']);
      expect(messages(MEASURE_SCORE_SCHEMAS[kind].safeParse({ ...sdq, conduct: -1 }))).toEqual(['conduct: The conduct problems score must be from 0 to 10.']);
      expect(messages(MEASURE_SCORE_SCHEMAS[kind].safeParse({ ...sdq, hyperactivity: 2.5 }))).toEqual(['hyperactivity: The hyperactivity score must be a whole number.']);
      expect(messages(MEASURE_SCORE_SCHEMAS[kind].safeParse({ ...sdq, prosocial: 11 }))).toEqual(['prosocial: The prosocial score must be from 0 to 10.']);
      expect(messages(MEASURE_SCORE_SCHEMAS[kind].safeParse({ ...sdq, peer: undefined }))[0]).toBe('peer: Enter the peer problems score as a number from 0 to 10.');
    });
  }

  it('refuses an impact score above 6 on the teacher version and above 10 on the parent version', () => {
    expect(messages(MEASURE_SCORE_SCHEMAS['sdq-teacher'].safeParse({ ...sdq, impact: 7 }))).toEqual(['impact: The impact score must be from 0 to 6.']);
    expect(MEASURE_SCORE_SCHEMAS['sdq-parent'].safeParse({ ...sdq, impact: 7 }).success).toBe(true);
    expect(messages(MEASURE_SCORE_SCHEMAS['sdq-parent'].safeParse({ ...sdq, impact: 11 }))).toEqual(['impact: The impact score must be from 0 to 10.']);
  });

  it('refuses a Boxall section whose strands add up to more than 34 items × 4', () => {
    expect(MEASURE_SCORE_SCHEMAS.boxall.safeParse({ A: 68, B: 68 }).success).toBe(true);
    expect(messages(MEASURE_SCORE_SCHEMAS.boxall.safeParse({ A: 68, B: 69 }))).toEqual([
      'A: The strand scores in the developmental strands add up to 137: a section of 34 items scored 0–4 totals at most 136.',
    ]);
    expect(messages(MEASURE_SCORE_SCHEMAS.boxall.safeParse({ Q: 100, Z: 37 }))).toEqual([
      'Q: The strand scores in the diagnostic profile add up to 137: a section of 34 items scored 0–4 totals at most 136.',
    ]);
    // Each section is checked on its own: 136 in each is allowed.
    expect(MEASURE_SCORE_SCHEMAS.boxall.safeParse({ A: 136, Q: 136 }).success).toBe(true);
    expect(messages(MEASURE_SCORE_SCHEMAS.boxall.safeParse({}))).toEqual(['A: Enter at least one strand score.']);
    expect(messages(MEASURE_SCORE_SCHEMAS.boxall.safeParse({ C: -1 }))[0]).toMatch(/^C: Strand C \(connects up experiences\) must be from 0 to 136\.$/);
  });

  it('takes Leuven levels 1 to 5 and refuses 0 and 6', () => {
    expect(MEASURE_SCORE_SCHEMAS.leuven.parse({ wellbeing: 1, involvement: 5 })).toEqual({ wellbeing: 1, involvement: 5 });
    expect(messages(MEASURE_SCORE_SCHEMAS.leuven.safeParse({ wellbeing: 0, involvement: 3 }))).toEqual(['wellbeing: Wellbeing must be from 1 to 5.']);
    expect(messages(MEASURE_SCORE_SCHEMAS.leuven.safeParse({ wellbeing: 3, involvement: 6 }))).toEqual(['involvement: Involvement must be from 1 to 5.']);
  });

  it('checks the scores against the kind of measure they are for', () => {
    expect(measureScoresSchema.safeParse({ kind: 'leuven', scores: sdq }).success).toBe(false);
    expect(messages(measureScoresSchema.safeParse({ kind: 'sdq', scores: sdq }))).toEqual(['kind: Choose which measure this is.']);
  });
});
