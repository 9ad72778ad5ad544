import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KeyDeskCore } from '../../../electron/core/core';
import { ACCESS, rolesAllow, type Access } from '../../../shared/api/access';
import { CALL_NAMES, type CallName } from '../../../shared/api/calls';
import { contract } from '../../../shared/api/contract';
import { unwrap, type ErrorCode, type Result } from '../../../shared/api/result';
import { ROLES, type Role } from '../../../shared/domain/staff';
import { DEMO_PASSWORD, readDataFile, startCore, startDemoCore, tempFolder, writeDataFile, type DataFileBytes } from '../../helpers/core';
import { auditRows, dataTables, folderDigest, lastAuditSeq, readEnvelope } from './sealed-files';

/**
 * Walks every call in the contract for everyone who could make it (not signed in, each role, a locked
 * session) through the real dispatcher, and checks the core enforces exactly what the ACCESS table says.
 */

const ACCESS_CODES: ReadonlySet<ErrorCode> = new Set(['FORBIDDEN', 'NOT_SIGNED_IN', 'LOCKED']);
const NEW_PASSWORD = 'fresh-meadow-lantern';
/** A record id nobody has: the call is refused for its input or not found, never for access. */
const SOME_ID = '0b7f3c2e-5d1a-4c8e-9f6b-2a4d8e1c7b90';
const MANAGER_ONLY = { name: 'Morgan Pell', username: 'm.pell', password: 'plum-orchard-kite' };

type Who = 'not signed in' | Role | 'locked';
const EVERYONE: readonly Who[] = ['not signed in', ...ROLES, 'locked'];

/** Who signs in for each role: one role each, so no other role can let a call through. */
const ACCOUNT: Record<Role, { username: string; password: string }> = {
  teacher: { username: 'demo.teacher', password: DEMO_PASSWORD },
  manager: MANAGER_ONLY,
  administrator: { username: 'demo.admin', password: DEMO_PASSWORD },
};

/** What the table says should happen: null when allowed, else the refusal's code. */
function expectedRefusal(access: Access, who: Who, name?: CallName): ErrorCode | null {
  if (access === 'anyone') return null;
  // At the sign-in screen (a sealed file, nobody signed in) set-up may open another folder but not
  // start a new data file: see ACCESS.
  if (who === 'not signed in') return access === 'setup' && name !== 'setup.createDatabase' ? null : 'NOT_SIGNED_IN';
  // Locked by demo.manager, who holds every role but teacher: locked refuses before any role check.
  if (who === 'locked') return 'LOCKED';
  if (access === 'signed-in') return null;
  return rolesAllow(access, [who]) ? null : 'FORBIDDEN';
}

/** Where a call is allowed but its own rules answer with one of the access codes (documented here). */
const BUSINESS_ANSWERS: ReadonlyArray<[CallName, Who, ErrorCode]> = [
  // Unlocking when nobody is signed in: there is no session to unlock.
  ['session.unlock', 'not signed in', 'NOT_SIGNED_IN'],
];

interface Template {
  /** The data file's bytes, read once: each case writes its own copy. */
  files: DataFileBytes;
  recoveryKey: string;
  baseId: string;
  teacherId: string;
  pupilId: string;
  schoolId: string;
  placementId: string;
  contactId: string;
}

