import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HomeSchoolSheet } from '../../../../shared/api/specs/registers';
import { homeSchoolSheet } from '../../../../electron/core/services/home-school';
import { placementsCore, type PlacementsCore } from '../placements/fixture';

/** Friday 27/11/2026 at four: every register of the week has closed. */
let clock: Date;
let t: PlacementsCore;
let pupilId: string;

const WEEK = '2026-11-23';
const key = (date: string, session: 'AM' | 'PM') => ({ baseId: t.parkgate.id, date, session });

beforeEach(async () => {
  clock = new Date('2026-11-27T16:00:00Z');
  t = await placementsCore({ now: () => clock });
  // Started on Monday 2 November: Monday to Thursday at Parkgate, Fridays at the home school.
  pupilId = (await t.startedPupil('2026-11-02')).pupilId;
  await t.core.requireDb().updateTable('pupils').set({ upn: 'A123456789012', home_school_id: t.schoolId }).where('id', '=', pupilId).execute();
});
afterEach(async () => {
  await t.cleanup();
});

/** The week worked by hand: what the Key recorded, session by session. */
async function markTheWeek() {
  const mark = (date: string, session: 'AM' | 'PM', code: string, extra: Record<string, unknown> = {}) =>
    t.ok('registers.mark', { ...key(date, session), pupilId, code, ...extra });
  await mark('2026-11-23', 'AM', '/');
  await mark('2026-11-23', 'PM', '\\');
  await mark('2026-11-24', 'AM', 'L', { minutesLate: 12 });
  await mark('2026-11-24', 'PM', 'I');
  await mark('2026-11-25', 'AM', 'O');
  // Parent rang afterwards: the O becomes M, the original kept; the home school enters the new code.
  await mark('2026-11-25', 'AM', 'M', { reason: 'Parent rang: dentist appointment' });
  // Wednesday afternoon: nobody has marked it yet.
  await mark('2026-11-26', 'AM', 'E');
  await mark('2026-11-26', 'PM', '\\');
  // Friday: at the home school, so no register at the Key.
}

const cells = (sheet: HomeSchoolSheet, who = pupilId) =>
  sheet.pupils
    .find((p) => p.pupilId === who)!
    .days.map((d) => [d.date, d.AM.state === 'enter' ? d.AM.code : d.AM.state, d.PM.state === 'enter' ? d.PM.code : d.PM.state]);

