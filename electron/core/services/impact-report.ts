/**
 * The provision's impact report for an academic year, at one base or all: pupils placed, outcomes,
 * attendance and suspensions before / during / after, SDQ change and plan outcomes. Every figure is
 * worked out here from the database; a section with nothing to count says so.
 */
import { attendanceFigures, type RecordedSession, type Session } from '../../../shared/domain/attendance';
import { academicYearLabel } from '../../../shared/domain/calendar';
import { formatUkDate } from '../../../shared/domain/dates';
import { cohortFigures, type CohortFigures } from '../../../shared/domain/plan-cohort';
import { averageChangeText, cohortSdqChart, signed } from '../../../shared/domain/plan-charts';
import { OUTCOMES, OUTCOME_LABELS, type Outcome } from '../../../shared/domain/placements';
import { sdqBandRanges } from '../../../shared/domain/semh';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { findBase } from '../repositories/bases';
import { listBeforeFigures, listLatestFindings, listYearPlacements, type PlacementBefore, type YearPlacement } from '../repositories/impact';
import { listPlanPlacements } from '../repositories/plans';
import { listPupilMarks } from '../repositories/registers';
import type { ImpactData, ImpactSection, ReportTable } from '../reports/kinds';
import { cohortInputs } from './plan-views';
import { oneBase, requireInScope } from '../scope';
import type { ServiceContext } from './context';

export type ImpactContext = Pick<ServiceContext, 'scope' | 'today' | 'producedAt'>;

const uk = formatUkDate;
const ALL_BASES = 'All bases';

/** "40%" of a whole, or "–" of nothing. */
export const percentOf = (n: number, of: number) => (of === 0 ? '–' : `${Math.round((n / of) * 100)}%`);
const oneDecimal = (x: number) => Math.round(x * 10) / 10;
const average = (xs: readonly number[]) => (xs.length === 0 ? null : oneDecimal(xs.reduce((a, b) => a + b, 0) / xs.length));
const percentText = (x: number | null) => (x === null ? '–' : `${x.toFixed(1)}%`);
const pupils = (n: number) => (n === 1 ? '1 pupil' : `${n} pupils`);
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

function section(heading: string, intro: string, rest: Partial<ImpactSection>): ImpactSection {
  return { heading, intro, figures: [], chart: null, table: null, empty: null, notes: [], ...rest };
}

interface Year {
  from: string;
  /** The last day counted: 31 August, or today while the year runs. */
  to: string;
  end: string;
  running: boolean;
}

function placedSection(placements: readonly YearPlacement[], year: Year, scopeName: string, byBase: boolean): ImpactSection {
  const intro = `Placements running at any time in the year (on roll during it), and of those, the ones that started in the year; a pupil placed twice counts once as a pupil.`;
  if (placements.length === 0) return section('Pupils placed', intro, { empty: `No pupil was on roll ${scopeName === ALL_BASES ? 'at any base' : `at ${scopeName}`} in this year${year.running ? ' so far' : ''}.` });
  const started = placements.filter((p) => p.startDate >= year.from);
  const ended = placements.filter((p) => p.endDate !== null && p.endDate <= year.to);
  const bases = [...new Set(placements.map((p) => p.baseName))].sort();
  const row = (name: string, list: readonly YearPlacement[]) => {
    const e = list.filter((p) => p.endDate !== null && p.endDate <= year.to).length;
    return [name, String(new Set(list.map((p) => p.pupilId)).size), String(list.filter((p) => p.startDate >= year.from).length), String(e), String(list.length - e)];
  };
  const table: ReportTable = {
    columns: ['Base', 'Pupils on roll', 'Placements started in the year', 'Placements ended in the year', `Still placed on ${uk(year.to)}`],
    rows: [...(byBase ? bases.map((b) => row(b, placements.filter((p) => p.baseName === b))) : []), row(byBase ? 'All bases' : scopeName, placements)],
  };
  return section('Pupils placed', intro, {
    figures: [
      { label: 'Pupils on roll during the year', value: String(new Set(placements.map((p) => p.pupilId)).size) },
      { label: 'Placements started in the year', value: String(started.length) },
      { label: 'Carried on from the year before', value: String(placements.length - started.length) },
      { label: 'Placements ended in the year', value: String(ended.length) },
    ],
    table,
  });
}