let template: Template;
let templateCleanup: (() => Promise<void>) | undefined;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  const demo = await startDemoCore();
  const staff = unwrap(await demo.call('staff.list'));
  const bases = unwrap(await demo.call('bases.list'));
  unwrap(await demo.call('staff.create', { ...MANAGER_ONLY, roles: ['manager'], baseIds: bases.map((b) => b.id) }));
  const db = demo.core.requireDb();
  const first = async (table: 'pupils' | 'schools' | 'placements' | 'contacts') =>
    String((await db.selectFrom(table).select('id').orderBy('id').executeTakeFirstOrThrow()).id);
  const ids = { pupilId: await first('pupils'), schoolId: await first('schools'), placementId: await first('placements'), contactId: await first('contacts') };
  await demo.core.close();
  template = {
    files: await readDataFile(demo.folder),
    recoveryKey: demo.recoveryKey,
    baseId: bases[0]!.id,
    teacherId: staff.find((s) => s.username === 'demo.teacher')!.id,
    ...ids,
  };
  templateCleanup = demo.cleanup;
  // A demo file takes a while to build on a busy machine.
}, 60_000);
afterAll(async () => {
  await templateCleanup?.();
});
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A plausible input for each call, so an allowed call is not turned away for its input before access matters. */
function inputFor(name: CallName, scratch: string): unknown {
  const inputs: Record<CallName, unknown> = {
    'app.status': undefined,
    'setup.createDatabase': { demo: true, folder: join(scratch, 'new') },
    'setup.openFolder': { folder: join(scratch, 'other') },
    'setup.chooseFolder': undefined,
    'session.signIn': { username: 'demo.teacher', password: DEMO_PASSWORD },
    'session.recover': { recoveryKey: template.recoveryKey, username: 'demo.teacher', newPassword: NEW_PASSWORD },
    'session.unlock': { password: DEMO_PASSWORD },
    'session.lock': undefined,
    'session.signOut': undefined,
    'session.touch': undefined,
    'session.changePassword': { currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD },
    'bases.list': undefined,
    'bases.update': { id: template.baseId, hostSchool: 'Renamed Primary' },
    'settings.get': undefined,
    'settings.update': { autoLockMinutes: 10 },
    'staff.list': undefined,
    'staff.create': { name: 'Nell Quarry', username: 'n.quarry', roles: ['teacher'], baseIds: [template.baseId], password: NEW_PASSWORD },
    'staff.update': { id: template.teacherId, name: 'Renamed Teacher' },
    'staff.setPassword': { id: template.teacherId, password: NEW_PASSWORD },
    'staff.remove': { id: template.teacherId },
    'staff.failedSignIns': undefined,
    'staff.clearFailedSignIns': { id: template.teacherId },
    'provision.newRecoveryKey': { password: DEMO_PASSWORD },
    'audit.list': {},
    'audit.people': undefined,
    'audit.export': {},
    'schools.list': undefined,
    'schools.create': { name: 'Larkhill Primary School' },
    'schools.update': { id: template.schoolId, phone: '024 7696 0000' },
    'pupils.list': undefined,
    'pupils.get': { id: template.pupilId },
    'pupils.findDuplicates': { legalFirstName: 'Ava', legalLastName: 'Marlow', dateOfBirth: '2019-03-04' },
    'pupils.create': { legalFirstName: 'Ava', legalLastName: 'Marlow', dateOfBirth: '2019-03-04' },
    'pupils.update': { id: template.pupilId, notes: 'Likes drawing.' },
    'contacts.save': { pupilId: template.pupilId, name: 'Dana Marlow', relationship: 'Mother', parentalResponsibility: true },
    'contacts.remove': { id: template.contactId },
    'pupils.importPreview': { csv: 'Legal first name,Legal last name,Date of birth\nAva,Marlow,04/03/2019\n' },
    'pupils.import': { csv: 'Legal first name,Legal last name,Date of birth\nAva,Marlow,04/03/2019\n' },
    'pupils.export': {},
    'placements.refer': { pupilId: template.pupilId, referringSchoolId: template.schoolId, referredOn: '2026-11-20', reason: 'Struggling at lunchtimes.' },
    'placements.decide': { id: template.placementId, decision: 'deferred', decidedOn: '2026-11-20' },
    'placements.recordVisits': { id: template.placementId, keyVisitOn: '2026-11-20' },
    'placements.previewStart': { id: template.placementId, startDate: '2026-11-30' },
    'placements.agreeStart': { id: template.placementId, startDate: '2026-11-30' },
    'placements.end': { id: template.placementId, endDate: '2026-11-20', outcome: 'other' },
    'placements.addFollowUp': { id: template.placementId, on: '2026-11-20' },
    'placements.timetable': { id: template.placementId },
    'placements.board': undefined,
    'placements.pipeline': undefined,
    'calendar.years': undefined,
    'calendar.get': { academicYear: 2026 },
    'calendar.saveTerms': {
      academicYear: 2029,
      terms: [
        { name: 'Autumn 1', startsOn: '2029-09-03', endsOn: '2029-10-19' },
        { name: 'Autumn 2', startsOn: '2029-10-29', endsOn: '2029-12-19' },
        { name: 'Spring 1', startsOn: '2030-01-03', endsOn: '2030-02-15' },
        { name: 'Spring 2', startsOn: '2030-02-25', endsOn: '2030-04-05' },
        { name: 'Summer 1', startsOn: '2030-04-23', endsOn: '2030-05-24' },
        { name: 'Summer 2', startsOn: '2030-06-03', endsOn: '2030-07-19' },
      ],
    },
    'calendar.addClosure': { date: '2026-12-01', kind: 'inset', name: 'Staff training' },
    'calendar.removeClosure': { date: '2026-12-25' },
    'calendar.copyYear': { fromYear: 2030 },
    'calendar.previewChange': { change: 'removeClosure', input: { date: '2026-12-25' } },
    'registers.get': { baseId: template.baseId, date: '2026-11-23', session: 'AM' },
    'registers.mark': { baseId: template.baseId, date: '2026-11-23', session: 'AM', pupilId: template.pupilId, code: '/' },
    'registers.markAllPresent': { baseId: template.baseId, date: '2026-11-23', session: 'AM' },
    'registers.addPupil': { baseId: template.baseId, date: '2026-11-23', session: 'AM', pupilId: template.pupilId, note: 'Came in on the day.' },
    'registers.submit': { baseId: template.baseId, date: '2026-11-23', session: 'AM' },
    'registers.completion': undefined,
    'registers.pupilAttendance': { pupilId: template.pupilId },
    'registers.homeSchoolSheet': { schoolId: template.schoolId, weekStarting: '2026-11-16' },
    'registers.homeSchoolCsv': { from: '2026-11-16', to: '2026-11-20' },
    'registers.today': undefined,
    'registers.baseAttendance': { baseId: template.baseId, from: '2026-11-16', to: '2026-11-20' },
    'registers.settings': undefined,
    'registers.setTimes': { baseId: template.baseId, AM: { startsAt: '08:50', closesAt: '09:15' }, PM: { startsAt: '13:10', closesAt: '13:40' } },
    'registers.setHomeSchoolCode': { attendedCode: 'B' },
    'keyworkers.forPupil': { pupilId: template.pupilId },
    'keyworkers.assign': { placementId: template.placementId, staffId: template.teacherId, fromDate: '2026-11-20' },
    'log.list': { pupilId: template.pupilId },
    'log.add': { pupilId: template.pupilId, onDate: '2026-11-20', atTime: '10:00', kind: 'phone-call', withWhom: 'parent-carer', summary: 'Mum rang.' },
    'log.correct': { id: SOME_ID, onDate: '2026-11-20', atTime: '10:00', kind: 'phone-call', withWhom: 'parent-carer', summary: 'Dad rang.', reason: 'It was dad.' },
    'log.markDone': { id: SOME_ID },
    'log.previewDue': { kind: 'email', onDate: '2026-11-20' },
    'log.export': { pupilId: template.pupilId },
    'log.myActions': undefined,
    'professionals.list': undefined,
    'professionals.save': { name: 'Dr Wren Hollis', role: 'educational-psychologist' },
    'professionals.forPupil': { pupilId: template.pupilId },
    'professionals.link': { pupilId: template.pupilId, professionalId: SOME_ID },
    'professionals.unlink': { pupilId: template.pupilId, professionalId: SOME_ID },
    'followUps.forPlacement': { placementId: template.placementId },
    'followUps.saveBefore': { placementId: template.placementId, attendancePercent: 82.5, suspensions: 2 },
    'followUps.settings': undefined,
    'followUps.saveSettings': { replyDaysCall: 2, replyDaysEmail: 10, schoolHolidaysCount: false, followUpWeeks: [2, 6, 12] },
    'plans.list': undefined,
    'plans.forPupil': { pupilId: template.pupilId },
    'plans.start': { placementId: template.placementId },
    'plans.newDraft': { planId: SOME_ID },
    'plans.saveDraft': { versionId: SOME_ID, content: { aboutMe: {}, views: {}, needs: {}, outcomes: [] } },
    'plans.setReviewWeeks': { planId: SOME_ID, weeks: 6 },
    'plans.review': { versionId: SOME_ID, kind: 'interim', heldOn: '2026-11-20', attendees: 'Class teacher', ratings: [] },
    'plans.cohort': { year: 2026 },
    'measures.add': { placementId: template.placementId, kind: 'leuven', point: 'baseline', takenOn: '2026-11-20', scores: { wellbeing: 3, involvement: 3 } },
    'measures.correct': { id: SOME_ID, placementId: template.placementId, kind: 'leuven', point: 'baseline', takenOn: '2026-11-20', scores: { wellbeing: 3, involvement: 3 } },
    'backups.list': undefined,
    'backups.chooseFolder': undefined,
    'backups.create': { folder: join(scratch, 'usb') },
    'backups.inspect': { name: 'keydesk-2026-11-23T09-00-00Z-daily.kdbackup', password: DEMO_PASSWORD },
    'backups.restore': { name: 'keydesk-2026-11-23T09-00-00Z-daily.kdbackup', password: DEMO_PASSWORD },
    'reports.fireList': { baseId: template.baseId },
    'reports.reintegration': { placementId: template.placementId },
    'reports.texts': { placementId: template.placementId },
    'reports.saveTexts': { placementId: template.placementId, recommendations: 'Keep the morning check-in with a trusted adult.' },
    'reports.passport': { placementId: template.placementId },
    'reports.impact': { year: 2026, baseId: template.baseId },
    'reports.issue': { kind: 'reintegration', placementId: template.placementId },
    'reports.issuedList': { placementId: template.placementId },
    'reports.reprint': { id: SOME_ID },
    'reports.batchStart': { from: '2026-07-01', to: '2026-07-31', folder: join(scratch, 'other') },
    'reports.batchStatus': { jobId: SOME_ID },
    'reports.batchCancel': { jobId: SOME_ID },
    'reports.chooseFolder': {},
  };
  return inputs[name];
}

