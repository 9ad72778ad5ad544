import { expect } from 'vitest';
import type { KeyDeskCore } from '../../../electron/core/core';
import type { CallName, CallOutput } from '../../../shared/api/contract';
import { unwrap, type Result } from '../../../shared/api/result';
import type { Base } from '../../../shared/domain/bases';
import { bankHolidaysIn } from '../../../shared/domain/calendar';

/** What the audit cases need of a demo core signed in as the demo manager (see audit.test.ts). */
export interface CaseDemo {
  core: KeyDeskCore;
  call: <N extends CallName>(name: N, input?: unknown) => Promise<Result<CallOutput<N>>>;
  bases: Base[];
  managerId: string;
}

/** The records a case works on, found or made by its `prepare`. */
/** `recordId`: any other record a case made (a log entry, a professional). */
export type Ids = Record<'pupilId' | 'schoolId' | 'placementId' | 'contactId' | 'recordId', string>;

export interface MutationCase {
  name: CallName;
  /** Runs before the log is read from, so what it does is not part of the case. */
  prepare?: (demo: CaseDemo) => Promise<Partial<Ids>>;
  run: (demo: CaseDemo, ids: Ids) => Promise<void>;
  expected: (demo: CaseDemo, ids: Ids) => unknown[];
}

export const MANAGER = { staff_id: expect.any(String), staff_name: 'Demo Manager' };

export async function firstId(demo: CaseDemo, table: 'pupils' | 'schools' | 'contacts'): Promise<string> {
  return (await demo.core.requireDb().selectFrom(table).select('id').orderBy('id').executeTakeFirstOrThrow()).id;
}

const NEW_PUPIL = { legalFirstName: 'Ottilie', legalLastName: 'Brackenridge', dateOfBirth: '2020-05-14' };

/** Pupils, schools and contacts: each change and the entries it leaves. */
export const PUPIL_MUTATIONS: MutationCase[] = [
  {
    name: 'schools.create',
    run: async ({ call }) => void unwrap(await call('schools.create', { name: 'Larkhill Primary School', sencoName: 'Mo Pryce' })),
    expected: () => [expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'schools', before: null, after: expect.objectContaining({ name: 'Larkhill Primary School', senco_name: 'Mo Pryce' }) })],
  },
  {
    name: 'schools.update',
    prepare: async (demo) => ({ schoolId: await firstId(demo, 'schools') }),
    run: async ({ call }, { schoolId }) => void unwrap(await call('schools.update', { id: schoolId, phone: '024 7696 0999' })),
    expected: (_demo, { schoolId }) => [
      expect.objectContaining({ ...MANAGER, action: 'update', entity: 'schools', entity_id: schoolId, after: expect.objectContaining({ phone: '024 7696 0999' }) }),
    ],
  },
  {
    name: 'pupils.create',
    run: async ({ call }) => void unwrap(await call('pupils.create', NEW_PUPIL)),
    expected: () => [
      expect.objectContaining({
        ...MANAGER,
        action: 'insert',
        entity: 'pupils',
        pupil_id: expect.any(String),
        after: expect.objectContaining({ legal_first_name: 'Ottilie', legal_last_name: 'Brackenridge', date_of_birth: '2020-05-14' }),
      }),
    ],
  },
  {
    name: 'pupils.update',
    prepare: async (demo) => ({ pupilId: await firstId(demo, 'pupils') }),
    run: async ({ call }, { pupilId }) => void unwrap(await call('pupils.update', { id: pupilId, notes: 'Loves the reading corner.' })),
    expected: (_demo, { pupilId }) => [
      expect.objectContaining({ ...MANAGER, action: 'update', entity: 'pupils', entity_id: pupilId, pupil_id: pupilId, after: expect.objectContaining({ notes: 'Loves the reading corner.' }) }),
    ],
  },
  {
    name: 'contacts.save',
    prepare: async (demo) => ({ pupilId: await firstId(demo, 'pupils') }),
    run: async ({ call }, { pupilId }) =>
      void unwrap(await call('contacts.save', { pupilId, name: 'Dana Brack', relationship: 'Aunt', phone: '07700 900123', parentalResponsibility: false })),
    expected: (_demo, { pupilId }) => [
      expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'contacts', pupil_id: pupilId, after: expect.objectContaining({ name: 'Dana Brack', relationship: 'Aunt' }) }),
    ],
  },
  {
    name: 'contacts.remove',
    prepare: async (demo) => ({ contactId: await firstId(demo, 'contacts') }),
    run: async ({ call }, { contactId }) => void unwrap(await call('contacts.remove', { id: contactId })),
    expected: (_demo, { contactId }) => [
      expect.objectContaining({ ...MANAGER, action: 'delete', entity: 'contacts', entity_id: contactId, before: expect.objectContaining({ id: contactId }), after: null }),
    ],
  },
  {
    name: 'pupils.import',
    run: async ({ call }) =>
      void unwrap(
        await call('pupils.import', {
          csv: 'Legal first name,Legal last name,Date of birth,Home school\nOttilie,Brackenridge,14/05/2020,Larkhill Primary School\n',
        }),
      ),
    expected: () => [
      expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'schools', after: expect.objectContaining({ name: 'Larkhill Primary School' }) }),
      expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'pupils', after: expect.objectContaining({ legal_first_name: 'Ottilie' }) }),
    ],
  },
  {
    name: 'pupils.export',
    run: async ({ call }) => void unwrap(await call('pupils.export', {})),
    expected: () => [expect.objectContaining({ ...MANAGER, action: 'exported-pupils', detail: expect.stringMatching(/^\d+ pupils$/) })],
  },
  {
    name: 'registers.homeSchoolCsv',
    run: async ({ call }) => void unwrap(await call('registers.homeSchoolCsv', { from: '2026-11-16', to: '2026-11-20' })),
    expected: () => [
      expect.objectContaining({ ...MANAGER, action: 'exported-home-school-codes', detail: expect.stringMatching(/^\d+ sessions, 16\/11\/2026 to 20\/11\/2026, every home school$/) }),
    ],
  },
];