/** Outcome names short enough for a chart's axis. */
const SHORT_OUTCOMES: Record<Outcome, string> = {
  'returned-full-time': 'Returned full time',
  'moved-school': 'Moved to another school',
  'special-school': 'Moved to a special school',
  withdrawn: 'Withdrawn',
  other: 'Other',
};

function outcomesSection(placements: readonly YearPlacement[], year: Year): ImpactSection {
  const intro = `How each placement that ended in the year ended, as recorded when it closed; the share is of the placements that ended.`;
  const ended = placements.filter((p) => p.endDate !== null && p.endDate <= year.to);
  const still = placements.length - ended.length;
  if (ended.length === 0) {
    return section('Outcomes at the end of the placement', intro, {
      empty: placements.length === 0 ? 'No placement to report on.' : `No placement ended in this year${year.running ? ' yet' : ''}: ${pupils(still)} still placed.`,
    });
  }
  const count = (o: Outcome | null) => ended.filter((p) => p.outcome === o).length;
  const rows: Array<{ label: string; short: string; n: number }> = OUTCOMES.filter((o) => o === 'returned-full-time' || count(o) > 0).map((o) => ({
    label: OUTCOME_LABELS[o],
    short: SHORT_OUTCOMES[o],
    n: count(o),
  }));
  const unrecorded = ended.filter((p) => !p.outcome || !(OUTCOMES as readonly string[]).includes(p.outcome)).length;
  if (unrecorded > 0) rows.push({ label: 'Outcome not recorded', short: 'Not recorded', n: unrecorded });
  const returned = count('returned-full-time');
  return section('Outcomes at the end of the placement', intro, {
    figures: [
      { label: 'Placements ended in the year', value: String(ended.length) },
      { label: 'Returned full time to the home school', value: `${returned} (${percentOf(returned, ended.length)})` },
      { label: 'Other outcomes', value: `${ended.length - returned} (${percentOf(ended.length - returned, ended.length)})` },
      { label: `Still placed on ${uk(year.to)}`, value: String(still) },
    ],
    chart: {
      title: 'Placements by outcome',
      max: Math.max(...rows.map((r) => r.n), still, 1),
      series: ['Placements'],
      groups: [...rows, { short: `Still placed on ${uk(year.to)}`, n: still }].map((r) => ({ label: r.short, bars: [{ value: r.n, text: String(r.n) }] })),
    },
    table: {
      columns: ['Outcome', 'Placements', 'Share of those ended'],
      rows: [...rows.map((r) => [r.label, String(r.n), percentOf(r.n, ended.length)]), ['All that ended', String(ended.length), '100%']],
    },
  });
}

interface PupilFigures {
  placement: YearPlacement;
  before: PlacementBefore | null;
  during: number | null;
  after: PlacementBefore | null;
}

async function duringFigures(db: Db, placements: readonly YearPlacement[], year: Year): Promise<{ each: Map<string, number | null>; pooled: number | null }> {
  const each = new Map<string, number | null>();
  const all: RecordedSession[] = [];
  for (const p of placements) {
    const rows = await listPupilMarks(db, p.pupilId, later(p.startDate, year.from), earlier(p.endDate ?? year.to, year.to));
    const sessions = rows.map((r): RecordedSession => ({ date: r.date, session: r.session as Session, expected: r.expected === 1, code: r.code }));
    all.push(...sessions);
    each.set(p.id, attendanceFigures(sessions).attendancePercent);
  }
  return { each, pooled: attendanceFigures(all).attendancePercent };
}