describe("a home school's weekly sheet", () => {
  it('gives K for present, late and attended sessions, the Key’s code for absences, and words where there is nothing to enter', async () => {
    await markTheWeek();
    const sheet = await t.ok('registers.homeSchoolSheet', { schoolId: t.schoolId, weekStarting: WEEK });
    expect(sheet).toMatchObject({ schoolName: 'Willow Lane Primary', weekStarting: WEEK, attendedCode: 'K' });
    expect(sheet.days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
    expect(sheet.pupils).toHaveLength(1);
    expect(sheet.pupils[0]).toMatchObject({ name: 'Pupil01 Testcase', upn: 'A123456789012', baseName: 'Parkgate' });
    expect(cells(sheet)).toEqual([
      ['2026-11-23', 'K', 'K'],
      ['2026-11-24', 'K', 'I'],
      ['2026-11-25', 'M', 'not-marked'],
      ['2026-11-26', 'E', 'K'],
      ['2026-11-27', 'at-home-school', 'at-home-school'],
    ]);
    const tuesday = sheet.pupils[0]!.days[1]!;
    expect(tuesday.AM).toEqual({ state: 'enter', code: 'K', keyCode: 'L', minutesLate: 12 });
    expect(tuesday.PM).toEqual({ state: 'enter', code: 'I', keyCode: 'I', minutesLate: null });
    expect(sheet.pupils[0]!.days[2]!.AM).toEqual({ state: 'enter', code: 'M', keyCode: 'M', minutesLate: null });
  });

  it('shows a session as not marked while its register is taken but the pupil has no mark', async () => {
    const other = (await t.startedPupil('2026-11-02')).pupilId;
    await t.ok('registers.mark', { ...key('2026-11-25', 'PM'), pupilId: other, code: '\\' });
    const sheet = await t.ok('registers.homeSchoolSheet', { schoolId: t.schoolId, weekStarting: WEEK });
    expect(sheet.pupils.find((p) => p.pupilId === pupilId)!.days[2]!.PM.state).toBe('not-marked');
    expect(sheet.pupils.map((p) => p.name)).toEqual(['Pupil01 Testcase', 'Pupil02 Testcase']);
  });

  it('lists only that school’s pupils, and says when a placement had not started yet', async () => {
    const late = (await t.startedPupil('2026-11-25')).pupilId;
    const elsewhere = randomSchool();
    await t.core.requireDb().insertInto('schools').values(elsewhere).execute();
    const moved = (await t.startedPupil('2026-11-02')).pupilId;
    await t.core.requireDb().updateTable('pupils').set({ home_school_id: elsewhere.id }).where('id', '=', moved).execute();
    const sheet = await t.ok('registers.homeSchoolSheet', { schoolId: t.schoolId, weekStarting: WEEK });
    expect(sheet.pupils.map((p) => p.pupilId).sort()).toEqual([pupilId, late].sort());
    expect(cells(sheet, late).slice(0, 3)).toEqual([
      ['2026-11-23', 'not-placed', 'not-placed'],
      ['2026-11-24', 'not-placed', 'not-placed'],
      ['2026-11-25', 'not-marked', 'not-marked'],
    ]);
    const theirs = await t.ok('registers.homeSchoolSheet', { schoolId: elsewhere.id, weekStarting: WEEK });
    expect(theirs.pupils.map((p) => p.pupilId)).toEqual([moved]);
  });

  it('shows a teacher only the pupils at their own bases', async () => {
    await markTheWeek();
    const db = t.core.requireDb();
    const otherBase = await homeSchoolSheet(db, { schoolId: t.schoolId, weekStarting: WEEK }, { all: false, baseIds: [t.frederickBird.id] });
    expect(otherBase.pupils).toEqual([]);
    const ownBase = await homeSchoolSheet(db, { schoolId: t.schoolId, weekStarting: WEEK }, { all: false, baseIds: [t.parkgate.id] });
    expect(ownBase.pupils.map((p) => p.pupilId)).toEqual([pupilId]);
  });

  it('refuses a week that does not start on a Monday, and a school it does not know, naming the field', async () => {
    expect((await t.refused('registers.homeSchoolSheet', { schoolId: t.schoolId, weekStarting: '2026-11-24' })).field).toBe('weekStarting');
    expect((await t.refused('registers.homeSchoolSheet', { schoolId: t.schoolId, weekStarting: '24/11/2026' })).field).toBe('weekStarting');
    expect((await t.refused('registers.homeSchoolSheet', { schoolId: crypto.randomUUID(), weekStarting: WEEK })).field).toBe('schoolId');
  });
});

function randomSchool() {
  const now = new Date().toISOString();
  return { id: crypto.randomUUID(), name: 'Hazel Brook Primary', created_at: now, updated_at: now };
}

describe('the home school CSV', () => {
  it('lists each session the pupil was expected at the Key, with the code to enter, and records the export', async () => {
    await markTheWeek();
    const result = await t.ok('registers.homeSchoolCsv', { from: WEEK, to: '2026-11-27', schoolId: t.schoolId });
    expect(result.fileName).toBe('key-desk-home-school-codes-willow-lane-primary-2026-11-23-to-2026-11-27.csv');
    expect(result.rows).toBe(7);
    const parsed = Papa.parse<string[]>(result.csv.trim()).data;
    expect(parsed).toEqual([
      ['Pupil', 'UPN', 'Home school', 'Date', 'Session', 'Code to enter', 'Minutes late', "Key's own code"],
      ['Pupil01 Testcase', 'A123456789012', 'Willow Lane Primary', '23/11/2026', 'AM', 'K', '', '/'],
      ['Pupil01 Testcase', 'A123456789012', 'Willow Lane Primary', '23/11/2026', 'PM', 'K', '', '\\'],
      ['Pupil01 Testcase', 'A123456789012', 'Willow Lane Primary', '24/11/2026', 'AM', 'K', '12', 'L'],
      ['Pupil01 Testcase', 'A123456789012', 'Willow Lane Primary', '24/11/2026', 'PM', 'I', '', 'I'],
      ['Pupil01 Testcase', 'A123456789012', 'Willow Lane Primary', '25/11/2026', 'AM', 'M', '', 'M'],
      ['Pupil01 Testcase', 'A123456789012', 'Willow Lane Primary', '26/11/2026', 'AM', 'E', '', 'E'],
      ['Pupil01 Testcase', 'A123456789012', 'Willow Lane Primary', '26/11/2026', 'PM', 'K', '', '\\'],
    ]);
    const logged = t.core.requireFile().sql.exec("SELECT action, detail FROM audit_log WHERE action = 'exported-home-school-codes'")[0]?.values;
    expect(logged).toEqual([['exported-home-school-codes', '7 sessions, 23/11/2026 to 27/11/2026, Willow Lane Primary']]);
  });

  it('lists a session whose register was taken without the pupil marked, with nothing to enter yet', async () => {
    const other = (await t.startedPupil('2026-11-02')).pupilId;
    await t.ok('registers.mark', { ...key('2026-11-25', 'PM'), pupilId: other, code: '\\' });
    const { csv } = await t.ok('registers.homeSchoolCsv', { from: '2026-11-25', to: '2026-11-25' });
    const rows = Papa.parse<string[]>(csv.trim()).data.slice(1);
    expect(rows.map((r) => [r[0], r[5], r[7]])).toEqual([
      ['Pupil01 Testcase', '', 'Not marked yet'],
      ['Pupil02 Testcase', 'K', '\\'],
    ]);
  });

  it('escapes names a spreadsheet would run as a formula', async () => {
    await t.core
      .requireDb()
      .updateTable('pupils')
      .set({ legal_first_name: '=HYPERLINK("http://example.invalid")', legal_last_name: '+Cmd' })
      .where('id', '=', pupilId)
      .execute();
    await t.ok('registers.mark', { ...key('2026-11-23', 'AM'), pupilId, code: '/' });
    const { csv } = await t.ok('registers.homeSchoolCsv', { from: WEEK, to: WEEK });
    const row = Papa.parse<string[]>(csv.trim()).data[1]!;
    expect(row[0]).toBe('\'=HYPERLINK("http://example.invalid") +Cmd');
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('refuses dates the wrong way round, naming the last date', async () => {
    expect((await t.refused('registers.homeSchoolCsv', { from: '2026-11-27', to: '2026-11-23' })).field).toBe('to');
    expect((await t.refused('registers.homeSchoolCsv', { from: '27/11/2026', to: '2026-11-23' })).field).toBe('from');
  });
});
