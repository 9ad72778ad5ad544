import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KeyDeskCore } from '../../../../electron/core/core';
import type { Slot } from '../../../../electron/core/crypto/envelope';
import { ACCESS, rolesAllow, type Access } from '../../../../shared/api/access';
import { CALL_NAMES, type CallName } from '../../../../shared/api/calls';
import { unwrap, type ErrorCode, type Result } from '../../../../shared/api/result';
import type { Role } from '../../../../shared/domain/staff';
import { DEMO_PASSWORD, startCore, startDemoCore, tempFolder } from '../../../helpers/core';
import { auditRows, folderDigest, folderFiles, lastAuditSeq, readEnvelope } from '../sealed-files';

/**
 * Walks every call in the contract for one kind of caller (not signed in, each role, a locked session)
 * through the real dispatcher, and checks the core enforces exactly what the ACCESS table says. One
 * test file per caller (tests/electron/core/access/*.test.ts), so the files run side by side.
 *
 * Each case starts from the same data file, kept in memory: a core opened on a fresh copy of it with
 * the caller signed in. A refusal is checked to change nothing (no session, no row but its own audit
 * line, no key slot; with no file open, no file), so the core a refusal leaves is still that starting point, and the
 * caller's next case carries on with it rather than copying and unsealing the file again. A core an
 * allowed call has used (which may have changed anything) or a case that failed is thrown away.
 */

const ACCESS_CODES: ReadonlySet<ErrorCode> = new Set(['FORBIDDEN', 'NOT_SIGNED_IN', 'LOCKED']);
const NEW_PASSWORD = 'fresh-meadow-lantern';
/** A record id nobody has: the call is refused for its input or not found, never for access. */
const SOME_ID = '0b7f3c2e-5d1a-4c8e-9f6b-2a4d8e1c7b90';
const MANAGER_ONLY = { name: 'Morgan Pell', username: 'm.pell', password: 'plum-orchard-kite' };

/** Everyone who could make a call: each has its own test file here (a new role needs one too). */
export type Who = 'not signed in' | Role | 'locked';

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
  /**
   * Every file of the data folder, read once: the data file, its change journal, and today's daily
   * backup (made by signing in once, so each copy need not make its own). Each fresh core gets a copy.
   */
  files: ReadonlyMap<string, Buffer>;
  recoveryKey: string;
  baseId: string;
  teacherId: string;
  pupilId: string;
  schoolId: string;
  placementId: string;
  contactId: string;
}

async function makeTemplate(): Promise<Template> {
  const demo = await startDemoCore();
  try {
    const staff = unwrap(await demo.call('staff.list'));
    const bases = unwrap(await demo.call('bases.list'));
    unwrap(await demo.call('staff.create', { ...MANAGER_ONLY, roles: ['manager'], baseIds: bases.map((b) => b.id) }));
    const db = demo.core.requireDb();
    const first = async (table: 'pupils' | 'schools' | 'placements' | 'contacts') =>
      String((await db.selectFrom(table).select('id').orderBy('id').executeTakeFirstOrThrow()).id);
    const ids = { pupilId: await first('pupils'), schoolId: await first('schools'), placementId: await first('placements'), contactId: await first('contacts') };
    await demo.core.close();
    // The first sign-in of the day makes the daily backup (backups.inspect and backups.restore name it).
    const again = await startCore({ folder: demo.folder });
    await again.signIn('demo.manager');
    await again.core.close();
    return {
      files: await folderFiles(demo.folder),
      recoveryKey: demo.recoveryKey,
      baseId: bases[0]!.id,
      teacherId: staff.find((s) => s.username === 'demo.teacher')!.id,
      ...ids,
    };
  } finally {
    await demo.cleanup();
  }
}

/** Made once for all the callers' files that share a worker (their module is shared there). */
let templateMade: Promise<Template> | undefined;
let template: Template;

