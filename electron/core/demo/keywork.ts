import { isoWeekday } from '../../../shared/domain/bank-holidays';
import { addDays } from '../../../shared/domain/dates';
import { DEFAULT_KEYWORK_SETTINGS, GOING_SCALE, replyDaysFor, type Going, type LogKind, type WithWhom } from '../../../shared/domain/keywork';
import { addWorkingDays, workingDayRules } from '../../../shared/domain/working-days';
import type { Db } from '../db/dialect';
import { listTerms } from '../repositories/calendar';
import { listBankHolidays } from '../repositories/keywork';
import { seededRandom } from './random';

type Random = ReturnType<typeof seededRandom>;

/** Fictional professionals: names, organisations and numbers are made up (01632 and example.org are reserved for fiction). */
const PROFESSIONALS = [
  { name: 'Dr Imogen Verity', role: 'educational-psychologist', organisation: 'Educational Psychology Service', phone: '01632 960101', email: 'imogen.verity@example.org' },
  { name: 'Callum Ashby', role: 'social-worker', organisation: "Children's Services, North Team", phone: '01632 960102', email: 'callum.ashby@example.org' },
  { name: 'Priya Lomax', role: 'camhs', organisation: 'CAMHS Primary Mental Health Team', phone: '01632 960103', email: 'priya.lomax@example.org' },
  { name: 'Helen Barraclough', role: 'virtual-school', organisation: 'Virtual School', phone: '01632 960104', email: 'helen.barraclough@example.org' },
  { name: 'Tomasz Wilk', role: 'semhl-outreach', organisation: 'SEMHL Outreach', phone: '01632 960105', email: 'tomasz.wilk@example.org' },
  { name: 'Grace Ifeoma', role: 'school-nurse', organisation: 'School Nursing Service', phone: '01632 960106', email: null },
  { name: 'Rhys Calloway', role: 'cct', organisation: 'Complex Communication Team', phone: '01632 960107', email: 'rhys.calloway@example.org' },
] as const;

/** What keyworkers write, by type of contact: short, plain and fictional. */
const SUMMARIES: Record<LogKind, readonly string[]> = {
  'phone-call': [
    'Parent rang to say a difficult morning at home; agreed a calm start with a soft landing at the door.',
    'Rang parent to share a good day: settled well in the morning and joined in at lunch.',
    'Home school SENCo rang about the home-school day; agreed to send the week\'s strategies.',
    'Parent rang to ask about transport times for next week.',
    'Rang home school to check how Friday went; class teacher reports a better week.',
  ],
  email: [
    'Emailed home school the updated strategies sheet and the visual timetable.',
    'Parent emailed asking for a meeting about the phased return.',
    'Home school emailed attendance for the last half term.',
    'Emailed parent the dates for the review meeting.',
  ],
  meeting: ['Review meeting with parent and home school: targets reviewed, next steps agreed.', 'Planning meeting with home school about the phased return timetable.'],
  'home-visit': ['Home visit with parent: talked through the routine at home and what helps at bedtime.', 'Home visit: pupil showed their room and drawings; parent positive about progress.'],
  'school-visit': ['Visited home school: observed in class for an hour and met the class teacher.', 'Visited home school to plan the return with the SENCo.'],
  outreach: ['Outreach to home school: modelled the calm corner and zones of regulation with the class team.', 'Outreach session with the teaching assistant on de-escalation and check-ins.'],
  'tac-meeting': ['Team Around the Child meeting: school, parent and professionals; actions shared by email.'],
  mentoring: ['Mentoring session: worked on naming feelings and asking for help.', 'Mentoring session: practised the plan for unstructured times.'],
  other: ['Sent the pupil a postcard for a good week.'],
};

const WITH_FOR: Record<LogKind, WithWhom> = {
  'phone-call': 'parent-carer',
  email: 'home-school',
  meeting: 'parent-carer',
  'home-visit': 'parent-carer',
  'school-visit': 'home-school',
  outreach: 'home-school',
  'tac-meeting': 'professional',
  mentoring: 'pupil',
  other: 'pupil',
};

const KINDS: ReadonlyArray<readonly [LogKind, number]> = [
  ['phone-call', 6],
  ['email', 4],
  ['meeting', 2],
  ['home-visit', 1],
  ['school-visit', 2],
  ['outreach', 1],
  ['tac-meeting', 1],
  ['mentoring', 2],
  ['other', 1],
];