/** A fresh copy of the template data file, with `who` at the keyboard. */
async function arrange(who: Who) {
  const scratch = await tempFolder();
  cleanups.push(scratch.cleanup);
  const folder = join(scratch.path, 'data');
  await mkdir(folder);
  await mkdir(join(scratch.path, 'other'));
  await writeDataFile(template.files, folder);
  const started = await startCore({ folder });
  cleanups.push(() => started.core.close());
  if (who === 'locked') {
    await started.signIn('demo.manager');
    unwrap(await started.call('session.lock'));
  } else if (who !== 'not signed in') {
    const account = ACCOUNT[who];
    await started.signIn(account.username, account.password);
  }
  // Records what the access check itself decided, whatever the handler did afterwards.
  const authorise = started.core.sessions.authorise.bind(started.core.sessions);
  const verdicts: Array<ErrorCode | 'allowed'> = [];
  started.core.sessions.authorise = async (name, access) => {
    try {
      await authorise(name, access);
      verdicts.push('allowed');
    } catch (error) {
      verdicts.push((error as { code: ErrorCode }).code);
      throw error;
    }
  };
  return { ...started, folder, scratch: scratch.path, verdicts };
}

async function stateOf(core: KeyDeskCore) {
  const status = await core.status();
  return { state: status.state, user: status.user?.username ?? null, folder: status.dataFolder };
}

