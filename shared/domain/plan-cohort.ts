import { sdqBand, type SdqBand } from './semh';

/**
 * What a year's plans achieved at a base (or both): outcomes improved or achieved, pupils whose SDQ
 * total moved to a lower band, and the average change in the SDQ total. The cohort view and the
 * impact report both draw these numbers. SDQ figures use the teacher version (the Key's own staff
 * complete it at baseline and exit); a pupil needs two teacher SDQs to count.
 */
export interface CohortPlacementInput {
  placementId: string;
  pupilId: string;
  pupilName: string;
  baseName: string;
  startDate: string;
  endDate: string | null;
  /** Each outcome's ratings at the reviews that rated it, oldest first, and whether one was achieved. */
  outcomes: Array<{ id: string; ratings: Array<number | null>; achieved: boolean }>;
  /** Teacher SDQ totals, oldest first. */
  sdqTotals: Array<{ takenOn: string; total: number }>;
}

/** A pupil's row in the cohort: their placement as given, with its figures. */
export interface CohortPupil extends Omit<CohortPlacementInput, 'outcomes' | 'sdqTotals'> {
  outcomes: number;
  /** Latest rating above "no change", or achieved. */
  improved: number;
  achieved: number;
  sdqBaseline: number | null;
  sdqLatest: number | null;
  bandBaseline: SdqBand | null;
  bandLatest: SdqBand | null;
}

export interface CohortFigures {
  pupils: CohortPupil[];
  totals: {
    pupils: number;
    outcomes: number;
    improved: number;
    achieved: number;
    /** Pupils with a baseline and a later teacher SDQ. */
    withSdq: number;
    movedToLowerBand: number;
    /** Latest minus baseline total, averaged (negative is fewer difficulties); null without pairs. */
    averageTotalChange: number | null;
  };
}

/** Rounded half away from zero, so a fall of 1.25 reads −1.3 as a rise of 1.25 reads +1.3 (Math.round takes −1.25 to −1.2). */
const oneDecimal = (x: number) => Math.sign(x) * Math.round(Math.abs(x) * 10) / 10 || 0;

export function cohortFigures(placements: readonly CohortPlacementInput[]): CohortFigures {
  const pupils = placements.map((p): CohortPupil => {
    const improved = p.outcomes.filter((o) => o.achieved || (o.ratings.filter((r) => r !== null).at(-1) ?? 0) > 0).length;
    const first = p.sdqTotals[0] ?? null;
    const last = p.sdqTotals.length > 1 ? p.sdqTotals.at(-1)! : null;
    return {
      placementId: p.placementId,
      pupilId: p.pupilId,
      pupilName: p.pupilName,
      baseName: p.baseName,
      startDate: p.startDate,
      endDate: p.endDate,
      outcomes: p.outcomes.length,
      improved,
      achieved: p.outcomes.filter((o) => o.achieved).length,
      sdqBaseline: first?.total ?? null,
      sdqLatest: last?.total ?? null,
      bandBaseline: first ? sdqBand('teacher', 'total', first.total) : null,
      bandLatest: last ? sdqBand('teacher', 'total', last.total) : null,
    };
  });
  const paired = pupils.filter((p) => p.sdqBaseline !== null && p.sdqLatest !== null);
  const sum = (f: (p: CohortPupil) => number) => pupils.reduce((acc, p) => acc + f(p), 0);
  return {
    pupils,
    totals: {
      pupils: pupils.length,
      outcomes: sum((p) => p.outcomes),
      improved: sum((p) => p.improved),
      achieved: sum((p) => p.achieved),
      withSdq: paired.length,
      movedToLowerBand: paired.filter((p) => p.bandLatest!.rank < p.bandBaseline!.rank).length,
      averageTotalChange: paired.length === 0 ? null : oneDecimal(paired.reduce((acc, p) => acc + (p.sdqLatest! - p.sdqBaseline!), 0) / paired.length),
    },
  };
}