/** Calls that read only, with an input to make each with. */
export const RECORD_READS: Array<[CallName, (demo: CaseDemo) => Promise<unknown>]> = [
  ['schools.list', async () => undefined],
  ['pupils.list', async () => undefined],
  ['pupils.get', async (demo) => ({ id: await firstId(demo, 'pupils') })],
  ['pupils.findDuplicates', async () => NEW_PUPIL],
  ['registers.homeSchoolSheet', async (demo) => ({ schoolId: await firstId(demo, 'schools'), weekStarting: '2026-11-16' })],
  ['pupils.importPreview', async () => ({ csv: 'Legal first name,Legal last name,Date of birth\nOttilie,Brackenridge,14/05/2020\n' })],
];

/** A new Year 2 pupil (KS1, so either base takes them) referred by the first school, for a placement case to start from. */
async function referNewPupil(demo: CaseDemo, firstName: string): Promise<Omit<Ids, 'contactId' | 'recordId'>> {
  const pupil = unwrap(await demo.call('pupils.create', { ...NEW_PUPIL, legalFirstName: firstName }));
  const schoolId = await firstId(demo, 'schools');
  const placement = unwrap(await demo.call('placements.refer', { pupilId: pupil.id, referringSchoolId: schoolId, referredOn: '2026-11-02', reason: 'Struggles at transitions.' }));
  return { pupilId: pupil.id, schoolId, placementId: placement.id };
}

/** Accepted at Frederick Bird with both visits done; the base is given room so a start always fits. */
async function acceptedWithVisits(demo: CaseDemo, firstName: string): Promise<Omit<Ids, 'contactId' | 'recordId'>> {
  const ids = await referNewPupil(demo, firstName);
  const fb = demo.bases.find((b) => b.name === 'Frederick Bird')!;
  unwrap(await demo.call('bases.update', { id: fb.id, places: 40 }));
  unwrap(await demo.call('placements.decide', { id: ids.placementId, decision: 'accepted', decidedOn: '2026-11-09', baseId: fb.id }));
  unwrap(await demo.call('placements.recordVisits', { id: ids.placementId, keyVisitOn: '2026-11-16', homeVisitOn: '2026-11-17' }));
  return ids;
}