describe('the access table', () => {
  it('names every call in the contract, and nothing else (checked at run time, not only by the compiler)', () => {
    const names = [...CALL_NAMES].sort();
    expect(Object.keys(ACCESS).sort()).toEqual(names);
    expect(Object.keys(contract).sort()).toEqual(names);
    for (const name of CALL_NAMES) expect(Object.hasOwn(ACCESS, name), name).toBe(true);
  });

  it('gives every call a rule the core understands: anyone, setup, signed-in or a non-empty list of roles', () => {
    for (const [name, access] of Object.entries(ACCESS) as Array<[string, Access]>) {
      if (typeof access === 'string') {
        expect(['anyone', 'setup', 'signed-in'], name).toContain(access);
      } else {
        expect(Array.isArray(access), name).toBe(true);
        expect(access.length, name).toBeGreaterThan(0);
        for (const role of access) expect(ROLES, name).toContain(role);
      }
    }
  });

  it('keeps what the issue asks of each role: teachers never manage staff or settings, administrators do', () => {
    for (const name of ['staff.create', 'staff.update', 'staff.setPassword', 'staff.remove', 'settings.update', 'bases.update', 'audit.list', 'audit.export'] as const) {
      expect(rolesAllow(ACCESS[name], ['teacher']), name).toBe(false);
    }
    for (const name of ['staff.create', 'staff.update', 'staff.setPassword', 'staff.remove', 'settings.update'] as const) {
      expect(rolesAllow(ACCESS[name], ['administrator']), name).toBe(true);
    }
    expect(rolesAllow(ACCESS['bases.update'], ['manager'])).toBe(true);
    expect(rolesAllow(ACCESS['audit.list'], ['manager'])).toBe(true);
    expect(rolesAllow(ACCESS['bases.list'], ['teacher'])).toBe(true);
  });
});

