import type { DataFile } from '../electron/core/data-file';
import { addMeasure } from '../electron/core/services/measures';
import { planCohort, pupilPlans } from '../electron/core/services/plan-views';
import { newDraft, reviewPlan, saveDraft, startPlan, type PlanContext } from '../electron/core/services/plans';
import type { ParsedInput } from '../shared/api/contract';
import { addDays } from '../shared/domain/dates';
import { planContentSchema, type SupportPlan } from '../shared/domain/plans';
import type { Account } from './data-file';
import { medianOfRuns, type Measure, type RunOptions } from './measure';
import { unlock } from './registers';

export const PLAN_TAB_TARGET_MS = 100;
export const COHORT_TARGET_MS = 100;

const rows = <T>(file: DataFile, sql: string): T[] => (file.sql.exec(sql)[0]?.values ?? []) as T[];

const outcomes = (n: number, from: string) =>
  Array.from({ length: n }, (_, i) => ({
    what: `Outcome ${i + 1}: stays in class through a lesson using the time-out card`,
    area: 'semh',
    successCriteria: 'Four lessons out of five for three weeks, seen in the daily log.',
    targetDate: addDays(from, 150),
    provision: [
      { what: 'Check-in with the keyworker', who: 'Keyworker', howOften: 'Daily', where: 'Classroom' },
      { what: 'Lego therapy group', who: 'Teaching assistant', howOften: 'Twice a week', where: 'Small group room' },
    ],
  }));

const content = (n: number, from: string) => planContentSchema.parse({ aboutMe: { strengths: 'Kind and funny' }, views: { pupil: 'I like the calm room.' }, needs: {}, outcomes: outcomes(n, from) });

async function review(file: DataFile, plan: SupportPlan, kind: 'start' | 'interim', heldOn: string, ctx: PlanContext, step: number): Promise<SupportPlan> {
  const version = plan.versions.at(-1)!;
  const ratings = version.content.outcomes
    .filter((o) => !(o.id in plan.achieved))
    .map((o, i) => ({ outcomeId: o.id, rating: kind === 'start' ? null : ((i + step) % 5) - 2, evidence: 'Seen in class.', nextSteps: 'Keep going.', decision: 'carried-forward' as const }));
  return reviewPlan(file.db, { versionId: version.id, kind, heldOn, attendees: 'Mum, keyworker', pupilView: '', parentView: '', ratings }, ctx);
}

async function sdq(file: DataFile, placementId: string, point: 'baseline' | 'review', takenOn: string, total: number, ctx: PlanContext): Promise<void> {
  const each = Math.floor(total / 4);
  const scores = { emotional: each, conduct: each, hyperactivity: total - 3 * each, peer: each, prosocial: 5, impact: null };
  await addMeasure(file.db, { placementId, kind: 'sdq-teacher', point, takenOn, completedBy: 'Class teacher', scores } as ParsedInput<'measures.add'>, ctx);
}

/**
 * The Plan tab and the cohort view on the ten-year file: plans written through the services for
 * every placement of last academic year (a start review, a six-week review, two teacher SDQs) and,
 * for one pupil, 3 versions, 6 outcomes and 4 reviews; then the one call each screen makes, timed.
 * The floor is the same rows read straight with SQL (and the contents parsed), nothing of ours.
 */
