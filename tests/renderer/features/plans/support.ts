import { vi } from 'vitest';
import type { PlacementPlan, PupilPlans } from '../../../../shared/api/specs/plans';
import { emptyPlanContent, reviewSchedule, type PlanOutcome, type PlanVersion, type SupportPlan } from '../../../../shared/domain/plans';
import type { Role } from '../../../../shared/domain/staff';
import { mockClient, ok, resetMocks, signedInAs } from '../../api-mock';

export { ok, refuse, signedInAs } from '../../api-mock';
export { renderScreen } from '../../render';

/** Every call the plan screens make, as mocks a test can answer. */
export const api = {
  status: vi.fn(),
  list: vi.fn(),
  forPupil: vi.fn(),
  start: vi.fn(),
  newDraft: vi.fn(),
  saveDraft: vi.fn(),
  setReviewWeeks: vi.fn(),
  review: vi.fn(),
  addMeasure: vi.fn(),
};

export const mockedApi = mockClient({
  'app.status': api.status,
  'plans.list': api.list,
  'plans.forPupil': api.forPupil,
  'plans.start': api.start,
  'plans.newDraft': api.newDraft,
  'plans.saveDraft': api.saveDraft,
  'plans.setReviewWeeks': api.setReviewWeeks,
  'plans.review': api.review,
  'measures.add': api.addMeasure,
});

/** The test clock: Monday 23 November 2026. */
export const TODAY = '2026-11-23';

export const PUPIL_ID = 'c3333333-3333-4333-8333-333333333333';
export const PLACEMENT_ID = 'd4444444-4444-4444-8444-444444444444';
export const PLAN_ID = 'e5555555-5555-4555-8555-555555555555';
export const VERSION_ID = 'f6666666-6666-4666-8666-666666666666';
export const OUTCOME_1 = 'a7777777-7777-4777-8777-777777777777';
export const OUTCOME_2 = 'b8888888-8888-4888-8888-888888888888';
export const PARKGATE = '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11';

export function resetApi(roles: Role[] = ['teacher'], readOnly = false) {
  resetMocks(api);
  api.status.mockImplementation(() => ok({ ...signedInAs(roles), readOnly }));
}

export const outcome = (id: string, patch: Partial<PlanOutcome> = {}): PlanOutcome => ({
  id,
  what: 'Stays in class for the whole lesson',
  area: 'semh',
  successCriteria: 'Four lessons in five without leaving the room',
  targetDate: '2027-02-12',
  provision: [],
  carriedFrom: null,
  ...patch,
});

export const version = (patch: Partial<PlanVersion> = {}): PlanVersion => ({
  id: VERSION_ID,
  number: 1,
  status: 'draft',
  content: { ...emptyPlanContent(), outcomes: [outcome(OUTCOME_1), outcome(OUTCOME_2, { what: 'Eats lunch in the hall with a friend', area: 'communication-interaction' })] },
  createdAt: '2026-11-09T10:00:00.000Z',
  createdByName: 'Ann Smith',
  updatedAt: '2026-11-09T10:00:00.000Z',
  updatedByName: 'Ann Smith',
  reviewedOn: null,
  ...patch,
});

/** Jonny Pike's plan at Parkgate, started on 9 November 2026, no review held yet. */
export function supportPlan(patch: Partial<SupportPlan> = {}): SupportPlan {
  const plan: SupportPlan = {
    id: PLAN_ID,
    placementId: PLACEMENT_ID,
    pupilId: PUPIL_ID,
    baseId: PARKGATE,
    baseName: 'Parkgate',
    startDate: '2026-11-09',
    endDate: '2027-03-26',
    reviewEveryWeeks: 6,
    versions: [version()],
    reviews: [],
    achieved: {},
    schedule: reviewSchedule({ startDate: '2026-11-09', endDate: '2027-03-26', everyWeeks: 6, reviews: [], today: TODAY }),
    ...patch,
  };
  return plan;
}

export const placementPlan = (patch: Partial<PlacementPlan> = {}): PlacementPlan => ({
  placementId: PLACEMENT_ID,
  baseId: PARKGATE,
  baseName: 'Parkgate',
  startDate: '2026-11-09',
  endDate: '2027-03-26',
  status: 'placed',
  plan: supportPlan(),
  cannotStart: null,
  outcomesToCarry: 0,
  ...patch,
});

export const pupilPlans = (placements: PlacementPlan[] = [placementPlan()], patch: Partial<PupilPlans> = {}): PupilPlans => ({
  pupilId: PUPIL_ID,
  pupilName: 'Jonny Pike',
  placements,
  measures: [],
  attendance: [],
  ...patch,
});
