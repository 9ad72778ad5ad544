import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../../../../electron/core/crypto/keyring';
import { DataFile, SealedDataFile } from '../../../../electron/core/data-file';
import type { Db } from '../../../../electron/core/db/dialect';
import { DEMO_ACCOUNTS, DEMO_PROVISION_NAME, DEMO_SEED, fillDemoData } from '../../../../electron/core/demo/generate';
import { FIRST_NAMES, LAST_NAMES, PREFERRED_NAMES } from '../../../../electron/core/demo/names';
import { listBases } from '../../../../electron/core/repositories/bases';
import { loadSchoolDays } from '../../../../electron/core/repositories/calendar';
import { getProvision } from '../../../../electron/core/repositories/provision';
import { listStaff } from '../../../../electron/core/repositories/staff';
import { addDays, isIsoDate } from '../../../../shared/domain/dates';
import { firstFullDay, PLACEMENT_STATUSES, placementStatus, planStageProblem, type PanelDecision } from '../../../../shared/domain/placements';
import { dateOfBirthProblem } from '../../../../shared/domain/pupil-record';
import { academicYearOf, keyStageFor, upnProblem, yearGroupFor, yearGroupOn } from '../../../../shared/domain/pupils';
import { DEFAULT_TIMETABLE_RULES, planTimetable } from '../../../../shared/domain/timetable';
import { DEMO_PASSWORD, TEST_SCRYPT, tempFolder } from '../../../helpers/core';

const TODAY = '2026-11-23';
const NOW = '2026-11-23T09:00:00.000Z';

let root: Awaited<ReturnType<typeof tempFolder>>;
const open: DataFile[] = [];
let made = 0;
beforeAll(async () => {
  root = await tempFolder();
});
afterAll(async () => {
  for (const file of open) await file.close();
  await root.cleanup();
});

/** A new demo data file, made as the app makes one (accounts need a data file's key slots). */
async function freshDemoFile(seed = DEMO_SEED, today = TODAY): Promise<DataFile> {
  const file = await DataFile.create(`${root.path}/${++made}`, Keyring.create({ demo: true, scrypt: TEST_SCRYPT }), (f) =>
    fillDemoData(f, today, NOW, seed),
  );
  open.push(file);
  return file;
}

/**
 * The demo data file for a seed and day, made on first use and shared by the tests that only read it
 * (making one takes seconds). No test here writes to it; a test that would must use freshDemoFile.
 */
const shared = new Map<string, Promise<DataFile>>();
function demoFile(seed = DEMO_SEED, today = TODAY): Promise<DataFile> {
  const key = `${seed}@${today}`;
  let file = shared.get(key);
  if (!file) shared.set(key, (file = freshDemoFile(seed, today)));
  return file;
}

async function demo(seed = DEMO_SEED, today = TODAY): Promise<Db> {
  return (await demoFile(seed, today)).db;
}

const pupils = (db: Db) => db.selectFrom('pupils').selectAll().orderBy('id').execute();

const placements = async (db: Db) => {
  const rows = await db
    .selectFrom('placements')
    .leftJoin('bases', 'bases.id', 'placements.base_id')
    .innerJoin('pupils', 'pupils.id', 'placements.pupil_id')
    .selectAll('placements')
    .select(['bases.name as base', 'pupils.date_of_birth', 'pupils.year_group_offset'])
    .orderBy('placements.id')
    .execute();
  return rows.map((row) => ({
    ...row,
    status: placementStatus(
      { decision: row.decision as PanelDecision | null, startDate: row.start_date, endDate: row.end_date, reintegrationFrom: row.reintegration_from },
      TODAY,
    ),
  }));
};

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const events = (db: Db) => db.selectFrom('placement_events').selectAll().orderBy('id').execute();

/** The days a placement takes a place: from its start to its end, or its planned end while it runs. */
const occupancies = (rows: Awaited<ReturnType<typeof placements>>, base: string) =>
  rows.filter((p) => p.base === base && p.start_date !== null).map((p) => ({ start: p.start_date as string, end: (p.end_date ?? p.planned_end) as string }));

