import { isoWeekday } from '../../../shared/domain/bank-holidays';
import { addDays } from '../../../shared/domain/dates';
import { ABOUT_ME_FIELDS, DEFAULT_REVIEW_WEEKS, VIEW_FIELDS, type OutcomeRating, type PlanContent, type PlanContentInput, type ReviewKind, type SupportPlan } from '../../../shared/domain/plans';
import { BOXALL_STRANDS, MEASURE_SCORE_SCHEMAS, type MeasureKind, type MeasurePoint } from '../../../shared/domain/semh';
import type { Db } from '../db/dialect';
import { addMeasure } from '../services/measures';
import { newDraft, reviewPlan, saveDraft, startPlan, type PlanContext } from '../services/plans';
import type { PupilScope } from '../scope';
import { storyClock } from './clock';
import { input } from './input';
import { ABOUT_ME_TEXT, ATTENDEES, DEMO_OUTCOMES, EVIDENCE, NEXT_STEPS, VIEW_TEXT } from './plan-wording';
import type { Random } from './random';

const weekdayOnOrBefore = (date: string) => (isoWeekday(date) <= 5 ? date : addDays(date, 5 - isoWeekday(date)));
const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(n)));

interface DemoPlacement {
  id: string;
  pupil_id: string;
  reason: string;
  tried: string | null;
  start_date: string | null;
  end_date: string | null;
  planned_end: string | null;
  staff_id: string | null;
  staff_name: string | null;
}

const ALL: PupilScope = { all: true };

/** The plan as its keyworker first writes it: new outcomes and provision, which the service gives ids. */
function firstContent(random: Random, p: DemoPlacement, start: string): PlanContentInput {
  const aboutMe = Object.fromEntries(ABOUT_ME_FIELDS.map((f) => [f, random.pick(ABOUT_ME_TEXT[f])])) as PlanContent['aboutMe'];
  const views = Object.fromEntries(VIEW_FIELDS.map((f) => [f, random.pick(VIEW_TEXT[f])])) as PlanContent['views'];
  const target = p.planned_end ?? addDays(start, 84);
  const outcomes = random
    .shuffle(DEMO_OUTCOMES)
    .slice(0, random.int(3, 6))
    .map((o) => ({
      what: o.what,
      area: o.area,
      successCriteria: o.successCriteria,
      targetDate: target,
      provision: o.provision.map((x) => ({ ...x, fromDate: null })),
    }));
  const semh = p.tried ? `${p.reason}\n\nWhat has been tried: ${p.tried}` : p.reason;
  const needs = { semh, 'communication-interaction': '', 'cognition-learning': '', 'sensory-physical': '' };
  for (const o of outcomes) if (o.area !== 'semh' && !needs[o.area]) needs[o.area] = `Working towards: ${o.what.toLowerCase()}.`;
  return { aboutMe, views, needs, outcomes };
}

/** When the demo's reviews were held: the start, each six-week point passed, and the end if it came. */
function reviewDates(random: Random, start: string, end: string | null, today: string, overdue: boolean): Array<{ kind: ReviewKind; on: string }> {
  const held: Array<{ kind: ReviewKind; on: string }> = [{ kind: 'start', on: start }];
  const interims: string[] = [];
  for (let k = 1; k < 10; k++) {
    const due = addDays(start, k * DEFAULT_REVIEW_WEEKS * 7);
    if (due > today || (end && due > addDays(end, -21))) break;
    interims.push(due);
  }
  // A few plans have missed their latest review: it shows as overdue.
  if (overdue && !end && interims.length > 0) interims.pop();
  for (const due of interims) held.push({ kind: 'interim', on: weekdayOnOrBefore(addDays(due, random.int(-2, 3))) });
  if (end && end <= today) held.push({ kind: 'end', on: end });
  return held.map((h) => ({ ...h, on: h.on > today ? today : h.on < start ? start : h.on }));
}