function attendanceSection(rows: readonly PupilFigures[], pooled: number | null, byBase: boolean): ImpactSection {
  const intro =
    'Before: the home school’s attendance in the term before the placement, recorded at referral. During: sessions attended at the Key out of possible sessions in this year, from the registers. After: the home school’s attendance since the return, from the latest follow-up visit. Averages are of pupils with a figure.';
  const before = rows.flatMap((r) => (r.before?.attendancePercent == null ? [] : [r.before.attendancePercent]));
  const during = rows.flatMap((r) => (r.during === null ? [] : [r.during]));
  const after = rows.flatMap((r) => (r.after?.attendancePercent == null ? [] : [r.after.attendancePercent]));
  if (before.length + during.length + after.length === 0) {
    return section('Attendance before, during and after', intro, { empty: 'No attendance to report: no figures before, no register marks and no follow-up findings for these placements.' });
  }
  const [b, d, a] = [average(before), average(during), average(after)];
  const both = rows.filter((r) => r.before?.attendancePercent != null && r.after?.attendancePercent != null);
  const rose = both.filter((r) => r.after!.attendancePercent! > r.before!.attendancePercent!).length;
  const n = (xs: readonly number[]) => ` (${pupils(xs.length)})`;
  const shown = rows.filter((r) => r.before?.attendancePercent != null || r.during !== null || r.after?.attendancePercent != null);
  return section('Attendance before, during and after', intro, {
    figures: [
      { label: `Before: average${n(before)}`, value: percentText(b) },
      { label: `During: average${n(during)}`, value: percentText(d) },
      { label: `After: average${n(after)}`, value: percentText(a) },
      { label: 'Attendance rose after the return', value: both.length ? `${rose} of ${both.length}` : '–' },
    ],
    chart: {
      title: 'Average attendance (%)',
      max: 100,
      series: ['Average'],
      groups: [
        { label: 'Before the placement', bars: [{ value: b, text: b === null ? 'no figures' : `${percentText(b)}${n(before)}` }] },
        { label: 'During, at the Key', bars: [{ value: d, text: d === null ? 'no register marks' : `${percentText(d)}${n(during)}` }] },
        { label: 'After the return', bars: [{ value: a, text: a === null ? 'no follow-up figures' : `${percentText(a)}${n(after)}` }] },
      ],
    },
    table: {
      columns: ['Pupil', ...(byBase ? ['Base'] : []), 'Before', 'During', 'After'],
      textColumns: byBase ? [1] : [],
      rows: shown.map((r) => [
        r.placement.pupilName,
        ...(byBase ? [r.placement.baseName] : []),
        percentText(r.before?.attendancePercent ?? null),
        percentText(r.during),
        percentText(r.after?.attendancePercent ?? null),
      ]),
    },
    notes: [
      `All sessions at the Key this year together: ${percentText(pooled)} attended.`,
      both.length ? `${pupils(both.length)} have a figure both before and after; attendance rose for ${rose} of them.` : 'No pupil has a figure both before and after yet.',
    ],
  });
}