const placementChanged = (placementId: string, pupilId: string, after: Record<string, unknown>) =>
  expect.objectContaining({ ...MANAGER, action: 'update', entity: 'placements', entity_id: placementId, pupil_id: pupilId, after: expect.objectContaining(after) });
const stepRecorded = (placementId: string, pupilId: string, step: string) =>
  expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'placement_events', entity_id: placementId, pupil_id: pupilId, after: expect.objectContaining({ step, recorded_by: expect.any(String) }) });

/** The placement lifecycle: each step changes the placement and records the step, both logged. */
export const PLACEMENT_MUTATIONS: MutationCase[] = [
  {
    name: 'placements.refer',
    prepare: async (demo) => {
      const pupil = unwrap(await demo.call('pupils.create', NEW_PUPIL));
      return { pupilId: pupil.id, schoolId: await firstId(demo, 'schools') };
    },
    run: async ({ call }, { pupilId, schoolId }) =>
      void unwrap(await call('placements.refer', { pupilId, referringSchoolId: schoolId, referredOn: '2026-11-02', reason: 'Struggles at transitions.' })),
    expected: (_demo, { pupilId }) => [
      expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'placements', pupil_id: pupilId, after: expect.objectContaining({ reason: 'Struggles at transitions.', decision: null }) }),
      expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'placement_events', pupil_id: pupilId, after: expect.objectContaining({ step: 'referred' }) }),
    ],
  },
  {
    name: 'placements.decide',
    prepare: (demo) => referNewPupil(demo, 'Ottoline'),
    run: async ({ call }, { placementId }) => void unwrap(await call('placements.decide', { id: placementId, decision: 'deferred', decidedOn: '2026-11-09', notes: 'Panel wants an EP report.' })),
    expected: (_demo, { placementId, pupilId }) => [placementChanged(placementId, pupilId, { decision: 'deferred', decision_notes: 'Panel wants an EP report.' }), stepRecorded(placementId, pupilId, 'deferred')],
  },
  {
    name: 'placements.recordVisits',
    prepare: async (demo) => {
      const ids = await referNewPupil(demo, 'Octavia');
      const fb = demo.bases.find((b) => b.name === 'Frederick Bird')!;
      unwrap(await demo.call('placements.decide', { id: ids.placementId, decision: 'accepted', decidedOn: '2026-11-09', baseId: fb.id }));
      return ids;
    },
    run: async ({ call }, { placementId }) => void unwrap(await call('placements.recordVisits', { id: placementId, keyVisitOn: '2026-11-16' })),
    expected: (_demo, { placementId, pupilId }) => [placementChanged(placementId, pupilId, { key_visit_on: '2026-11-16' }), stepRecorded(placementId, pupilId, 'key-visit')],
  },
  {
    name: 'placements.agreeStart',
    prepare: (demo) => acceptedWithVisits(demo, 'Odile'),
    run: async ({ call }, { placementId }) => void unwrap(await call('placements.agreeStart', { id: placementId, startDate: '2026-12-07' })),
    expected: (_demo, { placementId, pupilId }) => [
      placementChanged(placementId, pupilId, { start_date: '2026-12-07', planned_end: expect.any(String), key_days: expect.any(Number) }),
      stepRecorded(placementId, pupilId, 'start-agreed'),
    ],
  },
  {
    name: 'placements.end',
    prepare: async (demo) => {
      const ids = await acceptedWithVisits(demo, 'Olwen');
      unwrap(await demo.call('placements.agreeStart', { id: ids.placementId, startDate: '2026-12-07' }));
      return ids;
    },
    run: async ({ call }, { placementId }) => void unwrap(await call('placements.end', { id: placementId, endDate: '2026-11-23', outcome: 'withdrawn', notes: 'Family moved away.' })),
    expected: (_demo, { placementId, pupilId }) => [
      placementChanged(placementId, pupilId, { end_date: '2026-11-23', outcome: 'withdrawn', start_date: null }),
      stepRecorded(placementId, pupilId, 'ended'),
    ],
  },
  {
    name: 'placements.addFollowUp',
    prepare: async (demo) => {
      const ended = await demo.core
        .requireDb()
        .selectFrom('placements')
        .select(['id', 'pupil_id'])
        .where('end_date', 'is not', null)
        .where('start_date', 'is not', null)
        .orderBy('end_date', 'desc')
        .executeTakeFirstOrThrow();
      return { placementId: ended.id, pupilId: ended.pupil_id };
    },
    run: async ({ call }, { placementId }) => void unwrap(await call('placements.addFollowUp', { id: placementId, on: '2026-11-23', notes: 'Settled in class.' })),
    expected: (_demo, { placementId, pupilId }) => [placementChanged(placementId, pupilId, {}), stepRecorded(placementId, pupilId, 'follow-up')],
  },
];

