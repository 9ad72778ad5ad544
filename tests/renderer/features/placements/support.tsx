import { vi } from 'vitest';
import type { Base } from '../../../../shared/domain/bases';
import type { Placement } from '../../../../shared/domain/placements';
import type { Pupil } from '../../../../shared/domain/pupil-record';
import type { Role } from '../../../../shared/domain/staff';
import { mockClient, ok, resetMocks, signedInAs } from '../../api-mock';

export { ok, refuse, signedInAs } from '../../api-mock';
export { renderScreen } from '../../render';

/** Every call the placement and calendar screens make, as mocks a test can answer. */
export const api = {
  status: vi.fn(),
  bases: vi.fn(),
  schools: vi.fn(),
  pupils: vi.fn(),
  refer: vi.fn(),
  decide: vi.fn(),
  recordVisits: vi.fn(),
  previewStart: vi.fn(),
  agreeStart: vi.fn(),
  end: vi.fn(),
  addFollowUp: vi.fn(),
  timetable: vi.fn(),
  board: vi.fn(),
  pipeline: vi.fn(),
  years: vi.fn(),
  getYear: vi.fn(),
  saveTerms: vi.fn(),
  addClosure: vi.fn(),
  removeClosure: vi.fn(),
  copyYear: vi.fn(),
  previewCalendarChange: vi.fn(),
};

export const mockedApi = mockClient({
  'app.status': api.status,
  'bases.list': api.bases,
  'schools.list': api.schools,
  'pupils.list': api.pupils,
  'placements.refer': api.refer,
  'placements.decide': api.decide,
  'placements.recordVisits': api.recordVisits,
  'placements.previewStart': api.previewStart,
  'placements.agreeStart': api.agreeStart,
  'placements.end': api.end,
  'placements.addFollowUp': api.addFollowUp,
  'placements.timetable': api.timetable,
  'placements.board': api.board,
  'placements.pipeline': api.pipeline,
  'calendar.years': api.years,
  'calendar.get': api.getYear,
  'calendar.saveTerms': api.saveTerms,
  'calendar.addClosure': api.addClosure,
  'calendar.removeClosure': api.removeClosure,
  'calendar.copyYear': api.copyYear,
  'calendar.previewChange': api.previewCalendarChange,
});

export function resetApi(roles: Role[] = ['manager']) {
  resetMocks(api);
  api.status.mockImplementation(() => ok(signedInAs(roles)));
  api.bases.mockImplementation(() => ok([parkgate, fredBird]));
  // A calendar change that moves no placement, unless a test says otherwise.
  api.previewCalendarChange.mockImplementation(() => ok({ moved: [], overPlaces: [] }));
  api.schools.mockImplementation(() => ok([{ id: ELMFIELD, name: 'Elmfield Primary School', sencoName: null, phone: null, email: null, address: null }]));
}

/** The core's fixed test clock: Monday 23 November 2026. */
export const TODAY = '2026-11-23';

export const PARKGATE = '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11';
export const FRED_BIRD = '0b9c4a8e-2b6f-4d0a-8f3e-5c1d2e3f4a5b';
export const ELMFIELD = 'e1111111-1111-4111-8111-111111111111';
export const PUPIL_ID = 'c3333333-3333-4333-8333-333333333333';
export const PLACEMENT_ID = 'd4444444-4444-4444-8444-444444444444';

export const parkgate: Base = { id: PARKGATE, name: 'Parkgate', hostSchool: 'Parkgate Primary School', places: 24, keyStages: ['KS1', 'KS2'], placed: 24 };
export const fredBird: Base = { id: FRED_BIRD, name: 'Frederick Bird', hostSchool: 'Frederick Bird Primary School', places: 12, keyStages: ['KS1'], placed: 9 };

export const pupil: Pupil = {
  id: PUPIL_ID,
  legalFirstName: 'Jonathan',
  legalLastName: 'Pike',
  preferredName: 'Jonny',
  dateOfBirth: '2017-05-02',
  gender: null,
  upn: null,
  yearGroup: 4,
  yearGroupByAge: 4,
  keyStage: 'KS2',
  homeSchoolId: ELMFIELD,
  homeSchoolName: 'Elmfield Primary School',
  senStatus: 'none',
  childInCare: false,
  virtualSchoolContact: null,
  hasPep: false,
  pathway: 'early-intervention',
  notes: null,
  createdAt: '2026-09-01T09:00:00.000Z',
  updatedAt: '2026-09-01T09:00:00.000Z',
};

/** A made-up referral for Jonny Pike, received on 2 November 2026 and awaiting the panel unless told otherwise. */
export function placement(patch: Partial<Placement> = {}): Placement {
  return {
    id: PLACEMENT_ID,
    pupilId: PUPIL_ID,
    pupilName: 'Jonny Pike',
    status: 'referred',
    referringSchoolId: ELMFIELD,
    referringSchoolName: 'Elmfield Primary School',
    referredOn: '2026-11-02',
    reason: 'Frequent dysregulation at lunchtimes.',
    tried: 'Nurture group, lunchtime club.',
    decision: null,
    decidedOn: null,
    decisionNotes: null,
    baseId: null,
    baseName: null,
    keyVisitOn: null,
    keyVisitSkipped: null,
    homeVisitOn: null,
    homeVisitSkipped: null,
    startDate: null,
    homeSchoolDay: 5,
    phases: [
      { fromWeek: 1, homeDays: 1 },
      { fromWeek: 13, homeDays: 2 },
      { fromWeek: 19, homeDays: 3 },
    ],
    plannedEnd: null,
    reintegrationFrom: null,
    keyDays: null,
    endDate: null,
    outcome: null,
    outcomeNotes: null,
    events: [{ id: 'e1', step: 'referred', on: '2026-11-02', notes: null, recordedBy: 'Ann Smith', recordedAt: '2026-11-02T10:00:00.000Z' }],
    ...patch,
  };
}

/** Accepted at Parkgate on 9 November with both visits done: the start date is next. */
export const accepted = (patch: Partial<Placement> = {}) =>
  placement({
    status: 'accepted',
    decision: 'accepted',
    decidedOn: '2026-11-09',
    baseId: PARKGATE,
    baseName: 'Parkgate',
    keyVisitOn: '2026-11-12',
    homeVisitSkipped: 'Family preferred to meet at school.',
    ...patch,
  });