function suspensionsSection(rows: readonly PupilFigures[], byBase: boolean): ImpactSection {
  const intro = 'Before: fixed-term suspensions in the term before the placement, recorded at referral. After: suspensions since the return, from the latest follow-up visit.';
  const before = rows.flatMap((r) => (r.before?.suspensions == null ? [] : [r.before.suspensions]));
  const after = rows.flatMap((r) => (r.after?.suspensions == null ? [] : [r.after.suspensions]));
  if (before.length + after.length === 0) return section('Suspensions before and after', intro, { empty: 'No suspension figures recorded for these placements, before or after.' });
  const sum = (xs: readonly number[]) => xs.reduce((x, y) => x + y, 0);
  const hit = (xs: readonly number[]) => xs.filter((x) => x > 0).length;
  const shown = rows.filter((r) => r.before?.suspensions != null || r.after?.suspensions != null);
  const text = (xs: readonly number[], v: number) => (xs.length ? String(v) : 'no figures');
  return section('Suspensions before and after', intro, {
    figures: [
      { label: `Suspensions before (${pupils(before.length)} with a figure)`, value: String(sum(before)) },
      { label: 'Pupils suspended before', value: `${hit(before)} of ${before.length}` },
      { label: `Suspensions after (${pupils(after.length)} with a figure)`, value: String(sum(after)) },
      { label: 'Pupils suspended after', value: `${hit(after)} of ${after.length}` },
    ],
    chart: {
      title: 'Suspensions before and after',
      max: Math.max(sum(before), sum(after), 1),
      series: ['Before', 'After'],
      groups: [
        { label: 'Suspensions', bars: [{ value: before.length ? sum(before) : null, text: text(before, sum(before)) }, { value: after.length ? sum(after) : null, text: text(after, sum(after)) }] },
        { label: 'Pupils suspended', bars: [{ value: before.length ? hit(before) : null, text: text(before, hit(before)) }, { value: after.length ? hit(after) : null, text: text(after, hit(after)) }] },
      ],
    },
    table: {
      columns: ['Pupil', ...(byBase ? ['Base'] : []), 'Before', 'After'],
      textColumns: byBase ? [1] : [],
      rows: shown.map((r) => [r.placement.pupilName, ...(byBase ? [r.placement.baseName] : []), String(r.before?.suspensions ?? '–'), String(r.after?.suspensions ?? '–')]),
    },
  });
}

function sdqSection(cohort: CohortFigures): ImpactSection {
  const intro = 'The teacher SDQ total difficulties score (0 to 40, lower is better) at baseline and the latest one, for pupils with a My Support Plan and two teacher SDQs.';
  const t = cohort.totals;
  if (t.withSdq === 0) return section('SDQ: change in total difficulties', intro, { empty: 'No pupil placed in this year has two teacher SDQs yet (a baseline and a later one).' });
  const chart = cohortSdqChart(cohort);
  const bands = sdqBandRanges('teacher', 'total');
  const inBand = (key: 'baselineBand' | 'latestBand', label: string) => chart.pupils.filter((p) => p[key] === label).length;
  return section('SDQ: change in total difficulties', intro, {
    figures: [
      { label: 'Pupils with two teacher SDQs', value: `${t.withSdq} of ${t.pupils}` },
      { label: 'Average change in SDQ total', value: averageChangeText(t.averageTotalChange) },
      { label: 'Moved to a lower band', value: `${t.movedToLowerBand} of ${t.withSdq} (${percentOf(t.movedToLowerBand, t.withSdq)})` },
    ],
    chart: {
      title: 'Pupils in each SDQ band, at baseline and latest',
      max: Math.max(...bands.flatMap((b) => [inBand('baselineBand', b.label), inBand('latestBand', b.label)]), 1),
      series: ['Baseline', 'Latest'],
      groups: bands.map((b) => ({
        label: `${b.label} (${b.from}–${b.to})`,
        bars: [inBand('baselineBand', b.label), inBand('latestBand', b.label)].map((v) => ({ value: v, text: pupils(v) })),
      })),
    },
    table: { ...chart.table, textColumns: [1, 2] },
    notes: [`A negative change is fewer difficulties. Average change ${averageChangeText(t.averageTotalChange)}, over ${pupils(t.withSdq)}.`],
  });
}

