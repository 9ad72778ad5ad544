/**
 * A placement's reintegration report, built only from the database: the cover, needs and what has
 * helped (from the current My Support Plan and the texts written for the report), attendance beside
 * the term before, outcome ratings, SEMH measures, recommendations, the phased return, follow-up
 * visits and the sign-off block. Other reports (issue, batch, impact) call `buildReintegrationData`.
 */
import { pupilWeeklyChart, percentText } from '../../../shared/domain/attendance-charts';
import { formatUkDate } from '../../../shared/domain/dates';
import { followUpSchedule } from '../../../shared/domain/follow-ups';
import { OUTCOME_LABELS, type Placement } from '../../../shared/domain/placements';
import { outcomeRatingsChart, sdqChart } from '../../../shared/domain/plan-charts';
import { ABOUT_ME_LABELS, NEED_AREA_LABELS, NEED_AREAS, type AboutMeField, type SupportPlan } from '../../../shared/domain/plans';
import { PATHWAY_LABELS } from '../../../shared/domain/pupil-record';
import { yearGroupLabel } from '../../../shared/domain/pupils';
import type { SdqChart } from '../../../shared/domain/plan-charts';
import type { Db } from '../db/dialect';
import { findBefore, getKeyworkSettings, listAssignments, listFollowUpVisits } from '../repositories/keywork';
import { listMeasures } from '../repositories/measures';
import { loadPlans } from '../repositories/plans';
import type { LabelledText, ReintegrationAttendance, ReintegrationData } from '../reports/reintegration-data';
import { pupilAttendance } from './attendance';
import { buildSupportPlan } from './plan-build';
import { planPlacementOf } from './plans';
import { requireVisiblePupil } from './pupils';
import { placementTimetable } from './placement-end';
import { followUpTable, boxallTable, leuvenTable, timetableWeeks } from './reintegration-sections';
import { loadReportTexts, requireReportPlacement, type ReportTextsContext } from './report-texts';

export interface ReintegrationContext extends ReportTextsContext {
  /** The classroom clock, HH:MM. */
  timeNow: string;
}

export const NONE_SAID = {
  plan: 'No My Support Plan was written for this placement.',
  ratings: 'No review has rated the plan’s outcomes yet.',
  attendance: 'No attendance recorded at the Key yet.',
  before: 'Attendance and suspensions in the term before the placement were not recorded.',
  sdq: 'No SDQ recorded yet.',
  timetable: 'No start date has been agreed, so there is no timetable yet.',
  followUps: 'No end date or planned end yet, so no follow-up visits are scheduled.',
} as const;

const uk = formatUkDate;
const HELPED: readonly AboutMeField[] = ['whatHelps', 'whatDoesNotHelp', 'signsStruggling', 'howToHelp', 'whoITrust'];
const written = (rows: LabelledText[]) => rows.filter((r) => r.text.trim() !== '');

function cover(p: Placement, pupil: Awaited<ReturnType<typeof requireVisiblePupil>>, keyworker: string | null): LabelledText[] {
  const end = p.endDate ? uk(p.endDate) : p.plannedEnd ? `${uk(p.plannedEnd)} (planned)` : 'Not agreed yet';
  return [
    { label: 'Pupil', text: `${pupil.legalFirstName} ${pupil.legalLastName}${pupil.preferredName && pupil.preferredName !== pupil.legalFirstName ? ` (known as ${pupil.preferredName})` : ''}` },
    { label: 'Date of birth', text: uk(pupil.dateOfBirth) },
    { label: 'Year group', text: yearGroupLabel(pupil.yearGroup) },
    { label: 'Home school', text: pupil.homeSchoolName ?? p.referringSchoolName },
    { label: 'Base at the Key', text: p.baseName ?? '' },
    { label: 'Placement started', text: p.startDate ? uk(p.startDate) : 'Not started yet' },
    { label: p.endDate ? 'Placement ended' : 'Placement ends', text: end },
    { label: 'Pathway', text: PATHWAY_LABELS[pupil.pathway] },
    ...(p.outcome ? [{ label: 'Outcome of the placement', text: OUTCOME_LABELS[p.outcome] + (p.outcomeNotes ? `. ${p.outcomeNotes}` : '') }] : []),
    { label: 'Keyworker', text: keyworker ?? 'Not assigned' },
  ];
}

