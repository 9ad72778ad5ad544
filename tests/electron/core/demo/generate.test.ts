import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../../../../electron/core/crypto/keyring';
import { DataFile, SealedDataFile } from '../../../../electron/core/data-file';
import type { Db } from '../../../../electron/core/db/dialect';
import { DEMO_ACCOUNTS, DEMO_PROVISION_NAME, DEMO_SEED, fillDemoData } from '../../../../electron/core/demo/generate';
import { FIRST_NAMES, LAST_NAMES } from '../../../../electron/core/demo/names';
import { listBases } from '../../../../electron/core/repositories/bases';
import { getProvision } from '../../../../electron/core/repositories/provision';
import { listStaff } from '../../../../electron/core/repositories/staff';
import { addDays, isIsoDate } from '../../../../shared/domain/dates';
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
async function demoFile(seed = DEMO_SEED, today = TODAY): Promise<DataFile> {
  const file = await DataFile.create(`${root.path}/${++made}`, Keyring.create({ demo: true, scrypt: TEST_SCRYPT }), (f) =>
    fillDemoData(f, today, NOW, seed),
  );
  open.push(file);
  return file;
}

async function demo(seed = DEMO_SEED, today = TODAY): Promise<Db> {
  return (await demoFile(seed, today)).db;
}

const pupils = (db: Db) =>
  db
    .selectFrom('pupils')
    .select(['legal_first_name', 'legal_last_name', 'preferred_name', 'date_of_birth'])
    .orderBy('id')
    .execute();

const placements = (db: Db) =>
  db
    .selectFrom('placements')
    .innerJoin('bases', 'bases.id', 'placements.base_id')
    .innerJoin('pupils', 'pupils.id', 'placements.pupil_id')
    .select(['bases.name as base', 'pupils.date_of_birth', 'placements.start_date', 'placements.end_date'])
    .orderBy('placements.id')
    .execute();

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

  it('is the same every time for the same seed and day: names, dates of birth, placements', async () => {
    const [a, b] = [await demo(), await demo()];
    expect((await pupils(a)).length).toBeGreaterThan(20);
    expect(await pupils(a)).toEqual(await pupils(b));
    expect(await placements(a)).toEqual(await placements(b));
  });

  it('differs for a different seed', async () => {
    expect(await pupils(await demo(1))).not.toEqual(await pupils(await demo(2)));
  });

  it('keeps its shape relative to the day it is made, so it always looks current', async () => {
    const later = addDays(TODAY, 100);
    const [now, then] = [await listBases(await demo(), TODAY), await listBases(await demo(DEMO_SEED, later), later)];
    expect(then.map((b) => b.placed)).toEqual(now.map((b) => b.placed));
  });

  it('uses only the made-up names, each full name once', async () => {
    const rows = await pupils(await demo());
    for (const pupil of rows) {
      expect(FIRST_NAMES).toContain(pupil.legal_first_name);
      expect(LAST_NAMES).toContain(pupil.legal_last_name);
      if (pupil.preferred_name !== null) expect(pupil.legal_first_name.startsWith(pupil.preferred_name)).toBe(true);
    }
    const fullNames = rows.map((p) => `${p.legal_first_name} ${p.legal_last_name}`);
    expect(new Set(fullNames).size).toBe(fullNames.length);
  });

  it('gives every pupil a real date of birth, of primary age, and a KS1 age at the KS1-only base', async () => {
    for (const row of await placements(await demo())) {
      expect(isIsoDate(row.date_of_birth)).toBe(true);
      const age = Number(TODAY.slice(0, 4)) - Number(row.date_of_birth.slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(5);
      expect(age).toBeLessThanOrEqual(10);
      if (row.base === 'Frederick Bird') expect(age).toBeLessThanOrEqual(6);
    }
  });

  it('gives placements proper ISO dates, never ending before they start', async () => {
    for (const row of await placements(await demo())) {
      expect(isIsoDate(row.start_date)).toBe(true);
      if (row.end_date !== null) {
        expect(isIsoDate(row.end_date)).toBe(true);
        expect(row.end_date >= row.start_date).toBe(true);
      }
    }
  });

  it.each([DEMO_SEED, 1, 42, 987654321])('never has more pupils placed at a base than it has places, on any day (seed %i)', async (seed) => {
    const db = await demo(seed);
    const today = await listBases(db, TODAY);
    for (const base of today) expect(base.placed).toBeGreaterThan(0);
    // From well before the oldest placement to well after the newest, day by day.
    for (let offset = -600; offset <= 120; offset++) {
      for (const base of await listBases(db, addDays(TODAY, offset))) {
        expect(base.placed, `${base.name} on ${addDays(TODAY, offset)}`).toBeLessThanOrEqual(base.places);
      }
    }
  });

  it('has ended placements and ones starting soon, as well as current ones', async () => {
    const rows = await placements(await demo());
    expect(rows.some((p) => p.end_date !== null && p.end_date < TODAY)).toBe(true);
    expect(rows.some((p) => p.start_date > TODAY)).toBe(true);
    expect(rows.some((p) => p.start_date <= TODAY && (p.end_date === null || p.end_date >= TODAY))).toBe(true);
  });
});