function sdqScores(random: Random, kind: 'sdq-teacher' | 'sdq-parent', base: number[] | null, better: number) {
  const [e, c, h, p, s] = base ?? [random.int(3, 8), random.int(2, 7), random.int(5, 10), random.int(2, 6), random.int(2, 6)];
  const less = (n: number) => clamp(n - random.int(0, better), 0, 10);
  const scores = { emotional: less(e!), conduct: less(c!), hyperactivity: less(h!), peer: less(p!), prosocial: clamp(s! + random.int(0, better), 0, 10), impact: random.chance(0.7) ? random.int(1, kind === 'sdq-teacher' ? 5 : 8) : null };
  return MEASURE_SCORE_SCHEMAS[kind].parse(scores);
}

/**
 * Support plans for most placed pupils: 3–6 outcomes with provision, a start review and one at each
 * six-week point since (a few missed, so overdue), an end review where the placement ended; ratings
 * that mostly climb, some outcomes achieved; SDQ and Leuven at the start and at the latest review,
 * a parent SDQ and Boxall for some. Each step goes through the service the Plan tab calls (start,
 * save the draft, new draft, review, add a measure), by the keyworker on the day it happened; the
 * service carries a returning pupil's unfinished outcomes into the new plan. Its own seeded random,
 * so the rest of the demo is as it was.
 */