async function attendanceSection(db: Db, p: Placement, ctx: ReintegrationContext): Promise<ReintegrationAttendance> {
  const before = await findBefore(db, p.id);
  const beforeText =
    before && (before.attendancePercent !== null || before.suspensions !== null)
      ? {
          attendance: before.attendancePercent === null ? 'Not recorded' : percentText(before.attendancePercent),
          suspensions: before.suspensions === null ? 'Not recorded' : String(before.suspensions),
        }
      : null;
  const to = p.endDate ?? ctx.today;
  if (!p.startDate || p.startDate > ctx.today) return { figures: null, chart: pupilWeeklyChart([]), before: beforeText };
  const recorded = await pupilAttendance(db, { pupilId: p.pupilId, from: p.startDate, to }, { scope: { all: true } });
  const f = recorded.figures;
  return {
    figures: f.possible > 0 ? { possible: f.possible, attended: f.present + f.approvedActivity, percent: percentText(f.attendancePercent) } : null,
    chart: pupilWeeklyChart(recorded.weeks.filter((w) => w.figures.possible > 0)),
    before: beforeText,
  };
}

async function currentPlan(db: Db, p: Placement, today: string): Promise<SupportPlan | null> {
  if (!p.startDate) return null;
  const stored = (await loadPlans(db, [p.id])).get(p.id);
  return stored ? buildSupportPlan(planPlacementOf(p), stored, today) : null;
}

/** The report's data for `placementId`, or NOT_FOUND outside the caller's bases. */
export async function buildReintegrationData(db: Db, placementId: string, ctx: ReintegrationContext): Promise<ReintegrationData> {
  const p = await requireReportPlacement(db, placementId, ctx);
  const pupil = await requireVisiblePupil(db, { all: true }, p.pupilId, ctx.today, 'placementId');
  const texts = await loadReportTexts(db, p.id);
  const keyworker = (await listAssignments(db, [p.id])).get(p.id)?.[0]?.staffName ?? null;
  const plan = await currentPlan(db, p, ctx.today);
  const content = plan?.versions.at(-1)?.content ?? null;
  const measures = await listMeasures(db, { pupilId: p.pupilId, placementIds: [p.id] });
  const outcomes = plan ? outcomeRatingsChart(plan) : null;
  const sdq = [sdqChart(measures, 'teacher'), sdqChart(measures, 'parent')].filter((c): c is SdqChart => c !== null);

  const timetable = p.startDate ? await placementTimetable(db, p.id, ctx.today, { all: true }).catch(() => null) : null;
  const followFrom = p.endDate ?? p.plannedEnd;
  const slots = followFrom ? followUpSchedule(followFrom, (await getKeyworkSettings(db)).followUpWeeks, await listFollowUpVisits(db, p.id), ctx.today) : [];

  return {
    pupilId: p.pupilId,
    placementId: p.id,
    firstName: pupil.legalFirstName,
    lastName: pupil.legalLastName,
    pupilName: `${pupil.legalFirstName} ${pupil.legalLastName}`,
    producedAt: `${uk(ctx.today)} ${ctx.timeNow}`,
    cover: cover(p, pupil, keyworker),
    needs: written([
      ...NEED_AREAS.map((area) => ({ label: NEED_AREA_LABELS[area], text: content?.needs[area] ?? '' })),
      { label: 'Added for this report', text: texts.needsSummary },
    ]),
    helped: written([
      ...HELPED.map((field) => ({ label: ABOUT_ME_LABELS[field], text: content?.aboutMe[field] ?? '' })),
      { label: 'Added for this report', text: texts.whatHelped },
    ]),
    noPlan: plan ? null : NONE_SAID.plan,
    attendance: await attendanceSection(db, p, ctx),
    outcomes: outcomes && outcomes.series.length > 0 ? outcomes : null,
    outcomesNone: plan ? (outcomes && outcomes.series.length > 0 ? null : NONE_SAID.ratings) : NONE_SAID.plan,
    sdq,
    sdqNone: sdq.length === 0 ? NONE_SAID.sdq : null,
    leuven: leuvenTable(measures),
    boxall: boxallTable(measures),
    recommendations: texts.recommendations,
    timetable: timetable ? timetableWeeks(timetable, p) : [],
    timetableNone: timetable ? null : NONE_SAID.timetable,
    followUps: slots.length > 0 ? followUpTable(slots) : null,
    followUpsNone: slots.length > 0 ? null : NONE_SAID.followUps,
    signOff: [
      { role: 'Keyworker', name: keyworker ?? '' },
      { role: 'Teacher in charge of the base or manager', name: '' },
      { role: `Home school${pupil.homeSchoolName ? ` (${pupil.homeSchoolName})` : ''}`, name: '' },
      { role: 'Parent or carer', name: '' },
    ],
  };
}

const safe = (text: string) => text.replace(/[\\/:*?"<>|]+/g, '-').trim();

/** "Surname Firstname - Reintegration report - 2027-07-16.pdf" (the date produced). */
export function reintegrationFileName(data: Pick<ReintegrationData, 'firstName' | 'lastName'>, today: string): string {
  return `${safe(data.lastName)} ${safe(data.firstName)} - Reintegration report - ${today}.pdf`;
}