/** A plausible input for each call, so an allowed call is not turned away for its input before access matters. */
function inputFor(name: CallName, scratch: string): unknown {
  const inputs: Record<CallName, unknown> = {
    'app.status': undefined,
    // Not demo data: making it takes seconds, and the call is the same for access.
    'setup.createDatabase': { demo: false, provisionName: 'Larkhill Provision', manager: MANAGER_ONLY, folder: join(scratch, 'new') },
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

/** A core on a copy of the template with `who` at the keyboard, and what is known of how it started. */
interface Arranged {
  core: KeyDeskCore;
  call: (name: CallName, input?: unknown) => Promise<unknown>;
  folder: string;
  scratch: string;
  /** What the access check itself decided in this case, whatever the handler did afterwards. */
  verdicts: Array<ErrorCode | 'allowed'>;
  /**
   * How the core stood at the end of a refused case, checked there to be exactly how it started:
   * the next case on this core starts from it. Absent on a fresh core (read at the start).
   */
  checked?: { slots: Slot[]; files: Record<string, string> | null };
  close: () => Promise<void>;
}

/** Per caller, the core the last case left as it found it: the next case carries on with it. */
const kept = new Map<Who, Arranged>();
const cleanups: Array<() => Promise<void>> = [];

/** A fresh copy of the template data file, with `who` at the keyboard. */
async function freshCore(who: Who): Promise<Arranged> {
  const scratch = await tempFolder();
  const folder = join(scratch.path, 'data');
  await mkdir(folder);
  await mkdir(join(scratch.path, 'other'));
  for (const [name, bytes] of template.files) {
    await mkdir(dirname(join(folder, name)), { recursive: true });
    await writeFile(join(folder, name), bytes);
  }
  const started = await startCore({ folder });
  const close = async () => {
    await started.core.close();
    await scratch.cleanup();
  };
  try {
    if (who === 'locked') {
      await started.signIn('demo.manager');
      unwrap(await started.call('session.lock'));
    } else if (who !== 'not signed in') {
      const account = ACCOUNT[who];
      await started.signIn(account.username, account.password);
    }
  } catch (error) {
    await close();
    throw error;
  }
  const authorise = started.core.sessions.authorise.bind(started.core.sessions);
  const verdicts: Arranged['verdicts'] = [];
  started.core.sessions.authorise = async (name, access) => {
    try {
      await authorise(name, access);
      verdicts.push('allowed');
    } catch (error) {
      verdicts.push((error as { code: ErrorCode }).code);
      throw error;
    }
  };
  return { core: started.core, call: started.call, folder, scratch: scratch.path, verdicts, close };
}

/** The core the caller's last case left as it found it, or a fresh one; closed after the case unless kept again. */
async function arrange(who: Who): Promise<Arranged> {
  const arranged = kept.get(who) ?? (await freshCore(who));
  kept.delete(who);
  arranged.verdicts.length = 0;
  cleanups.push(async () => {
    if (kept.get(who) !== arranged) await arranged.close();
  });
  return arranged;
}

/**
 * What the open database holds, as SQLite itself counts it: every row inserted, changed or deleted on
 * the data file's connection since it opened (total_changes(): triggers included, never undone by a
 * rollback), and the schema. A refused call may add its one audit line and nothing else, so the count
 * goes up by exactly the audit lines it logged. (Cheaper than comparing every row of every table, and
 * stricter: it also sees the audit log, and a change put back before the call answered.)
 */
function writesTo(core: KeyDeskCore) {
  const sql = core.requireFile().sql;
  return {
    rowsWritten: Number(sql.exec('SELECT total_changes()')[0]?.values[0]?.[0]),
    schema: sql.exec('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name')[0]?.values ?? [],
  };
}

async function stateOf(core: KeyDeskCore) {
  const status = await core.status();
  return { state: status.state, user: status.user?.username ?? null, folder: status.dataFolder };
}

/** Every call in the contract, made by `who`: one test each. */
export function describeEveryCallBy(who: Who): void {
  describe(`every call, made by ${who}`, () => {
    beforeAll(async () => {
      template = await (templateMade ??= makeTemplate());
      // A demo file takes a while to build on a busy machine.
    }, 180_000);
    afterEach(async () => {
      while (cleanups.length) await cleanups.pop()!();
    });
    afterAll(async () => {
      const last = kept.get(who);
      kept.delete(who);
      await last?.close();
    });

    it.each([...CALL_NAMES])('%s is allowed or refused exactly as ACCESS says', async (name) => {
      const arranged = await arrange(who);
      const { core, call, folder, verdicts } = arranged;
      const expected = expectedRefusal(ACCESS[name], who, name);
      const before = await stateOf(core);
      const fileOpen = core.dataFile !== null;
      const seq = fileOpen ? lastAuditSeq(core) : 0;
      const file = core.dataFile;
      const written = fileOpen ? writesTo(core) : null;
      if (fileOpen) await core.requireFile().flush();
      // On a kept core these were read at the end of the last case, and checked to be as it started.
      const slots = arranged.checked?.slots ?? (await readEnvelope(folder)).header.slots;
      const files = arranged.checked ? arranged.checked.files : fileOpen ? null : await folderDigest(folder);

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
        keep(who, arranged, { slots, files });
        return;
      }
      // The very database the case started with (no other file switched in), with no row written in it
      // but the refusal's own audit line.
      expect(core.dataFile, 'the open data file').toBe(file);
      const logged = auditRows(core, seq);
      expect(writesTo(core), 'rows written and schema').toEqual({ ...written, rowsWritten: written!.rowsWritten + logged.length });
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
      keep(who, arranged, { slots, files });
    });
  });
}

/** Every check passed: the core is as the case found it (but for a refusal's audit line), so the next case may start from it. */
function keep(who: Who, arranged: Arranged, checked: NonNullable<Arranged['checked']>): void {
  arranged.checked = checked;
  kept.set(who, arranged);
}