const lastWeekdayOnOrBefore = (date: string) => (isoWeekday(date) <= 5 ? date : addDays(date, 5 - isoWeekday(date)));

/**
 * The keyworker's record for the demo: a keyworker for every accepted placement (some changed once),
 * figures from before each placement, a handful of professionals linked to pupils, a chronology for
 * most pupils (calls and emails needing a reply among them, some done, some overdue, a correction or
 * two), and what each follow-up visit found. Its own seeded random, so the rest of the demo is as it was.
 */
export async function fillDemoKeywork(db: Db, seed: number, at: { today: string; now: string }): Promise<void> {
  const random: Random = seededRandom(seed);
  const { today, now } = at;
  const staff = await db.selectFrom('staff').innerJoin('staff_bases', 'staff_bases.staff_id', 'staff.id').select(['staff.id', 'staff.name', 'staff.roles', 'staff_bases.base_id']).execute();
  const rules = workingDayRules({ terms: await listTerms(db), bankHolidays: await listBankHolidays(db) }, DEFAULT_KEYWORK_SETTINGS.schoolHolidaysCount, today);

  const professionalIds: string[] = [];
  for (const p of PROFESSIONALS) {
    const id = random.uuid();
    professionalIds.push(id);
    await db.insertInto('professionals').values({ id, ...p, created_at: now, updated_at: now }).execute();
  }

  const placements = await db
    .selectFrom('placements')
    .innerJoin('pupils', 'pupils.id', 'placements.pupil_id')
    .select(['placements.id', 'placements.pupil_id', 'placements.base_id', 'placements.referred_on', 'placements.decided_on', 'placements.start_date', 'placements.end_date', 'pupils.home_school_id', 'pupils.legal_first_name'])
    .where('placements.decision', '=', 'accepted')
    .where('placements.base_id', 'is not', null)
    .orderBy('placements.referred_on')
    .execute();

  for (const p of placements) {
    const atBase = staff.filter((s) => s.base_id === p.base_id);
    // Teachers are keyworkers first; a manager where the base has no teacher.
    const teachers = atBase.filter((s) => s.roles.includes('teacher'));
    const keyworker = random.pick(teachers.length ? teachers : atBase);
    if (!keyworker) continue;
    const from = p.decided_on ?? p.referred_on;
    let seq = 1;
    const others = atBase.filter((s) => s.id !== keyworker.id);
    // Now and then the keyworker changed part way (cover for leave), history kept.
    if (others.length && random.chance(0.25) && addDays(from, 14) < today) {
      await db
        .insertInto('keyworker_assignments')
        .values({ id: random.uuid(), placement_id: p.id, pupil_id: p.pupil_id, seq: seq++, staff_id: random.pick(others).id, from_date: from, change_reason: null, assigned_by: null, assigned_at: now })
        .execute();
    }
    await db
      .insertInto('keyworker_assignments')
      .values({
        id: random.uuid(),
        placement_id: p.id,
        pupil_id: p.pupil_id,
        seq,
        staff_id: keyworker.id,
        from_date: seq > 1 ? addDays(from, 14) : from,
        change_reason: seq > 1 ? 'Back from leave: keyworker again' : null,
        assigned_by: null,
        assigned_at: now,
      })
      .execute();

    if (p.start_date || random.chance(0.6)) {
      await db
        .insertInto('referral_before')
        .values({ placement_id: p.id, pupil_id: p.pupil_id, attendance_percent: random.int(550, 920) / 10, suspensions: random.weighted([[0, 3], [1, 3], [2, 2], [3, 1], [5, 1]] as const), recorded_by: null, recorded_at: now })
        .execute();
    }

    const linked = random.shuffle(professionalIds).slice(0, random.int(0, 2));
    for (const professionalId of linked) {
      // A pupil back for a second placement may draw a professional they are already linked to.
      await db
        .insertInto('pupil_professionals')
        .values({ pupil_id: p.pupil_id, professional_id: professionalId, linked_at: now })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }

    // Most pupils have a chronology; a few accepted but not started yet have none.
    if (!p.start_date && random.chance(0.4)) continue;
    const firstDay = p.decided_on ?? p.referred_on;
    const lastDay = p.end_date && addDays(p.end_date, 120) < today ? addDays(p.end_date, 120) : today;
    const span = Math.max(1, Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000));
    const count = random.int(5, 12);
    const dates = Array.from({ length: count }, (_, i) => (i === count - 1 && lastDay === today ? addDays(today, -random.int(1, 4)) : addDays(firstDay, random.int(0, span)))).sort();
    for (const date of dates) {
      const onDate = lastWeekdayOnOrBefore(date < firstDay ? firstDay : date);
      if (onDate > today || onDate < firstDay) continue;
      const kind = random.weighted(KINDS);
      const withWhom = linked.length && kind === 'tac-meeting' ? 'professional' : WITH_FOR[kind];
      const professionalId = withWhom === 'professional' ? (linked[0] ?? null) : null;
      const atTime = `${String(random.int(8, 16)).padStart(2, '0')}:${String(random.pick([0, 10, 15, 20, 30, 40, 45, 50])).padStart(2, '0')}`;
      const needsReply = (kind === 'phone-call' || kind === 'email') && random.chance(0.45);
      const dueOn = needsReply ? addWorkingDays(onDate, replyDaysFor(kind, DEFAULT_KEYWORK_SETTINGS), rules) : null;
      // Most replies were made on time; a few recent ones are still owed, some of those overdue.
      const done = needsReply && dueOn! < today && random.chance(0.8);
      const doneOn = done ? (addDays(onDate, 1) <= today ? addWorkingDays(onDate, 1, rules) : onDate) : null;
      const id = random.uuid();
      await db
        .insertInto('log_entries')
        .values({
          id,
          pupil_id: p.pupil_id,
          on_date: onDate,
          at_time: atTime,
          contact_type: kind,
          with_whom: withWhom,
          with_name: withWhom === 'parent-carer' ? random.pick(['Mum', 'Dad', 'Nan (carer)', 'Foster carer']) : withWhom === 'home-school' ? random.pick(['Class teacher', 'SENCo', 'Head teacher']) : null,
          professional_id: professionalId,
          school_id: kind === 'outreach' || kind === 'school-visit' ? p.home_school_id : null,
          summary: random.pick(SUMMARIES[kind]),
          needs_reply: needsReply ? 1 : 0,
          due_on: dueOn,
          owner_id: needsReply ? keyworker.id : null,
          done_on: doneOn && doneOn <= today ? doneOn : null,
          done_by: doneOn ? keyworker.id : null,
          done_at: doneOn ? now : null,
          recorded_by: keyworker.id,
          recorded_at: now,
        })
        .execute();
      if (random.chance(0.06)) {
        await db
          .insertInto('log_corrections')
          .values({
            entry_id: id,
            seq: 1,
            pupil_id: p.pupil_id,
            on_date: onDate,
            at_time: atTime,
            contact_type: kind,
            with_whom: withWhom,
            with_name: 'Grandparent (carer)',
            professional_id: professionalId,
            school_id: kind === 'outreach' || kind === 'school-visit' ? p.home_school_id : null,
            summary: `${random.pick(SUMMARIES[kind])} (Spoke with grandparent, not parent.)`,
            correction_reason: 'Wrong person named: it was the grandparent who rang.',
            corrected_by: keyworker.id,
            corrected_at: now,
          })
          .execute();
      }
    }
  }

  // What each follow-up visit found, as the home school reported it.
  const visits = await db.selectFrom('placement_events').select(['id', 'placement_id', 'pupil_id']).where('step', '=', 'follow-up').orderBy('on_date').execute();
  for (const v of visits) {
    const going: Going = random.weighted(GOING_SCALE.map((g, i) => [g, [5, 4, 2, 1][i]!] as const));
    await db
      .insertInto('follow_up_findings')
      .values({
        event_id: v.id,
        placement_id: v.placement_id,
        pupil_id: v.pupil_id,
        attendance_percent: random.int(820, 990) / 10,
        suspensions: going === 'not-going-well' ? random.int(1, 2) : 0,
        going,
        actions_agreed: random.pick([
          'School to keep the morning check-in; Key to visit again at the next follow-up.',
          'Class teacher to use the calm corner; SENCo to update the support plan.',
          'Lunchtime buddy to continue; parent to ring the Key if mornings get harder.',
        ]),
      })
      .execute();
  }
}
