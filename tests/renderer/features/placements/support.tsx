import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';
import type { AppStatus } from '../../../../shared/api/status';
import type { Base } from '../../../../shared/domain/bases';
import type { Placement } from '../../../../shared/domain/placements';
import type { Pupil } from '../../../../shared/domain/pupil-record';
import type { Role } from '../../../../shared/domain/staff';

// Mantine's autosizing Textarea listens for web fonts loading; jsdom has no document.fonts.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { addEventListener: () => undefined, removeEventListener: () => undefined } });
}

// Mantine's Select scrolls the chosen option into view; jsdom lays nothing out.
Element.prototype.scrollIntoView ??= () => undefined;

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
};

const pass = (fn: (input?: unknown) => unknown) => (input?: unknown) => fn(input);

export const mockedApi = {
  app: { status: pass(api.status) },
  bases: { list: pass(api.bases) },
  schools: { list: pass(api.schools) },
  pupils: { list: pass(api.pupils) },
  placements: {
    refer: pass(api.refer),
    decide: pass(api.decide),
    recordVisits: pass(api.recordVisits),
    previewStart: pass(api.previewStart),
    agreeStart: pass(api.agreeStart),
    end: pass(api.end),
    addFollowUp: pass(api.addFollowUp),
    timetable: pass(api.timetable),
    board: pass(api.board),
    pipeline: pass(api.pipeline),
  },
  calendar: {
    years: pass(api.years),
    get: pass(api.getYear),
    saveTerms: pass(api.saveTerms),
    addClosure: pass(api.addClosure),
    removeClosure: pass(api.removeClosure),
    copyYear: pass(api.copyYear),
  },
};

export const ok = <T,>(value: T) => Promise.resolve({ ok: true, value });
export const refuse = (code: string, message: string, field?: string) => Promise.resolve({ ok: false, error: { code, message, ...(field ? { field } : {}) } });

export function resetApi(roles: Role[] = ['manager']) {
  for (const fn of Object.values(api)) fn.mockReset();
  api.status.mockImplementation(() => ok(signedInAs(roles)));
  api.bases.mockImplementation(() => ok([parkgate, fredBird]));
  api.schools.mockImplementation(() => ok([{ id: ELMFIELD, name: 'Elmfield Primary School', sencoName: null, phone: null, email: null, address: null }]));
}

export function signedInAs(roles: Role[]): AppStatus {
  return {
    state: 'ready',
    dataFolder: '/data',
    isDemo: false,
    provisionName: 'The Key',
    problem: null,
    user: { id: 'a1111111-1111-4111-8111-111111111111', name: 'Ann Smith', username: 'asmith', roles, baseIds: [] },
    demoAccounts: null,
    autoLockMinutes: 5,
    saveProblem: null,
    canChooseFolder: false,
    version: '0.1.0',
  };
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

/** The screens as the app shows them: Mantine in test mode, a fresh query cache, a router. */
export function renderScreen(ui: ReactNode, at = '/') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    // env="test": no transitions, and menus open although jsdom lays nothing out.
    <MantineProvider env="test">
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[at]}>{ui}</MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}
