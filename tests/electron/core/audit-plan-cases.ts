import { expect } from 'vitest';
import type { CallName } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import { MANAGER, type CaseDemo, type MutationCase } from './audit-cases';

const sdq = { kind: 'sdq-teacher', point: 'review', takenOn: '2026-11-20', completedBy: 'Class teacher', scores: { emotional: 4, conduct: 3, hyperactivity: 6, peer: 2, prosocial: 7, impact: null } } as const;

/** A demo plan whose latest version has been reviewed, with its pupil and placement. */
async function reviewedPlan(demo: CaseDemo): Promise<{ planId: string; pupilId: string; placementId: string }> {
  const row = await demo.core
    .requireDb()
    .selectFrom('support_plans as sp')
    .innerJoin('plan_versions as v', 'v.plan_id', 'sp.id')
    .select(['sp.id', 'sp.pupil_id', 'sp.placement_id'])
    .where('v.status', '=', 'reviewed')
    .where('v.number', '=', (eb) => eb.selectFrom('plan_versions as l').select((e) => e.fn.max('l.number').as('n')).whereRef('l.plan_id', '=', 'sp.id'))
    .orderBy('sp.id')
    .executeTakeFirstOrThrow();
  return { planId: row.id, pupilId: row.pupil_id, placementId: row.placement_id };
}

const planEvent = (action: string, detail: string | RegExp) => (_demo: CaseDemo, ids: { recordId: string; pupilId: string }) => [
  expect.objectContaining({ ...MANAGER, action, entity: 'support_plans', entity_id: ids.recordId, pupil_id: ids.pupilId, before: null, after: null, detail: typeof detail === 'string' ? detail : expect.stringMatching(detail) }),
];

