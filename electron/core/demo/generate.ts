import type { DemoAccount } from '../../../shared/api/status';
import { typicalYear } from '../../../shared/domain/calendar';
import { formatUkDate } from '../../../shared/domain/dates';
import type { PlacementStep } from '../../../shared/domain/placements';
import { academicYearOf } from '../../../shared/domain/pupils';
import type { Role } from '../../../shared/domain/staff';
import type { DataFile } from '../data-file';
import type { Db } from '../db/dialect';
import { listBases } from '../repositories/bases';
import { loadSchoolDays } from '../repositories/calendar';
import { createProvision } from '../repositories/provision';
import { addStaffMember } from '../services/staff';
import { planDemo, type DemoPlan, type DemoReferral } from './plan';
import { fillDemoKeywork } from './keywork';
import { fillDemoRegisters } from './registers';
import { fillDemoPlans } from './support-plans';
import { seededRandom } from './random';
import { DEMO_SCHOOLS } from './schools';

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

/**
 * Fills a new database with a fictional provision: home schools, pupils with their contacts, and
 * referrals at every stage. Parkgate is full today and Frederick Bird nearly so, with pupils in every
 * week of the 26-week plan between them; Parkgate has a waiting list; some placements have ended and
 * some are about to start. Dates are relative to `today` so the demo always looks current; names,
 * ages and ids come from a fixed seed. Each row is what the services would have written, every rule
 * (school days, places, key stages, timetables) worked out with the same shared functions.
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
  await db.transaction().execute(async (tx) => {
    await ensureCalendar(tx, today);
    const plan = planDemo(random, { today, bases, isSchoolDay: await loadSchoolDays(tx) });
    await writePlan(tx, plan, { now, recordedBy: managerId, newId: random.uuid });
  });
  if (managerId) {
    const takenBy = managerId;
    await db.transaction().execute((tx) => fillDemoRegisters(tx, random, { today, bases, takenBy, takenByAt: teacherAt, amendedBy: takenBy }));
  }
  // Its own random numbers: the pupils, placements and registers above stay as they were.
  await db.transaction().execute((tx) => fillDemoKeywork(tx, seed + 7, { today, now }));
  // Plans after the keyworkers, who write them; again its own random numbers.
  await db.transaction().execute((tx) => fillDemoPlans(tx, seed + 11, { today, now }));
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

interface Step {
  step: PlacementStep;
  on: string;
  notes: string | null;
}

/** The history the services record as a referral moves on: one step for each thing staff enter. */
function stepsOf(r: DemoReferral): Step[] {
  const steps: Step[] = [{ step: 'referred', on: r.referredOn, notes: null }];
  if (r.decision && r.decidedOn) steps.push({ step: r.decision, on: r.decidedOn, notes: r.decisionNotes });
  if (r.keyVisitOn) steps.push({ step: 'key-visit', on: r.keyVisitOn, notes: null });
  // A skipped visit has no date of its own: the step is dated the day the reason was entered.
  if (r.keyVisitSkipped && r.visitsRecordedOn) steps.push({ step: 'key-visit-skipped', on: r.visitsRecordedOn, notes: r.keyVisitSkipped });
  if (r.homeVisitOn) steps.push({ step: 'home-visit', on: r.homeVisitOn, notes: null });
  if (r.homeVisitSkipped && r.visitsRecordedOn) steps.push({ step: 'home-visit-skipped', on: r.visitsRecordedOn, notes: r.homeVisitSkipped });
  if (r.startDate && r.agreedOn && r.timetable) {
    const notes = `Starts ${formatUkDate(r.startDate)}; planned end ${formatUkDate(r.timetable.endDate)}; ${r.timetable.keyDays} days at the Key.`;
    steps.push({ step: 'start-agreed', on: r.agreedOn, notes });
  }
  if (r.endDate) steps.push({ step: 'ended', on: r.endDate, notes: r.outcomeNotes });
  for (const f of r.followUps) steps.push({ step: 'follow-up', on: f.on, notes: f.notes });
  return steps;
}

async function writePlan(db: Db, plan: DemoPlan, by: { now: string; recordedBy: string | null; newId: () => string }): Promise<void> {
  const { now } = by;
  for (const school of plan.schools) {
    const s = DEMO_SCHOOLS[school.index];
    if (!s) continue;
    await db
      .insertInto('schools')
      .values({ id: school.id, name: s.name, senco_name: s.sencoName, phone: s.phone, email: s.email, address: s.address, created_at: now, updated_at: now })
      .execute();
  }
  for (const p of plan.pupils) {
    await db
      .insertInto('pupils')
      .values({
        id: p.id,
        legal_first_name: p.legalFirstName,
        legal_last_name: p.legalLastName,
        preferred_name: p.preferredName,
        date_of_birth: p.dateOfBirth,
        gender: p.gender,
        upn: p.upn,
        year_group_offset: 0,
        home_school_id: p.homeSchoolId,
        sen_status: p.senStatus,
        child_in_care: p.childInCare ? 1 : 0,
        virtual_school_contact: p.virtualSchoolContact,
        has_pep: p.hasPep ? 1 : 0,
        pathway: p.pathway,
        notes: p.notes,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const c of p.contacts) {
      await db
        .insertInto('contacts')
        .values({
          id: c.id,
          pupil_id: p.id,
          name: c.name,
          relationship: c.relationship,
          phone: c.phone,
          email: c.email,
          parental_responsibility: c.parentalResponsibility ? 1 : 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  }
  // Oldest referral first, as they would have been recorded.
  const referrals = [...plan.referrals].sort((a, b) => a.referredOn.localeCompare(b.referredOn));
  for (const r of referrals) {
    await db
      .insertInto('placements')
      .values({
        id: r.id,
        pupil_id: r.pupil.id,
        referring_school_id: r.schoolId,
        referred_on: r.referredOn,
        reason: r.reason,
        tried: r.tried,
        decision: r.decision,
        decided_on: r.decidedOn,
        decision_notes: r.decisionNotes,
        base_id: r.baseId,
        key_visit_on: r.keyVisitOn,
        key_visit_skipped: r.keyVisitSkipped,
        home_visit_on: r.homeVisitOn,
        home_visit_skipped: r.homeVisitSkipped,
        start_date: r.startDate,
        home_school_day: 5,
        phases: null,
        planned_end: r.timetable?.endDate ?? null,
        reintegration_from: r.reintegrationFrom,
        key_days: r.timetable?.keyDays ?? null,
        end_date: r.endDate,
        outcome: r.outcome,
        outcome_notes: r.outcomeNotes,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const step of stepsOf(r)) {
      await db
        .insertInto('placement_events')
        .values({
          id: by.newId(),
          placement_id: r.id,
          pupil_id: r.pupil.id,
          step: step.step,
          on_date: step.on,
          notes: step.notes,
          recorded_by: by.recordedBy,
          recorded_at: now,
        })
        .execute();
    }
  }
}
