import { expect } from 'vitest';
import type { CallName } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import { firstId, MANAGER, type CaseDemo, type MutationCase } from './audit-cases';

/** A placement accepted at a base (the demo has many), with its pupil. */
async function placementAtBase(demo: CaseDemo): Promise<{ placementId: string; pupilId: string; baseId: string }> {
  const row = await demo.core
    .requireDb()
    .selectFrom('placements')
    .select(['id', 'pupil_id', 'base_id'])
    .where('decision', '=', 'accepted')
    .where('base_id', 'is not', null)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return { placementId: row.id, pupilId: row.pupil_id, baseId: row.base_id! };
}

const CALL = { onDate: '2026-11-20', atTime: '10:00', kind: 'phone-call', withWhom: 'parent-carer', summary: 'Mum rang about the taxi.' } as const;

async function logged(demo: CaseDemo, needsReply = false): Promise<{ pupilId: string; recordId: string }> {
  const pupilId = await firstId(demo, 'pupils');
  const entry = unwrap(await demo.call('log.add', { pupilId, ...CALL, needsReply }));
  return { pupilId, recordId: entry.id };
}

async function professional(demo: CaseDemo): Promise<string> {
  return unwrap(await demo.call('professionals.save', { name: 'Dr Wren Hollis', role: 'educational-psychologist', organisation: 'Coventry EPS' })).id;
}

