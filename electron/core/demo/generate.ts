import type { DemoAccount } from '../../../shared/api/status';
import { typicalYear } from '../../../shared/domain/calendar';
import { addDays } from '../../../shared/domain/dates';
import { DEFAULT_TIMETABLE_RULES, planTimetable } from '../../../shared/domain/timetable';
import { academicYearOf } from '../../../shared/domain/pupils';
import type { Role } from '../../../shared/domain/staff';
import type { DataFile } from '../data-file';
import type { Db } from '../db/dialect';
import { listBases } from '../repositories/bases';
import { loadSchoolDays } from '../repositories/calendar';
import { createProvision } from '../repositories/provision';
import { addStaffMember } from '../services/staff';
import { withIdSource } from '../ids';
import { joiningTransactions } from './one-transaction';
import { demoActions } from './actions';
import { tellStory } from './plan';
import { fillDemoKeywork } from './keywork';
import { fillDemoRegisters } from './registers';
import { fillDemoPlans } from './support-plans';
import { seededRandom } from './random';

export const DEMO_SEED = 20261122;
export const DEMO_PROVISION_NAME = 'The Key (demo data)';
/** The home schools were entered this long before the demo's day: before its oldest referral. */
const DEMO_REACH_DAYS = 800;

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

/**
 * Fills a new database with a fictional provision: home schools, pupils with their contacts, and
 * referrals at every stage. Parkgate is full today and Frederick Bird nearly so, with pupils in every
 * week of the 26-week plan between them; Parkgate has a waiting list; some placements have ended and
 * some are about to start. Dates are relative to `today` so the demo always looks current; names,
 * ages and ids come from a fixed seed. The story (plan.ts) is recorded step by step through the same
 * services a user's actions call, each on the day and at the time it happens in the story, so every
 * rule (school days, places, key stages, timetables, the history) is the services' own.
 */
export async function fillDemoData(file: DataFile, today: string, now: string, seed = DEMO_SEED): Promise<void> {
  const db: Db = file.db;
  const random = seededRandom(seed);
  await createProvision(db, { name: DEMO_PROVISION_NAME, isDemo: true }, now);
  const bases = await listBases(db, today);
  let managerId: string | null = null;
  // Each base's registers are taken by its own teacher where the demo has one, else by the manager.
  const teacherAt: Record<string, string> = {};
  for (const staff of DEMO_STAFF) {
    const baseIds = bases.filter((b) => staff.bases === 'all' || staff.bases.includes(b.name)).map((b) => b.id);
    const member = await addStaffMember(file, { ...staff, baseIds, password: DEMO_PASSWORD }, today, now);
    if (staff.roles.includes('manager')) managerId ??= member.id;
    if (staff.roles.includes('teacher')) for (const baseId of baseIds) teacherAt[baseId] ??= member.id;
  }
  await db.transaction().execute((tx) => ensureCalendar(tx, today));
  if (!managerId) throw new Error('The demo needs a manager to record its story');
  const recordedBy = managerId;
  // Ids from their own seeded numbers: the story's choices do not depend on how many a service makes.
  await withIdSource(seededRandom(seed + 3).uuid, () =>
    db.transaction().execute(async (outer) => {
      const tx = joiningTransactions(outer);
      const isSchoolDay = await loadSchoolDays(tx);
      const preview = (start: string) => planTimetable(start, isSchoolDay, DEFAULT_TIMETABLE_RULES);
      const act = await demoActions(tx, { now, userId: recordedBy, schoolsFrom: addDays(today, -DEMO_REACH_DAYS), findings: seededRandom(seed + 5) });
      await tellStory(random, { today, bases, isSchoolDay, preview }, act);
    }),
  );
  await db.transaction().execute((tx) => fillDemoRegisters(joiningTransactions(tx), random, { today, now, bases, takenBy: recordedBy, takenByAt: teacherAt, amendedBy: recordedBy }));
  // Its own random numbers: the pupils, placements and registers above stay as they were.
  await withIdSource(seededRandom(seed + 13).uuid, () =>
    db.transaction().execute((tx) => fillDemoKeywork(joiningTransactions(tx), seededRandom(seed + 7), { today, now, recordedBy })),
  );
  // Plans after the keyworkers, who write them; again its own random numbers.
  await withIdSource(seededRandom(seed + 17).uuid, () =>
    db.transaction().execute((tx) => fillDemoPlans(joiningTransactions(tx), seededRandom(seed + 11), { today, now })),
  );
}

/**
 * The demo reaches two years back and a year ahead. A new data file comes with the typical calendar
 * for 2023/24 to 2030/31, INSET placeholders included; outside those years the demo adds the same
 * pattern, so a demo made years from now still has school days to plan with.
 */
async function ensureCalendar(db: Db, today: string): Promise<void> {
  const thisYear = academicYearOf(today);
  for (let year = thisYear - 2; year <= thisYear + 1; year++) {
    const known = await db.selectFrom('terms').select('name').where('academic_year', '=', year).executeTakeFirst();
    if (known) continue;
    const typical = typicalYear(year);
    await db
      .insertInto('terms')
      .values(typical.terms.map((t) => ({ academic_year: year, name: t.name, starts_on: t.startsOn, ends_on: t.endsOn })))
      .execute();
    for (const closure of typical.closures) {
      await db.insertInto('closures').values({ date: closure.date, kind: closure.kind, name: closure.name }).onConflict((oc) => oc.doNothing()).execute();
    }
  }
}