/** Support plans write one short event per change (versions are their own history); measures are audited row by row. */
export const PLAN_MUTATIONS: MutationCase[] = [
  {
    name: 'plans.start',
    prepare: async (demo) => {
      const row = await demo.core
        .requireDb()
        .selectFrom('placements')
        .select(['id', 'pupil_id'])
        .where('decision', '=', 'accepted')
        .where('start_date', 'is not', null)
        .where('id', 'not in', (eb) => eb.selectFrom('support_plans').select('placement_id'))
        .orderBy('id')
        .executeTakeFirstOrThrow();
      return { placementId: row.id, pupilId: row.pupil_id };
    },
    run: async ({ call }, { placementId }) => void unwrap(await call('plans.start', { placementId })),
    expected: (_demo, { pupilId }) => [expect.objectContaining({ ...MANAGER, action: 'plan-started', entity: 'support_plans', pupil_id: pupilId, detail: expect.stringMatching(/^Plan started at .+: version 1/) })],
  },
  {
    name: 'plans.newDraft',
    prepare: async (demo) => {
      const p = await reviewedPlan(demo);
      return { pupilId: p.pupilId, recordId: p.planId };
    },
    run: async ({ call }, { recordId }) => void unwrap(await call('plans.newDraft', { planId: recordId })),
    expected: planEvent('plan-draft-started', /^Plan version \d+ started from version \d+$/),
  },
  {
    name: 'plans.saveDraft',
    prepare: async (demo) => {
      const p = await reviewedPlan(demo);
      unwrap(await demo.call('plans.newDraft', { planId: p.planId }));
      return { pupilId: p.pupilId, recordId: p.planId, placementId: p.placementId };
    },
    run: async ({ call }, { pupilId, placementId }) => {
      const plan = unwrap(await call('plans.forPupil', { pupilId })).placements.find((x) => x.placementId === placementId)!.plan!;
      const draft = plan.versions.at(-1)!;
      unwrap(await call('plans.saveDraft', { versionId: draft.id, content: { ...draft.content, aboutMe: { ...draft.content.aboutMe, interests: 'Football and drawing' } } }));
    },
    expected: planEvent('plan-version-saved', /^Plan version \d+ saved$/),
  },
  {
    name: 'plans.review',
    prepare: async (demo) => {
      const p = await reviewedPlan(demo);
      return { pupilId: p.pupilId, recordId: p.planId, placementId: p.placementId };
    },
    run: async ({ call }, { pupilId, placementId }) => {
      const plan = unwrap(await call('plans.forPupil', { pupilId })).placements.find((x) => x.placementId === placementId)!.plan!;
      const version = plan.versions.at(-1)!;
      const ratings = version.content.outcomes.filter((o) => !(o.id in plan.achieved)).map((o) => ({ outcomeId: o.id, rating: 1, evidence: 'Seen in class.' }));
      unwrap(await call('plans.review', { versionId: version.id, kind: 'interim', heldOn: '2026-11-20', attendees: 'Mum, keyworker', ratings }));
    },
    expected: planEvent('plan-reviewed', /^Review of plan version \d+ recorded, held on 20\/11\/2026$/),
  },
  {
    name: 'plans.setReviewWeeks',
    prepare: async (demo) => {
      const p = await reviewedPlan(demo);
      return { pupilId: p.pupilId, recordId: p.planId };
    },
    run: async ({ call }, { recordId }) => void unwrap(await call('plans.setReviewWeeks', { planId: recordId, weeks: 8 })),
    expected: planEvent('plan-review-weeks-changed', 'Plan reviews every 8 weeks (was 6)'),
  },
  {
    name: 'measures.add',
    prepare: async (demo) => {
      const p = await reviewedPlan(demo);
      return { pupilId: p.pupilId, placementId: p.placementId };
    },
    run: async ({ call }, { placementId }) => void unwrap(await call('measures.add', { ...sdq, placementId })),
    expected: (_demo, { pupilId }) => [
      expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'semh_measures', pupil_id: pupilId, after: expect.objectContaining({ measure: 'sdq-teacher', taken_on: '2026-11-20' }) }),
    ],
  },
  {
    name: 'measures.correct',
    prepare: async (demo) => {
      const p = await reviewedPlan(demo);
      const measure = unwrap(await demo.call('measures.add', { ...sdq, placementId: p.placementId }));
      return { pupilId: p.pupilId, placementId: p.placementId, recordId: measure.id };
    },
    run: async ({ call }, { placementId, recordId }) => void unwrap(await call('measures.correct', { ...sdq, id: recordId, placementId, scores: { ...sdq.scores, peer: 3 } })),
    expected: (_demo, { pupilId, recordId }) => [
      expect.objectContaining({
        ...MANAGER,
        action: 'update',
        entity: 'semh_measures',
        entity_id: recordId,
        pupil_id: pupilId,
        before: expect.objectContaining({ scores: expect.stringContaining('"peer":2') }),
        after: expect.objectContaining({ scores: expect.stringContaining('"peer":3') }),
      }),
    ],
  },
  {
    name: 'reports.saveTexts',
    prepare: (demo) => reviewedPlan(demo),
    run: async ({ call }, { placementId }) => void unwrap(await call('reports.saveTexts', { placementId, recommendations: 'A quiet start each morning.' })),
    expected: (_demo, { placementId, pupilId }) => [
      expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'report_texts', entity_id: placementId, pupil_id: pupilId, after: expect.objectContaining({ recommendations: 'A quiet start each morning.' }) }),
    ],
  },
  {
    name: 'reports.reintegration',
    prepare: (demo) => reviewedPlan(demo),
    run: async ({ call }, { placementId }) => void unwrap(await call('reports.reintegration', { placementId })),
    expected: (_demo, { placementId, pupilId }) => [
      expect.objectContaining({ ...MANAGER, action: 'printed-reintegration-report', entity: 'placements', entity_id: placementId, pupil_id: pupilId, detail: expect.stringMatching(/reintegration report$/) }),
    ],
  },
];

export const PLAN_READS: Array<[CallName, (demo: CaseDemo) => Promise<unknown>]> = [
  ['plans.list', async () => undefined],
  ['plans.forPupil', async (demo) => ({ pupilId: (await reviewedPlan(demo)).pupilId })],
  ['plans.cohort', async () => ({ year: 2026 })],
  ['reports.texts', async (demo) => ({ placementId: (await reviewedPlan(demo)).placementId })],
];