describe.each(EVERYONE)('every call, made by %s', (who) => {
  it.each([...CALL_NAMES])('%s is allowed or refused exactly as ACCESS says', async (name) => {
    const arranged = await arrange(who);
    const { core, call, folder, verdicts } = arranged;
    const expected = expectedRefusal(ACCESS[name], who, name);
    const before = await stateOf(core);
    const fileOpen = core.dataFile !== null;
    const seq = fileOpen ? lastAuditSeq(core) : 0;
    const tables = fileOpen ? dataTables(core) : null;
    if (fileOpen) await core.requireFile().flush();
    const slots = (await readEnvelope(folder)).header.slots;
    const files = fileOpen ? null : await folderDigest(folder);

    const result = (await call(name, inputFor(name, arranged.scratch))) as Result<unknown>;

    // The core's own access check decided as the table says...
    expect(verdicts, 'access check').toEqual([expected ?? 'allowed']);
    if (expected === null) {
      // ...and an allowed call may fail its own rules, but never for access.
      if (!result.ok && ACCESS_CODES.has(result.error.code)) {
        expect(BUSINESS_ANSWERS.some(([n, w, code]) => n === name && w === who && code === result.error.code), `${name} for ${who}: ${result.error.message}`).toBe(true);
      }
      return;
    }
    expect(result).toEqual({ ok: false, error: { code: expected, message: expect.any(String) } });
    if (result.ok) return;
    expect(result.error.message).toMatch({ NOT_SIGNED_IN: /^Sign in/, LOCKED: /locked.*password/i, FORBIDDEN: /not allowed/ }[expected as string] ?? /./);

    // Refused: nobody's session, no data and no key slot changed.
    expect(await stateOf(core)).toEqual(before);
    if (!fileOpen) {
      expect(await folderDigest(folder)).toEqual(files);
      return;
    }
    expect(dataTables(core)).toEqual(tables);
    const logged = auditRows(core, seq);
    const user = core.sessions.current?.user;
    if (expected === 'FORBIDDEN') {
      expect(logged).toEqual([
        expect.objectContaining({ action: 'refused', staff_id: user?.id, staff_name: user?.name, detail: expect.stringContaining(name) }),
      ]);
    } else {
      expect(logged).toEqual([]);
    }
    await core.requireFile().flush();
    expect((await readEnvelope(folder)).header.slots).toEqual(slots);
  });
});
