import { isoWeekday } from '../../../shared/domain/bank-holidays';
import { addDays } from '../../../shared/domain/dates';
import { GOING_SCALE, type FollowUpFindings, type Going, type LogKind, type WithWhom } from '../../../shared/domain/keywork';
import { addWorkingDays, workingDayRules } from '../../../shared/domain/working-days';
import type { Db } from '../db/dialect';
import { listTerms } from '../repositories/calendar';
import { getKeyworkSettings, listBankHolidays } from '../repositories/keywork';
import { assignKeyworker, changeLink, saveBeforeFigures, saveProfessional } from '../services/keywork';
import { addLogEntry, correctLogEntry, markReplyDone, type KeyworkContext } from '../services/keywork-log';
import type { PupilScope } from '../scope';
import { storyClock } from './clock';
import { input } from './input';
import type { Random } from './random';

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

const ALL: PupilScope = { all: true };

/** What a follow-up visit found, as the home school reported it (recorded with the visit). */
export function followUpFindings(random: Random): Pick<FollowUpFindings, 'attendancePercent' | 'suspensions' | 'going' | 'actionsAgreed'> {
  const going: Going = random.weighted(GOING_SCALE.map((g, i) => [g, [5, 4, 2, 1][i]!] as const));
  return {
    attendancePercent: random.int(820, 990) / 10,
    suspensions: going === 'not-going-well' ? random.int(1, 2) : 0,
    going,
    actionsAgreed: random.pick([
      'School to keep the morning check-in; Key to visit again at the next follow-up.',
      'Class teacher to use the calm corner; SENCo to update the support plan.',
      'Lunchtime buddy to continue; parent to ring the Key if mornings get harder.',
    ]),
  };
}

/**
 * The keyworker's record for the demo: a keyworker for every accepted placement (some changed once),
 * figures from before each placement, a handful of professionals linked to pupils, a chronology for
 * most pupils (calls and emails needing a reply among them, some done, some overdue, a correction or
 * two). Every step goes through the service its screen calls, on its day and at its time, by the
 * keyworker (or, for the assignments, figures and links, by `recordedBy`). Its own seeded random, so
 * the rest of the demo is as it was. What each follow-up visit found is recorded with the visit.
 */