/** The school calendar: far-off years, so no running placement's plan moves. */
export const CALENDAR_MUTATIONS: MutationCase[] = [
  {
    name: 'calendar.saveTerms',
    run: async ({ call }) => {
      const shipped = unwrap(await call('calendar.get', { academicYear: 2029 })).terms;
      // Staff move the end of the first half term only.
      const terms = shipped.map((t, i) => (i === 0 ? { ...t, endsOn: '2029-10-19' } : t));
      unwrap(await call('calendar.saveTerms', { academicYear: 2029, terms }));
    },
    expected: () => [
      expect.objectContaining({
        ...MANAGER,
        action: 'update',
        entity: 'terms',
        entity_id: '2029',
        before: expect.objectContaining({ name: 'Autumn 1' }),
        after: expect.objectContaining({ name: 'Autumn 1', ends_on: '2029-10-19' }),
      }),
    ],
  },
  {
    name: 'calendar.addClosure',
    run: async ({ call }) => void unwrap(await call('calendar.addClosure', { date: '2029-09-05', kind: 'inset', name: 'Staff training' })),
    expected: () => [expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'closures', entity_id: '2029-09-05', after: { date: '2029-09-05', kind: 'inset', name: 'Staff training' } })],
  },
  {
    name: 'calendar.removeClosure',
    run: async ({ call }) => void unwrap(await call('calendar.removeClosure', { date: '2029-12-25' })),
    expected: () => [expect.objectContaining({ ...MANAGER, action: 'delete', entity: 'closures', entity_id: '2029-12-25', after: null })],
  },
  {
    name: 'calendar.copyYear',
    run: async ({ call }) => void unwrap(await call('calendar.copyYear', { fromYear: 2030 })),
    // The six half terms, the bank holidays of 2031/32 (the last year shipped is 2030/31), then the 5 INSET days moved on a year.
    expected: () => [
      ...Array.from({ length: 6 }, () => expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'terms', entity_id: '2031' })),
      ...bankHolidaysIn(2031).map((h) =>
        expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'closures', entity_id: h.date, after: { date: h.date, kind: 'bank-holiday', name: h.name } }),
      ),
      ...Array.from({ length: 5 }, () => expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'closures', after: expect.objectContaining({ kind: 'inset' }) })),
    ],
  },
];

export const PLACEMENT_READS: Array<[CallName, (demo: CaseDemo) => Promise<unknown>]> = [
  ['placements.board', async () => undefined],
  ['placements.pipeline', async () => undefined],
  ['placements.timetable', async (demo) => ({ id: (await demo.core.requireDb().selectFrom('placements').select('id').where('start_date', 'is not', null).executeTakeFirstOrThrow()).id })],
  ['placements.previewStart', async (demo) => ({ id: (await acceptedWithVisits(demo, 'Orla')).placementId, startDate: '2026-12-07' })],
  ['calendar.years', async () => undefined],
  ['calendar.get', async () => ({ academicYear: 2026 })],
  // A preview writes a whole year's copy and rolls it back: none of it reaches the trail.
  ['calendar.previewChange', async () => ({ change: 'copyYear', input: { fromYear: 2030 } })],
];