export async function fillDemoPlans(db: Db, random: Random, at: { today: string; now: string }): Promise<void> {
  const { today } = at;
  const clock = storyClock(at.now);
  const placements: DemoPlacement[] = await db
    .selectFrom('placements as p')
    .leftJoin('keyworker_assignments as k', (j) => j.onRef('k.placement_id', '=', 'p.id').on('k.seq', '=', (eb) => eb.selectFrom('keyworker_assignments as k2').select((e) => e.fn.max('k2.seq').as('m')).whereRef('k2.placement_id', '=', 'p.id')))
    .leftJoin('staff as s', 's.id', 'k.staff_id')
    .select(['p.id', 'p.pupil_id', 'p.reason', 'p.tried', 'p.start_date', 'p.end_date', 'p.planned_end', 'k.staff_id', 's.name as staff_name'])
    .where('p.decision', '=', 'accepted')
    .where('p.base_id', 'is not', null)
    .where('p.start_date', 'is not', null)
    .orderBy('p.start_date')
    .execute();
  const placedTwice = new Set(placements.filter((p, i) => placements.findIndex((q) => q.pupil_id === p.pupil_id) !== i).map((p) => p.pupil_id));
  for (const p of placements) {
    const start = p.start_date!;
    const started = start <= today;
    // Every pupil back for another placement has both plans, so the demo shows what carries over.
    const skip = started ? random.chance(0.1) : random.chance(0.5);
    if (skip && !placedTwice.has(p.pupil_id)) continue;
    if (!p.staff_id || !p.staff_name) throw new Error('A demo placement has no keyworker to write its plan');
    const by = (date: string, time: string): PlanContext => ({ userId: p.staff_id!, userName: p.staff_name!, scope: ALL, ...clock(date, time) });
    const latest = (plan: SupportPlan) => plan.versions.at(-1)!;
    const save = async (plan: SupportPlan, content: PlanContentInput, on: string) =>
      saveDraft(db, input('plans.saveDraft', { versionId: latest(plan).id, content }), by(on, '16:00'));

    // Started the day the placement starts (a plan for one still to start, today), with what carries over.
    const startedOn = started ? start : today;
    let plan = await startPlan(db, input('plans.start', { placementId: p.id }), by(startedOn, '15:30'));
    const first = firstContent(random, p, start);
    const carried = latest(plan).content.outcomes;
    plan = await save(plan, { ...first, outcomes: [...carried, ...first.outcomes.filter((o) => !carried.some((c) => c.what === o.what))].slice(0, 6) }, startedOn);
    let content = latest(plan).content;
    if (!started) continue;

    const trend = new Map(content.outcomes.map((o) => [o.id, random.next() * 1.1 - 0.2]));
    const achieved: Record<string, string> = {};
    const reviews = reviewDates(random, start, p.end_date, today, random.chance(0.2));
    let reviewed = false;
    for (const [i, review] of reviews.entries()) {
      // Most reviews after the first agree changes: a new version with a little more provision.
      if (reviewed && random.chance(0.6)) {
        plan = await newDraft(db, input('plans.newDraft', { planId: plan.id }), by(review.on, '15:45'));
        const changed: PlanContentInput = structuredClone(latest(plan).content);
        (random.pick(changed.outcomes).provision ??= []).push({ what: random.pick(NEXT_STEPS), who: 'Keyworker', howOften: 'Weekly', where: 'Classroom', fromDate: review.on });
        plan = await save(plan, changed, review.on);
        content = latest(plan).content;
      }
      const ratings: OutcomeRating[] = content.outcomes
        .filter((o) => !(o.id in achieved))
        .map((o) => {
          if (review.kind === 'start') return { outcomeId: o.id, rating: null, evidence: 'Baseline agreed at the start meeting.', nextSteps: '', decision: 'carried-forward' };
          const rating = clamp(trend.get(o.id)! * i + random.int(-1, 1) * 0.6, -2, 2);
          // Some outcomes met, never all: the rest carry on into the next plan.
          const done = rating === 2 && i >= 2 && Object.keys(achieved).length < Math.ceil(content.outcomes.length / 2) && random.chance(0.6);
          if (done) achieved[o.id] = review.on;
          return { outcomeId: o.id, rating, evidence: random.pick(EVIDENCE), nextSteps: done ? 'Achieved: keep the strategy going at home school.' : random.pick(NEXT_STEPS), decision: done ? 'achieved' : 'carried-forward' };
        });
      const held = { versionId: latest(plan).id, kind: review.kind, heldOn: review.on, attendees: random.pick(ATTENDEES), pupilView: random.pick(VIEW_TEXT.pupil), parentView: random.pick(VIEW_TEXT.parents), ratings };
      plan = await reviewPlan(db, input('plans.review', held), by(review.on, '16:00'));
      reviewed = true;
    }

    // Measures at the start, and at the latest review when there has been one since.
    const later = reviews.length > 1 ? reviews.at(-1)! : null;
    const laterPoint: MeasurePoint = later?.kind === 'end' ? 'exit' : 'review';
    const baselineOn = addDays(start, -random.int(0, 10));
    const add = (kind: MeasureKind, point: MeasurePoint, takenOn: string, scores: object, completedBy: string) =>
      addMeasure(db, input('measures.add', { placementId: p.id, kind, point, takenOn, scores, completedBy }), by(takenOn, '16:15'));
    for (const kind of ['sdq-teacher', 'sdq-parent'] as const) {
      if (kind === 'sdq-parent' ? !random.chance(0.4) : !random.chance(0.9)) continue;
      const first = sdqScores(random, kind, null, 0);
      const who = kind === 'sdq-teacher' ? 'Class teacher' : random.pick(['Mum', 'Dad', 'Nan', 'Foster carer']);
      await add(kind, 'baseline', baselineOn, first, who);
      if (later) await add(kind, laterPoint, later.on, sdqScores(random, kind, [first.emotional, first.conduct, first.hyperactivity, first.peer, first.prosocial], 3), who);
    }
    if (random.chance(0.85)) {
      const first = { wellbeing: random.int(1, 3), involvement: random.int(1, 3) };
      await add('leuven', 'baseline', baselineOn, first, 'Keyworker');
      if (later) await add('leuven', laterPoint, later.on, { wellbeing: clamp(first.wellbeing + random.int(0, 2), 1, 5), involvement: clamp(first.involvement + random.int(0, 2), 1, 5) }, 'Keyworker');
    }
    if (random.chance(0.15)) {
      const boxall = (gain: number) =>
        MEASURE_SCORE_SCHEMAS.boxall.parse(Object.fromEntries(BOXALL_STRANDS.map((s) => [s.key, s.section === 'developmental' ? random.int(3, 9) + gain : Math.max(0, random.int(2, 8) - gain)])));
      await add('boxall', 'baseline', baselineOn, boxall(0), 'Keyworker and class teacher');
      if (later) await add('boxall', laterPoint, later.on, boxall(2), 'Keyworker and class teacher');
    }
  }
}