export async function fillDemoKeywork(db: Db, random: Random, at: { today: string; now: string; recordedBy: string }): Promise<void> {
  const { today, now } = at;
  const clock = storyClock(now);
  const ctx = (userId: string, date: string, time: string): KeyworkContext => ({ userId, scope: ALL, ...clock(date, time), timeNow: time });
  const staff = await db.selectFrom('staff').innerJoin('staff_bases', 'staff_bases.staff_id', 'staff.id').select(['staff.id', 'staff.name', 'staff.roles', 'staff_bases.base_id']).execute();
  const settings = await getKeyworkSettings(db);
  const rules = workingDayRules({ terms: await listTerms(db), bankHolidays: await listBankHolidays(db) }, settings.schoolHolidaysCount, today);

  const placements = await db
    .selectFrom('placements')
    .innerJoin('pupils', 'pupils.id', 'placements.pupil_id')
    .select(['placements.id', 'placements.pupil_id', 'placements.base_id', 'placements.referred_on', 'placements.decided_on', 'placements.start_date', 'placements.end_date'])
    .where('placements.decision', '=', 'accepted')
    .where('placements.base_id', 'is not', null)
    .orderBy('placements.referred_on')
    .execute();

  // Entered before the first placement they work with.
  const enteredOn = placements[0]?.decided_on ?? today;
  const professionalIds: string[] = [];
  for (const p of PROFESSIONALS) {
    const saved = await saveProfessional(db, input('professionals.save', p), ALL, clock(enteredOn, '09:30').now);
    professionalIds.push(saved.id);
  }

  for (const p of placements) {
    const atBase = staff.filter((s) => s.base_id === p.base_id);
    // Teachers are keyworkers first; a manager where the base has no teacher.
    const teachers = atBase.filter((s) => s.roles.includes('teacher'));
    const keyworker = random.pick(teachers.length ? teachers : atBase);
    if (!keyworker) continue;
    const from = p.decided_on ?? p.referred_on;
    const assign = (staffId: string, fromDate: string, reason: string | null) =>
      assignKeyworker(db, input('keyworkers.assign', { placementId: p.id, staffId, fromDate, reason }), ctx(at.recordedBy, fromDate, '15:00'));
    const others = atBase.filter((s) => s.id !== keyworker.id);
    // Now and then the keyworker changed part way (cover for leave), history kept.
    if (others.length && random.chance(0.25) && addDays(from, 14) < today) {
      await assign(random.pick(others).id, from, null);
      await assign(keyworker.id, addDays(from, 14), 'Back from leave: keyworker again');
    } else await assign(keyworker.id, from, null);

    if (p.start_date || random.chance(0.6)) {
      const figures = { attendancePercent: random.int(550, 920) / 10, suspensions: random.weighted([[0, 3], [1, 3], [2, 2], [3, 1], [5, 1]] as const) };
      await saveBeforeFigures(db, input('followUps.saveBefore', { placementId: p.id, ...figures }), ctx(at.recordedBy, from, '15:05'));
    }

    const linked = random.shuffle(professionalIds).slice(0, random.int(0, 2));
    // A pupil back for a second placement may draw a professional they are already linked to: the link stays as it was.
    for (const professionalId of linked) await changeLink(db, input('professionals.link', { pupilId: p.pupil_id, professionalId }), true, ctx(at.recordedBy, from, '15:10'));

    // Most pupils have a chronology; a few accepted but not started yet have none.
    if (!p.start_date && random.chance(0.4)) continue;
    const firstDay = p.decided_on ?? p.referred_on;
    const lastDay = p.end_date && addDays(p.end_date, 120) < today ? addDays(p.end_date, 120) : today;
    const span = Math.max(1, Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000));
    const count = random.int(5, 12);
    const dates = Array.from({ length: count }, (_, i) => (i === count - 1 && lastDay === today ? addDays(today, -random.int(1, 4)) : addDays(firstDay, random.int(0, span)))).sort();
    const by = (date: string, time: string) => ctx(keyworker.id, date, time);
    for (const date of dates) {
      // Logged the day it happened: nothing today, where the day has not got that far yet.
      const onDate = lastWeekdayOnOrBefore(date < firstDay ? firstDay : date >= today ? addDays(today, -1) : date);
      if (onDate >= today || onDate < firstDay) continue;
      const kind = random.weighted(KINDS);
      const withWhom = linked.length && kind === 'tac-meeting' ? 'professional' : WITH_FOR[kind];
      const professionalId = withWhom === 'professional' ? (linked[0] ?? null) : null;
      const atTime = `${String(random.int(8, 16)).padStart(2, '0')}:${String(random.pick([0, 10, 15, 20, 30, 40, 45, 50])).padStart(2, '0')}`;
      const needsReply = (kind === 'phone-call' || kind === 'email') && random.chance(0.45);
      const content = {
        onDate,
        atTime,
        kind,
        withWhom,
        withName: withWhom === 'parent-carer' ? random.pick(['Mum', 'Dad', 'Nan (carer)', 'Foster carer']) : withWhom === 'home-school' ? random.pick(['Class teacher', 'SENCo', 'Head teacher']) : null,
        professionalId,
        summary: random.pick(SUMMARIES[kind]),
      };
      // Written up straight after the contact; outreach and school visits go against the home school.
      const entry = await addLogEntry(db, input('log.add', { pupilId: p.pupil_id, ...content, needsReply, ownerId: needsReply ? keyworker.id : null }), by(onDate, '17:00'));
      // Most replies were made on time; a few recent ones are still owed, some of those overdue.
      const done = needsReply && entry.dueOn! < today && random.chance(0.8);
      const doneOn = done ? (addDays(onDate, 1) <= today ? addWorkingDays(onDate, 1, rules) : onDate) : null;
      if (random.chance(0.06)) {
        const correction = { ...content, withName: 'Grandparent (carer)', summary: `${random.pick(SUMMARIES[kind])} (Spoke with grandparent, not parent.)` };
        const reason = 'Wrong person named: it was the grandparent who rang.';
        await correctLogEntry(db, input('log.correct', { id: entry.id, ...correction, reason }), by(onDate, '17:20'));
      }
      if (doneOn && doneOn <= today) await markReplyDone(db, input('log.markDone', { id: entry.id, doneOn }), by(doneOn, '16:30'));
    }
  }
}
