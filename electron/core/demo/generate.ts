import type { DemoAccount } from '../../../shared/api/status';
import { addDays } from '../../../shared/domain/dates';
import type { Role } from '../../../shared/domain/staff';
import type { DataFile } from '../data-file';
import type { Db } from '../db/dialect';
import { addStaffMember } from '../services/staff';
import { listBases } from '../repositories/bases';
import { createProvision } from '../repositories/provision';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { seededRandom, type Random } from './random';

export const DEMO_SEED = 20261122;
export const DEMO_PROVISION_NAME = 'The Key (demo data)';

/** Made-up accounts for exploring each role; their passwords are shown on a demo file's sign-in screen. */
const DEMO_PASSWORD = 'try-key-desk';
export const DEMO_STAFF: ReadonlyArray<{ name: string; username: string; roles: Role[]; bases: 'all' | string[]; description: string }> = [
  { name: 'Demo Manager', username: 'demo.manager', roles: ['manager', 'administrator'], bases: 'all', description: 'Manager and administrator' },
  { name: 'Demo Teacher', username: 'demo.teacher', roles: ['teacher'], bases: ['Parkgate'], description: 'Teacher at Parkgate' },
  { name: 'Demo Administrator', username: 'demo.admin', roles: ['administrator'], bases: [], description: 'Administrator only' },
];
export const DEMO_ACCOUNTS: DemoAccount[] = DEMO_STAFF.map((s) => ({
  username: s.username,
  password: DEMO_PASSWORD,
  description: s.description,
}));

/** How full the demo makes each base today, as a share of its places. */
const FILL = 0.8;

function dateOfBirth(random: Random, today: string, ageYears: number): string {
  const year = Number(today.slice(0, 4)) - ageYears;
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/**
 * Fills a new database with fictional pupils placed at every base: most places filled today, some
 * placements already ended and some starting soon. Dates are relative to `today` so the demo always
 * looks current; names and ages come from a fixed seed.
 */
export async function fillDemoData(file: DataFile, today: string, now: string, seed = DEMO_SEED): Promise<void> {
  const db: Db = file.db;
  const random = seededRandom(seed);
  await createProvision(db, { name: DEMO_PROVISION_NAME, isDemo: true }, now);
  const bases = await listBases(db, today);
  for (const staff of DEMO_STAFF) {
    const baseIds = bases.filter((b) => staff.bases === 'all' || staff.bases.includes(b.name)).map((b) => b.id);
    await addStaffMember(file, { ...staff, baseIds, password: DEMO_PASSWORD }, today, now);
  }
  const usedNames = new Set<string>();
  const newPupil = async (keyStage: string) => {
    let first: string;
    let last: string;
    do {
      first = random.pick(FIRST_NAMES);
      last = random.pick(LAST_NAMES);
    } while (usedNames.has(`${first} ${last}`));
    usedNames.add(`${first} ${last}`);
    const age = keyStage === 'KS1' ? random.int(5, 6) : random.int(7, 10);
    const id = random.uuid();
    await db
      .insertInto('pupils')
      .values({
        id,
        legal_first_name: first,
        legal_last_name: last,
        preferred_name: random.next() < 0.15 ? first.slice(0, 3) : null,
        date_of_birth: dateOfBirth(random, today, age),
        created_at: now,
      })
      .execute();
    return id;
  };
  const place = async (pupilId: string, baseId: string, start: string, end: string | null) => {
    await db
      .insertInto('placements')
      .values({ id: random.uuid(), pupil_id: pupilId, base_id: baseId, start_date: start, end_date: end, created_at: now })
      .execute();
  };

  for (const base of bases) {
    const current = Math.round(base.places * FILL);
    for (let i = 0; i < current; i++) {
      const pupil = await newPupil(random.pick(base.keyStages));
      // Spread over a 26-week placement: some just started, some nearly back at school full time.
      const weeksIn = random.int(0, 25);
      const start = addDays(today, -7 * weeksIn - random.int(0, 4));
      await place(pupil, base.id, start, addDays(start, 26 * 7 - 3));
    }
    for (let i = 0; i < 3; i++) {
      const pupil = await newPupil(random.pick(base.keyStages));
      const start = addDays(today, -7 * random.int(40, 80));
      await place(pupil, base.id, start, addDays(start, 26 * 7 - 3));
    }
    const upcoming = await newPupil(random.pick(base.keyStages));
    await place(upcoming, base.id, addDays(today, 7 * random.int(2, 5)), null);
  }
}