/** The keyworker log, professionals and follow-up: every change is in the trail, against its pupil. */
export const KEYWORK_MUTATIONS: MutationCase[] = [
  {
    name: 'keyworkers.assign',
    prepare: async (demo) => {
      const p = await placementAtBase(demo);
      const staff = unwrap(await demo.call('staff.create', { name: 'Kit Aldous', username: 'k.aldous', roles: ['teacher'], baseIds: [p.baseId], password: 'linen-harbour-sparrow' }));
      return { placementId: p.placementId, pupilId: p.pupilId, recordId: staff.id };
    },
    run: async ({ call }, { placementId, recordId }) => void unwrap(await call('keyworkers.assign', { placementId, staffId: recordId, fromDate: '2026-11-23', reason: 'New to the base' })),
    expected: (_demo, { placementId, pupilId, recordId }) => [
      expect.objectContaining({
        ...MANAGER,
        action: 'insert',
        entity: 'keyworker_assignments',
        entity_id: placementId,
        pupil_id: pupilId,
        after: expect.objectContaining({ staff_id: recordId, change_reason: 'New to the base' }),
      }),
    ],
  },
  {
    name: 'log.add',
    prepare: async (demo) => ({ pupilId: await firstId(demo, 'pupils') }),
    run: async ({ call }, { pupilId }) => void unwrap(await call('log.add', { pupilId, ...CALL, needsReply: true })),
    expected: (_demo, { pupilId }) => [
      expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'log_entries', pupil_id: pupilId, after: expect.objectContaining({ summary: CALL.summary, needs_reply: 1, due_on: '2026-11-24' }) }),
    ],
  },
  {
    name: 'log.correct',
    prepare: (demo) => logged(demo),
    run: async ({ call }, { recordId }) => void unwrap(await call('log.correct', { id: recordId, ...CALL, summary: 'Dad rang about the taxi.', reason: 'It was dad.' })),
    expected: (_demo, { pupilId, recordId }) => [
      expect.objectContaining({
        ...MANAGER,
        action: 'insert',
        entity: 'log_corrections',
        entity_id: recordId,
        pupil_id: pupilId,
        after: expect.objectContaining({ summary: 'Dad rang about the taxi.', correction_reason: 'It was dad.' }),
      }),
    ],
  },
  {
    name: 'log.markDone',
    prepare: (demo) => logged(demo, true),
    run: async ({ call }, { recordId }) => void unwrap(await call('log.markDone', { id: recordId })),
    expected: (_demo, { pupilId, recordId }) => [
      expect.objectContaining({ ...MANAGER, action: 'update', entity: 'log_entries', entity_id: recordId, pupil_id: pupilId, after: expect.objectContaining({ done_on: '2026-11-23' }) }),
    ],
  },
  {
    name: 'log.export',
    prepare: (demo) => logged(demo),
    run: async ({ call }, { pupilId }) => void unwrap(await call('log.export', { pupilId })),
    expected: (_demo, { pupilId }) => [expect.objectContaining({ ...MANAGER, action: 'exported-chronology', pupil_id: pupilId, detail: expect.stringMatching(/rows$/) })],
  },
  {
    name: 'professionals.save',
    run: async (demo) => void (await professional(demo)),
    expected: () => [expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'professionals', after: expect.objectContaining({ name: 'Dr Wren Hollis', role: 'educational-psychologist' }) })],
  },
  {
    name: 'professionals.link',
    prepare: async (demo) => ({ pupilId: await firstId(demo, 'pupils'), recordId: await professional(demo) }),
    run: async ({ call }, { pupilId, recordId }) => void unwrap(await call('professionals.link', { pupilId, professionalId: recordId })),
    expected: (_demo, { pupilId, recordId }) => [expect.objectContaining({ ...MANAGER, action: 'insert', entity: 'pupil_professionals', entity_id: recordId, pupil_id: pupilId })],
  },
  {
    name: 'professionals.unlink',
    prepare: async (demo) => {
      const ids = { pupilId: await firstId(demo, 'pupils'), recordId: await professional(demo) };
      unwrap(await demo.call('professionals.link', { pupilId: ids.pupilId, professionalId: ids.recordId }));
      return ids;
    },
    run: async ({ call }, { pupilId, recordId }) => void unwrap(await call('professionals.unlink', { pupilId, professionalId: recordId })),
    expected: (_demo, { pupilId, recordId }) => [expect.objectContaining({ ...MANAGER, action: 'delete', entity: 'pupil_professionals', entity_id: recordId, pupil_id: pupilId })],
  },
  {
    name: 'followUps.saveBefore',
    prepare: (demo) => placementAtBase(demo),
    run: async ({ call }, { placementId }) => void unwrap(await call('followUps.saveBefore', { placementId, attendancePercent: 81.5, suspensions: 3 })),
    expected: (_demo, { placementId, pupilId }) => [
      expect.objectContaining({
        ...MANAGER,
        action: expect.stringMatching(/^(insert|update)$/),
        entity: 'referral_before',
        entity_id: placementId,
        pupil_id: pupilId,
        after: expect.objectContaining({ attendance_percent: 81.5, suspensions: 3 }),
      }),
    ],
  },
  {
    name: 'followUps.saveSettings',
    run: async ({ call }) => void unwrap(await call('followUps.saveSettings', { replyDaysCall: 3, replyDaysEmail: 10, schoolHolidaysCount: false, followUpWeeks: [2, 6, 12] })),
    expected: () => [
      expect.objectContaining({ ...MANAGER, action: 'update', entity: 'keywork_settings', after: expect.objectContaining({ reply_days_call: 3, school_holidays_count: 0 }) }),
    ],
  },
];

export const KEYWORK_READS: Array<[CallName, (demo: CaseDemo) => Promise<unknown>]> = [
  ['keyworkers.forPupil', async (demo) => ({ pupilId: (await placementAtBase(demo)).pupilId })],
  ['log.list', async (demo) => ({ pupilId: await firstId(demo, 'pupils') })],
  ['log.previewDue', async () => ({ kind: 'email', onDate: '2026-11-20' })],
  ['log.myActions', async () => undefined],
  ['professionals.list', async () => undefined],
  ['professionals.forPupil', async (demo) => ({ pupilId: await firstId(demo, 'pupils') })],
  ['followUps.forPlacement', async (demo) => ({ placementId: (await placementAtBase(demo)).placementId })],
  ['followUps.settings', async () => undefined],
];