export async function measurePlans(folder: string, account: Account, today: string, options?: RunOptions): Promise<Measure[]> {
  const file = await unlock(folder, account);
  try {
    const [userId, userName] = rows<[string, string]>(file, `SELECT id, name FROM staff WHERE username = '${account.username}'`)[0]!;
    const ctx: PlanContext = { userId, userName, scope: { all: true }, today, now: `${today}T10:00:00.000Z` };
    const year = Number(today.slice(0, 4)) - (today.slice(5) < '09-01' ? 2 : 1);
    const from = `${year}-09-01`;
    const to = `${year + 1}-08-31`;
    // One pupil with the Plan tab the issue names: a running placement at least 18 weeks in.
    const [tabPlacement, tabPupil, tabStart] = rows<[string, string, string]>(
      file,
      `SELECT id, pupil_id, start_date FROM placements WHERE end_date IS NULL AND start_date <= '${addDays(today, -130)}'
       ORDER BY start_date DESC LIMIT 1`,
    )[0]!;
    const inYear = rows<[string, string]>(
      file,
      `SELECT id, start_date FROM placements WHERE start_date <= '${to}' AND (end_date IS NULL OR end_date >= '${from}') AND start_date <= '${addDays(today, -50)}' AND id != '${tabPlacement}' ORDER BY start_date`,
    );
    for (const [placementId, start] of inYear) {
      let plan = await startPlan(file.db, { placementId }, ctx);
      plan = await saveDraft(file.db, { versionId: plan.versions[0]!.id, content: content(4, start) }, ctx);
      plan = await review(file, plan, 'start', start, ctx, 0);
      await review(file, plan, 'interim', addDays(start, 42), ctx, 1);
      await sdq(file, placementId, 'baseline', start, 20, ctx);
      await sdq(file, placementId, 'review', addDays(start, 42), 14, ctx);
    }

    let plan = await startPlan(file.db, { placementId: tabPlacement }, ctx);
    plan = await saveDraft(file.db, { versionId: plan.versions[0]!.id, content: content(6, tabStart) }, ctx);
    plan = await review(file, plan, 'start', tabStart, ctx, 0);
    plan = await newDraft(file.db, { planId: plan.id }, ctx);
    plan = await saveDraft(file.db, { versionId: plan.versions[1]!.id, content: { ...content(0, tabStart), outcomes: plan.versions[1]!.content.outcomes } }, ctx);
    plan = await review(file, plan, 'interim', addDays(tabStart, 42), ctx, 1);
    plan = await review(file, plan, 'interim', addDays(tabStart, 84), ctx, 2);
    plan = await newDraft(file.db, { planId: plan.id }, ctx);
    plan = await review(file, plan, 'interim', addDays(tabStart, 126), ctx, 3);
    for (const [i, on] of [tabStart, addDays(tabStart, 42), addDays(tabStart, 126)].entries()) {
      await sdq(file, tabPlacement, i === 0 ? 'baseline' : 'review', on, 20 - 3 * i, ctx);
      await addMeasure(file.db, { placementId: tabPlacement, kind: 'leuven', point: i === 0 ? 'baseline' : 'review', takenOn: on, completedBy: null, scores: { wellbeing: 2 + i, involvement: 2 + i } } as ParsedInput<'measures.add'>, ctx);
    }
    if (plan.versions.length !== 3 || plan.reviews.length !== 4 || plan.versions[0]!.content.outcomes.length !== 6) throw new Error('the Plan tab pupil is not as the issue describes');

    const tabMs = await medianOfRuns(async (time) => {
      await time(() => pupilPlans(file.db, { pupilId: tabPupil }, ctx));
    }, options);
    const tabFloorMs = await medianOfRuns(async (time) => {
      await time(() => {
        const planIds = rows<[string]>(file, `SELECT id FROM support_plans WHERE pupil_id = '${tabPupil}'`).map((r) => `'${r[0]}'`).join(',');
        for (const [text] of rows<[string]>(file, `SELECT content FROM plan_versions WHERE plan_id IN (${planIds})`)) JSON.parse(text);
        rows(file, `SELECT * FROM plan_reviews r LEFT JOIN plan_review_ratings x ON x.review_id = r.id WHERE r.plan_id IN (${planIds})`);
        for (const [text] of rows<[string]>(file, `SELECT scores FROM semh_measures WHERE pupil_id = '${tabPupil}'`)) JSON.parse(text);
      });
    }, options);

    const cohortMs = await medianOfRuns(async (time) => {
      await time(() => planCohort(file.db, { year }, ctx));
    }, options);
    const cohortFloorMs = await medianOfRuns(async (time) => {
      await time(() => {
        const ids = `SELECT sp.id FROM support_plans sp JOIN placements p ON p.id = sp.placement_id WHERE p.start_date <= '${to}' AND (p.end_date IS NULL OR p.end_date >= '${from}')`;
        for (const [text] of rows<[string]>(file, `SELECT content FROM plan_versions WHERE plan_id IN (${ids})`)) JSON.parse(text);
        rows(file, `SELECT x.* FROM plan_review_ratings x JOIN plan_reviews r ON r.id = x.review_id WHERE r.plan_id IN (${ids})`);
        for (const [text] of rows<[string]>(file, `SELECT scores FROM semh_measures WHERE measure = 'sdq-teacher' AND placement_id IN (SELECT placement_id FROM support_plans WHERE id IN (${ids}))`)) JSON.parse(text);
      });
    }, options);

    return [
      { name: 'plan tab (3 versions, 6 outcomes, 4 reviews)', medianMs: tabMs, targetMs: PLAN_TAB_TARGET_MS, floor: { name: 'the same rows read with SQL and parsed', medianMs: tabFloorMs } },
      { name: `cohort view for a year (${inYear.length} plans)`, medianMs: cohortMs, targetMs: COHORT_TARGET_MS, floor: { name: 'the same rows read with SQL and parsed', medianMs: cohortFloorMs } },
    ];
  } finally {
    await file.close();
  }
}