describe('the demo provision', () => {
  it('is marked as demo data', async () => {
    const db = await demo();
    expect(await getProvision(db)).toEqual({ name: DEMO_PROVISION_NAME, isDemo: true, autoLockMinutes: 5 });
  });

  it('has an account for each role, each opening the file with the demo password shown on its sign-in screen', async () => {
    const file = await demoFile();
    const bases = await listBases(file.db, TODAY);
    const parkgate = bases.find((b) => b.name === 'Parkgate');
    const staff = await listStaff(file.db);
    const byUsername = (username: string) => staff.find((s) => s.username === username);
    expect(staff).toHaveLength(3);
    expect(byUsername('demo.manager')).toMatchObject({ roles: ['manager', 'administrator'], baseIds: expect.arrayContaining(bases.map((b) => b.id)) });
    expect(byUsername('demo.manager')?.baseIds).toHaveLength(bases.length);
    expect(byUsername('demo.teacher')).toMatchObject({ roles: ['teacher'], baseIds: [parkgate?.id] });
    expect(byUsername('demo.admin')).toMatchObject({ roles: ['administrator'], baseIds: [] });

    expect(DEMO_ACCOUNTS.map((a) => a.username)).toEqual(['demo.manager', 'demo.teacher', 'demo.admin']);
    await file.flush();
    const sealed = await SealedDataFile.read(dirname(file.path));
    if (!sealed) throw new Error('no data file');
    expect(sealed.demo).toBe(true);
    for (const account of DEMO_ACCOUNTS) {
      expect(account.password).toBe(DEMO_PASSWORD);
      const unlocked = await Keyring.unlockWithPassword(sealed.envelope, account.username, account.password, TEST_SCRYPT);
      expect(unlocked?.staffId, account.username).toBe(byUsername(account.username)?.id);
    }
    expect(await Keyring.unlockWithPassword(sealed.envelope, 'demo.manager', 'not-the-demo-password', TEST_SCRYPT)).toBeNull();
  });

  it('is the same every time for the same seed and day: pupils, contacts, schools, placements and their histories, registers, keywork, plans', async () => {
    // The shared file and one made afresh: two separate makings of the same seed and day.
    const [a, b] = [await demo(), (await freshDemoFile()).db];
    expect((await pupils(a)).length).toBeGreaterThanOrEqual(45);
    expect(await pupils(a)).toEqual(await pupils(b));
    // Bases come with the schema, each file with its own ids: compare by name.
    const sameInAnyFile = async (db: Db) => (await placements(db)).map(({ base_id: _, ...p }) => p);
    expect(await sameInAnyFile(a)).toEqual(await sameInAnyFile(b));
    const withoutStaff = async (db: Db) => (await events(db)).map(({ recorded_by: _, ...e }) => e);
    expect(await withoutStaff(a)).toEqual(await withoutStaff(b));
    const contacts = (db: Db) => db.selectFrom('contacts').selectAll().orderBy('id').execute();
    expect(await contacts(a)).toEqual(await contacts(b));
    const schools = (db: Db) => db.selectFrom('schools').selectAll().orderBy('id').execute();
    expect(await schools(a)).toEqual(await schools(b));
    // Staff (and so who marked or wrote what) have their own ids in each file.
    const marks = (db: Db) =>
      db
        .selectFrom('register_marks as m')
        .innerJoin('registers as r', 'r.n', 'm.register_n')
        .innerJoin('register_people as p', 'p.n', 'm.pupil_n')
        .select(['r.date', 'r.session', 'r.taken_at', 'r.submitted_at', 'p.id', 'm.expected', 'm.code', 'm.minutes_late', 'm.marked_at'])
        .orderBy('r.date')
        .orderBy('r.session')
        .orderBy('p.id')
        .execute();
    expect((await marks(a)).length).toBeGreaterThan(1000);
    expect(await marks(a)).toEqual(await marks(b));
    const log = (db: Db) => db.selectFrom('log_entries').select(['id', 'pupil_id', 'on_date', 'at_time', 'contact_type', 'summary', 'due_on', 'done_on', 'recorded_at']).orderBy('id').execute();
    expect(await log(a)).toEqual(await log(b));
    const reviews = (db: Db) => db.selectFrom('plan_reviews').select(['id', 'plan_id', 'version_id', 'kind', 'held_on', 'recorded_at']).orderBy('id').execute();
    expect((await reviews(a)).length).toBeGreaterThan(20);
    expect(await reviews(a)).toEqual(await reviews(b));
    // Two whole demo files, each recorded through the services, on a busy shared machine.
  }, 180_000);

  it('differs for a different seed', async () => {
    // Two seeds whose files other tests here make anyway (each making takes seconds).
    expect(await pupils(await demo(1))).not.toEqual(await pupils(await demo(DEMO_SEED)));
  });

  it('keeps its shape relative to the day it is made, so it always looks current', async () => {
    const later = addDays(TODAY, 100);
    const [now, then] = [await listBases(await demo(), TODAY), await listBases(await demo(DEMO_SEED, later), later)];
    expect(then.map((b) => b.placed)).toEqual(now.map((b) => b.placed));
  });

  it('has Parkgate full today (24 of 24) and Frederick Bird about 10 of 12', async () => {
    const bases = await listBases(await demo(), TODAY);
    expect(bases.map((b) => [b.name, b.placed, b.places])).toEqual([
      ['Parkgate', 24, 24],
      ['Frederick Bird', 10, 12],
    ]);
  });

  it.each([DEMO_SEED, 1, 42, 987654321])('never has more pupils at a base than its places on any school day, past or the coming year (seed %i)', async (seed) => {
    const db = await demo(seed);
    const isSchoolDay = await loadSchoolDays(db);
    const rows = await placements(db);
    for (const base of await listBases(db, TODAY)) {
      expect(base.placed).toBeGreaterThan(0);
      const over = firstFullDay(occupancies(rows, base.name), base.places + 1, addDays(TODAY, -800), addDays(TODAY, 365), isSchoolDay);
      expect(over, `${base.name} over its ${base.places} places`).toBeNull();
    }
  });

  it.each([DEMO_SEED, 1, 42])('has a referral at every stage, from awaiting panel to ended (seed %i)', async (seed) => {
    const rows = await placements(await demo(seed));
    expect(new Set(rows.map((p) => p.status))).toEqual(new Set(PLACEMENT_STATUSES));
    const count = (status: string) => rows.filter((p) => p.status === status).length;
    expect(count('referred')).toBeGreaterThanOrEqual(2);
    expect(count('deferred')).toBe(1);
    expect(count('declined')).toBe(1);
    expect(rows.find((p) => p.status === 'declined')?.decision_notes).toBeTruthy();
  });

  it.each([DEMO_SEED, 1, 42, 987654321])('has pupils placed today in every week of the 26-week timetable (seed %i)', async (seed) => {
    const db = await demo(seed);
    const isSchoolDay = await loadSchoolDays(db);
    const weeks = new Set<number>();
    for (const p of await placements(db)) {
      if (p.status !== 'placed' && p.status !== 'reintegrating') continue;
      const days = planTimetable(p.start_date as string, isSchoolDay, DEFAULT_TIMETABLE_RULES).days.filter((d) => d.date <= TODAY);
      weeks.add(days.at(-1)!.week);
      expect(p.status).toBe(days.at(-1)!.week >= 13 ? 'reintegrating' : 'placed');
    }
    expect([...weeks].sort((a, b) => a - b)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
  });

  it('starts every placement on a school day, with the planned end, Key days and phased return the timetable gives', async () => {
    const db = await demo();
    const isSchoolDay = await loadSchoolDays(db);
    const started = (await placements(db)).filter((p) => p.start_date !== null);
    expect(started.length).toBeGreaterThan(40);
    for (const p of started) {
      const start = p.start_date as string;
      expect(isSchoolDay(start), start).toBe(true);
      const timetable = planTimetable(start, isSchoolDay, DEFAULT_TIMETABLE_RULES);
      expect(p).toMatchObject({
        decision: 'accepted',
        planned_end: timetable.endDate,
        key_days: timetable.keyDays,
        reintegration_from: timetable.days.find((d) => d.week >= 13)?.date,
        home_school_day: 5,
        phases: null,
      });
      expect(p.key_days).toBeLessThanOrEqual(85);
      if (p.end_date !== null) expect(p.end_date >= start && p.end_date <= (p.planned_end as string)).toBe(true);
    }
  });

  it('places only Reception and KS1 pupils at Frederick Bird, by their year group when they start', async () => {
    const rows = (await placements(await demo())).filter((p) => p.base === 'Frederick Bird');
    expect(rows.length).toBeGreaterThan(10);
    for (const p of rows) {
      const yearGroup = yearGroupFor(p.date_of_birth, academicYearOf(p.start_date ?? TODAY)) + p.year_group_offset;
      expect(['EYFS', 'KS1']).toContain(keyStageFor(yearGroup));
    }
  });

  it.each([DEMO_SEED, 1, 42, 987654321])('has every placement at a base that takes the pupil on every school day of its plan, as agreeing a start checks (seed %i)', async (seed) => {
    const db = await demo(seed);
    const isSchoolDay = await loadSchoolDays(db);
    const bases = await listBases(db, TODAY);
    const started = (await placements(db)).filter((p) => p.start_date !== null);
    expect(started.length).toBeGreaterThan(40);
    for (const p of started) {
      const base = bases.find((b) => b.id === p.base_id)!;
      const days = planTimetable(p.start_date as string, isSchoolDay, DEFAULT_TIMETABLE_RULES).days.map((d) => d.date);
      expect(planStageProblem(base, (date) => yearGroupOn(p.date_of_birth, p.year_group_offset, date), days), `${p.id} from ${p.start_date}`).toBeNull();
    }
  });

  it('has a waiting list at Parkgate: accepted in the past, visits done or skipped with a reason, no start date', async () => {
    const rows = await placements(await demo());
    const waiting = rows.filter((p) => p.base === 'Parkgate' && p.status === 'accepted');
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(waiting.length).toBeLessThanOrEqual(3);
    for (const p of waiting) {
      expect(p.start_date).toBeNull();
      expect(p.decided_on! < TODAY).toBe(true);
      expect(p.key_visit_on ?? p.key_visit_skipped).toBeTruthy();
      expect(p.home_visit_on ?? p.home_visit_skipped).toBeTruthy();
    }
    expect(waiting.some((p) => p.key_visit_skipped !== null || p.home_visit_skipped !== null)).toBe(true);
    // Frederick Bird has room: its accepted pupils have visits still to do, or a start agreed.
    expect(rows.filter((p) => p.base === 'Frederick Bird' && p.status === 'accepted').every((p) => p.key_visit_on === null)).toBe(true);
  });

  it('has ended placements with outcomes, follow-up visits, and a pupil back for a second placement', async () => {
    const db = await demo();
    const rows = await placements(db);
    const ended = rows.filter((p) => p.status === 'ended');
    const outcomes = ended.map((p) => p.outcome);
    expect(outcomes.filter((o) => o === 'returned-full-time').length).toBeGreaterThanOrEqual(4);
    expect(outcomes.filter((o) => o === 'moved-school')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'special-school')).toHaveLength(1);
    for (const p of ended) expect(p.end_date! < TODAY).toBe(true);
    const followUps = (await events(db)).filter((e) => e.step === 'follow-up');
    expect(followUps.length).toBeGreaterThanOrEqual(1);
    expect(followUps.length).toBeLessThanOrEqual(2);

    const byPupil = groupBy(rows, (p) => p.pupil_id);
    const twice = [...byPupil.values()].filter((list) => list.length > 1);
    expect(twice).toHaveLength(1);
    const [first, second] = twice[0]!.sort((a, b) => a.referred_on.localeCompare(b.referred_on));
    expect(first!.status).toBe('ended');
    expect(['placed', 'reintegrating']).toContain(second!.status);
    expect(first!.end_date! < second!.referred_on).toBe(true);
  });

  it('records each step on the day it happened, in order, by the demo manager, and nothing after today', async () => {
    const db = await demo();
    const managerId = (await listStaff(db)).find((s) => s.username === 'demo.manager')?.id;
    const rows = await placements(db);
    const history = groupBy(await events(db), (e) => e.placement_id);
    for (const p of rows) {
      const steps = history.get(p.id) ?? [];
      for (const e of steps) {
        expect(e).toMatchObject({ pupil_id: p.pupil_id, recorded_by: managerId });
        expect(e.on_date <= TODAY, `${e.step} on ${e.on_date}`).toBe(true);
        // Entered that day, as staff would have done, and never after the moment the demo was made.
        expect(e.recorded_at.slice(0, 10), `${e.step} on ${e.on_date}`).toBe(e.on_date);
        expect(e.recorded_at <= NOW).toBe(true);
      }
      const on = (step: string) => steps.find((e) => e.step === step)?.on_date;
      expect(on('referred')).toBe(p.referred_on);
      if (p.decision) expect(on(p.decision)).toBe(p.decided_on);
      if (p.key_visit_on) expect(on('key-visit')).toBe(p.key_visit_on);
      if (p.key_visit_skipped) expect(steps.find((e) => e.step === 'key-visit-skipped')?.notes).toBe(p.key_visit_skipped);
      if (p.home_visit_on) expect(on('home-visit')).toBe(p.home_visit_on);
      if (p.home_visit_skipped) expect(steps.find((e) => e.step === 'home-visit-skipped')?.notes).toBe(p.home_visit_skipped);
      if (p.start_date) expect(on('start-agreed')! < p.start_date).toBe(true);
      if (p.end_date) expect(on('ended')).toBe(p.end_date);
      // The lifecycle's order: referred, panel, visits, start.
      const dates = [p.referred_on, p.decided_on, p.key_visit_on, p.home_visit_on, p.start_date].filter((d): d is string => d !== null);
      expect(dates[0]).toBe(p.referred_on);
      if (p.decided_on) expect(p.decided_on > p.referred_on).toBe(true);
      for (const visit of [p.key_visit_on, p.home_visit_on]) if (visit) expect(visit >= p.decided_on! && (!p.start_date || visit < p.start_date)).toBe(true);
    }
  });

  it('gives every pupil a home school, contacts and a full record, with a mix of needs and pathways', async () => {
    const db = await demo();
    const rows = await pupils(db);
    const contacts = groupBy(await db.selectFrom('contacts').selectAll().execute(), (c) => c.pupil_id);
    const schools = await db.selectFrom('schools').selectAll().execute();
    expect(schools.length).toBeGreaterThanOrEqual(8);
    expect(schools.length).toBeLessThanOrEqual(12);
    for (const school of schools) expect(school.senco_name && school.phone && school.email && school.address).toBeTruthy();
    for (const pupil of rows) {
      expect(schools.map((s) => s.id)).toContain(pupil.home_school_id);
      const own = contacts.get(pupil.id) ?? [];
      expect(own.length).toBeGreaterThanOrEqual(1);
      expect(own.length).toBeLessThanOrEqual(2);
      if (pupil.child_in_care) {
        expect(pupil.virtual_school_contact).toBeTruthy();
        expect(pupil.has_pep).toBe(1);
      }
    }
    const spread = (column: 'sen_status' | 'pathway' | 'gender') => new Set(rows.map((p) => p[column]));
    expect(spread('sen_status')).toEqual(new Set(['none', 'sen-support', 'ehcp']));
    expect(spread('pathway')).toEqual(new Set(['early-intervention', 'specialist-semh', 'permanently-excluded']));
    expect(rows.filter((p) => p.child_in_care === 1).length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((p) => p.upn !== null).length / rows.length).toBeGreaterThan(0.7);
    expect(rows.some((p) => p.notes !== null)).toBe(true);
    expect([...contacts.values()].flat().some((c) => c.parental_responsibility === 1)).toBe(true);
  });

  it('looks real but is not: made-up names, valid UPNs, drama phone numbers, emails at example.org', async () => {
    const db = await demo();
    const rows = await pupils(db);
    for (const pupil of rows) {
      expect(FIRST_NAMES).toContain(pupil.legal_first_name);
      expect(LAST_NAMES).toContain(pupil.legal_last_name);
      if (pupil.preferred_name !== null) expect(pupil.preferred_name).toBe(PREFERRED_NAMES[pupil.legal_first_name]);
      if (pupil.upn !== null) {
        expect(upnProblem(pupil.upn)).toBeNull();
        // 999 is no local authority's number.
        expect(pupil.upn.slice(1, 4)).toBe('999');
      }
      expect(isIsoDate(pupil.date_of_birth)).toBe(true);
      expect(dateOfBirthProblem(pupil.date_of_birth, TODAY)).toBeNull();
    }
    const fullNames = rows.map((p) => `${p.legal_first_name} ${p.legal_last_name}`);
    expect(new Set(fullNames).size).toBe(fullNames.length);

    const contacts = await db.selectFrom('contacts').selectAll().execute();
    const schools = await db.selectFrom('schools').selectAll().execute();
    const phones = [...contacts.map((c) => c.phone), ...schools.map((s) => s.phone)].filter((p) => p !== null);
    for (const phone of phones) expect(phone).toMatch(/^(07700 900\d{3}|024 7696 0\d{3})$/);
    const emails = [...contacts.map((c) => c.email), ...schools.map((s) => s.email)].filter((e) => e !== null);
    expect(emails.length).toBeGreaterThan(20);
    for (const email of emails) expect(email).toMatch(/^[a-z0-9.-]+@([a-z0-9-]+\.)?example\.org$/);
    for (const pupil of rows.filter((p) => p.virtual_school_contact !== null)) expect(pupil.virtual_school_contact).toMatch(/024 7696 0\d{3}$/);
    for (const school of schools) expect(school.address).toMatch(/Coventry CV99 /);
  });
});