function planSection(cohort: CohortFigures, byBase: boolean): ImpactSection {
  const intro = 'My Support Plan outcomes set for the pupils on roll: improved means the latest review rated progress above “no change”, or the outcome was achieved.';
  const t = cohort.totals;
  if (t.outcomes === 0) return section('My Support Plan outcomes', intro, { empty: 'No My Support Plan outcomes were set for pupils on roll in this year.' });
  return section('My Support Plan outcomes', intro, {
    figures: [
      { label: 'Pupils with a plan', value: String(t.pupils) },
      { label: 'Outcomes set', value: String(t.outcomes) },
      { label: 'Outcomes improved', value: `${t.improved} (${percentOf(t.improved, t.outcomes)})` },
      { label: 'Outcomes achieved', value: `${t.achieved} (${percentOf(t.achieved, t.outcomes)})` },
    ],
    chart: {
      title: `Outcomes improved and achieved, of ${t.outcomes} set`,
      max: t.outcomes,
      series: ['Outcomes'],
      groups: [
        { label: 'Improved', bars: [{ value: t.improved, text: `${t.improved} of ${t.outcomes} (${percentOf(t.improved, t.outcomes)})` }] },
        { label: 'Achieved', bars: [{ value: t.achieved, text: `${t.achieved} of ${t.outcomes} (${percentOf(t.achieved, t.outcomes)})` }] },
      ],
    },
    table: {
      columns: ['Pupil', ...(byBase ? ['Base'] : []), 'Outcomes', 'Improved', 'Achieved', 'SDQ change'],
      textColumns: byBase ? [1] : [],
      rows: cohort.pupils.map((p) => [
        p.pupilName,
        ...(byBase ? [p.baseName] : []),
        String(p.outcomes),
        String(p.improved),
        String(p.achieved),
        p.sdqBaseline === null || p.sdqLatest === null ? '–' : signed(p.sdqLatest - p.sdqBaseline),
      ]),
    },
  });
}

/**
 * The impact report for academic year `year` (1 September to 31 August, or to today while it runs) at
 * `baseId`, or every base. Managers may print any; a teacher only their own base (not "All bases").
 */
export async function impactData(db: Db, input: { year: number; baseId?: string | undefined }, ctx: ImpactContext): Promise<{ data: ImpactData; fileName: string }> {
  let scopeName = ALL_BASES;
  if (input.baseId) {
    const base = requireInScope(ctx.scope, await findBase(db, input.baseId, ctx.today), 'baseId', 'You can print the impact report only for the bases you work at.', (b) => b.id);
    scopeName = base.name;
  } else if (!ctx.scope.all) {
    throw new UserError('FORBIDDEN', 'Only managers can print the impact report for all bases: choose your base.', 'baseId');
  }
  const end = `${input.year + 1}-08-31`;
  const year: Year = { from: `${input.year}-09-01`, end, to: earlier(end, ctx.today), running: ctx.today < end };
  const bases = input.baseId ? oneBase(input.baseId) : ctx.scope;
  const started = year.to >= year.from;
  const placements = started ? await listYearPlacements(db, { from: year.from, to: year.to, scope: bases }) : [];
  const ids = placements.map((p) => p.id);
  const [before, findings, during] = [await listBeforeFigures(db, ids), await listLatestFindings(db, ids), await duringFigures(db, placements, year)];
  const rows: PupilFigures[] = placements.map((p) => ({
    placement: p,
    before: before.get(p.id) ?? null,
    during: during.each.get(p.id) ?? null,
    after: p.endDate !== null ? (findings.get(p.id) ?? null) : null,
  }));
  const planned = started ? await listPlanPlacements(db, { endedFrom: year.from, startedBy: year.to, scope: bases }) : [];
  const cohort = cohortFigures(await cohortInputs(db, planned));
  const byBase = !input.baseId;
  const label = academicYearLabel(input.year);
  const period = `${uk(year.from)} to ${uk(year.to)}${year.running ? ` (the year runs to ${uk(year.end)})` : ''}`;
  const data: ImpactData = {
    scopeName,
    yearLabel: label,
    period: started ? period : `${uk(year.from)} to ${uk(year.end)} (the year has not started yet)`,
    producedAt: ctx.producedAt,
    sections: [
      placedSection(placements, year, scopeName, byBase),
      outcomesSection(placements, year),
      attendanceSection(rows, during.pooled, byBase),
      suspensionsSection(rows, byBase),
      sdqSection(cohort),
      planSection(cohort, byBase),
    ],
  };
  const safe = scopeName.replace(/[\\/:*?"<>|]+/g, '-').trim();
  return { data, fileName: `Impact report - ${safe} - ${label.replace('/', '-')}.pdf` };
}
