import type { ParsedInput } from '../../../shared/api/contract';
import type { HomeSchoolSession, HomeSchoolSheet, HomeSchoolSheetPupil } from '../../../shared/api/specs/registers';
import { homeSchoolCode, type HomeSchoolCoding, type Session } from '../../../shared/domain/attendance';
import { addDays, formatUkDate } from '../../../shared/domain/dates';
import { displayName } from '../../../shared/domain/pupil-record';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { getHomeSchoolAttendedCode } from '../repositories/provision';
import type { PlacementOnDay } from '../repositories/registers';
import { loadCalendar } from './calendar';
import { toCsv } from '../../../shared/csv';
import { plannedAtKey } from './registers';
import { scopedToBases, type PupilScope } from '../scope';

/**
 * What the home school enters for the Key's sessions. The pupil stays on the home school's roll, so its
 * register is the statutory one: K (education arranged by the local authority) when the pupil attended
 * the Key, the Key's own absence code otherwise. Worked out from the marks recorded, never re-derived.
 * The attended code is the provision's setting (Settings, Registers), read afresh for each sheet.
 */
const codingOf = async (db: Db): Promise<HomeSchoolCoding> => ({ attendedCode: await getHomeSchoolAttendedCode(db) });

interface RecordedMark {
  pupilId: string;
  baseId: string;
  date: string;
  session: Session;
  expected: boolean;
  code: string | null;
  minutesLate: number | null;
}

/** Recorded marks for these pupils between two dates, at bases the caller may see. */
async function marksFor(db: Db, scope: PupilScope, from: string, to: string, pupilIds: readonly string[]): Promise<RecordedMark[]> {
  if (pupilIds.length === 0) return [];
  const query = db
    .selectFrom('register_marks as m')
    .innerJoin('register_people as p', 'p.n', 'm.pupil_n')
    .innerJoin('registers as r', 'r.n', 'm.register_n')
    .select(['p.id as pupil_id', 'r.base_id', 'r.date', 'r.session', 'm.expected', 'm.code', 'm.minutes_late'])
    .where('p.id', 'in', [...pupilIds])
    .where('r.date', '>=', from)
    .where('r.date', '<=', to);
  return (await scopedToBases(query, 'r.base_id', scope).execute()).map((r) => ({
    pupilId: r.pupil_id,
    baseId: r.base_id,
    date: r.date,
    session: r.session as Session,
    expected: r.expected === 1,
    code: r.code,
    minutesLate: r.minutes_late,
  }));
}

const nothing = (state: HomeSchoolSession['state']): HomeSchoolSession => ({ state, code: null, keyCode: null, minutesLate: null });

/** One recorded mark as the home school sees it. */
function fromMark(mark: RecordedMark, coding: HomeSchoolCoding): HomeSchoolSession {
  if (!mark.expected) return nothing('at-home-school');
  const code = homeSchoolCode({ date: mark.date, session: mark.session, expected: true, code: mark.code }, coding);
  if (code === null) return nothing('not-marked');
  return { state: 'enter', code, keyCode: mark.code, minutesLate: mark.minutesLate };
}

/**
 * A home school's week: each of its pupils placed at the Key (at the caller's bases) that week, with,
 * for each day and session, the code to enter. Codes come only from recorded marks; where no mark was
 * recorded, the placement's plan says only which words to show (at the home school, or not marked yet).
 */
export async function homeSchoolSheet(db: Db, input: ParsedInput<'registers.homeSchoolSheet'>, scope: PupilScope): Promise<HomeSchoolSheet> {
  const school = await db.selectFrom('schools').select(['id', 'name']).where('id', '=', input.schoolId).executeTakeFirst();
  if (!school) throw new UserError('NOT_FOUND', 'That home school is not one Key Desk knows.', 'schoolId');
  const days = [0, 1, 2, 3, 4].map((n) => addDays(input.weekStarting, n));
  const monday = days[0]!;
  const friday = days[4]!;
  const placements = db
    .selectFrom('placements')
    .innerJoin('pupils', 'pupils.id', 'placements.pupil_id')
    .innerJoin('bases', 'bases.id', 'placements.base_id')
    .select([
      'placements.id as placement_id',
      'placements.base_id',
      'bases.name as base_name',
      'pupils.id as pupil_id',
      'pupils.legal_first_name',
      'pupils.legal_last_name',
      'pupils.preferred_name',
      'pupils.date_of_birth',
      'pupils.year_group_offset',
      'pupils.upn',
      'placements.start_date',
      'placements.planned_end',
      'placements.end_date',
      'placements.home_school_day',
      'placements.phases',
    ])
    .where('placements.decision', '=', 'accepted')
    .where('placements.start_date', 'is not', null)
    .where('placements.start_date', '<=', friday)
    .where((eb) => eb.or([eb('placements.end_date', 'is', null), eb('placements.end_date', '>=', monday)]))
    // The home school is the pupil's; a pupil whose home school was never recorded goes to the school that referred them.
    .where((eb) =>
      eb.or([
        eb('pupils.home_school_id', '=', input.schoolId),
        eb.and([eb('pupils.home_school_id', 'is', null), eb('placements.referring_school_id', '=', input.schoolId)]),
      ]),
    )
    .orderBy('placements.start_date');
  const visible = await scopedToBases(placements, 'placements.base_id', scope).execute();
  const calendar = await loadCalendar(db);
  const coding = await codingOf(db);
  const pupilIds = [...new Set(visible.map((p) => p.pupil_id))];
  const marks = await marksFor(db, scope, monday, friday, pupilIds);
  const markAt = new Map<string, RecordedMark>();
  for (const mark of marks) {
    const key = `${mark.pupilId}|${mark.date}|${mark.session}`;
    // A pupil on two bases' registers the same session (a move mid-week): the one expecting them counts.
    if (!markAt.get(key)?.expected) markAt.set(key, mark);
  }

  const pupils: HomeSchoolSheetPupil[] = pupilIds.map((pupilId) => {
    const own = visible.filter((p) => p.pupil_id === pupilId);
    const first = own.at(-1)!;
    const onDay = (date: string): PlacementOnDay | null => {
      const p = own.find((q) => q.start_date! <= date && (q.end_date === null || q.end_date >= date));
      return p
        ? {
            placementId: p.placement_id,
            pupilId,
            legalFirstName: p.legal_first_name,
            legalLastName: p.legal_last_name,
            preferredName: p.preferred_name,
            dateOfBirth: p.date_of_birth,
            yearGroupOffset: p.year_group_offset,
            homeSchoolName: school.name,
            startDate: p.start_date!,
            plannedEnd: p.planned_end,
            endDate: p.end_date,
            homeSchoolDay: p.home_school_day,
            phases: p.phases,
          }
        : null;
    };
    const sessionOf = (date: string, session: Session): HomeSchoolSession => {
      const mark = markAt.get(`${pupilId}|${date}|${session}`);
      if (mark) return fromMark(mark, coding);
      if (!calendar.isSchoolDay(date)) return nothing('no-school');
      const placement = onDay(date);
      if (!placement) return nothing('not-placed');
      return nothing(plannedAtKey(placement, date, calendar) ? 'not-marked' : 'at-home-school');
    };
    return {
      pupilId,
      name: displayName({ legalFirstName: first.legal_first_name, legalLastName: first.legal_last_name, preferredName: first.preferred_name }),
      upn: first.upn,
      baseName: first.base_name,
      days: days.map((date) => ({ date, AM: sessionOf(date, 'AM'), PM: sessionOf(date, 'PM') })),
    };
  });
  pupils.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return { schoolId: school.id, schoolName: school.name, weekStarting: monday, days, attendedCode: coding.attendedCode, pupils };
}

export const HOME_SCHOOL_CSV_COLUMNS = ['Pupil', 'UPN', 'Home school', 'Date', 'Session', 'Code to enter', 'Minutes late', "Key's own code"] as const;

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'school';

/**
 * Every session a pupil was expected at the Key between two dates (one home school, or all), with the
 * code the home school enters: from recorded marks only. A session not marked yet is listed with no code
 * to enter, so it is not missed. Cells that look like formulas are escaped by toCsv.
 */
export async function homeSchoolCsv(
  db: Db,
  input: ParsedInput<'registers.homeSchoolCsv'>,
  scope: PupilScope,
): Promise<{ fileName: string; csv: string; rows: number; schoolName: string | null }> {
  let schoolName: string | null = null;
  if (input.schoolId) {
    const school = await db.selectFrom('schools').select('name').where('id', '=', input.schoolId).executeTakeFirst();
    if (!school) throw new UserError('NOT_FOUND', 'That home school is not one Key Desk knows.', 'schoolId');
    schoolName = school.name;
  }
  let query = db
    .selectFrom('register_marks as m')
    .innerJoin('register_people as p', 'p.n', 'm.pupil_n')
    .innerJoin('registers as r', 'r.n', 'm.register_n')
    .innerJoin('pupils', 'pupils.id', 'p.id')
    .innerJoin('placements', 'placements.id', 'm.placement_id')
    .leftJoin('schools', (join) =>
      join.on((eb) =>
        eb.or([
          eb('schools.id', '=', eb.ref('pupils.home_school_id')),
          eb.and([eb('pupils.home_school_id', 'is', null), eb('schools.id', '=', eb.ref('placements.referring_school_id'))]),
        ]),
      ),
    )
    .select([
      'pupils.id as pupil_id',
      'pupils.legal_first_name',
      'pupils.legal_last_name',
      'pupils.preferred_name',
      'pupils.upn',
      'schools.name as school_name',
      'r.base_id',
      'r.date',
      'r.session',
      'm.code',
      'm.minutes_late',
    ])
    .where('m.expected', '=', 1)
    .where('r.date', '>=', input.from)
    .where('r.date', '<=', input.to);
  if (input.schoolId) query = query.where('schools.id', '=', input.schoolId);
  const rows = (await scopedToBases(query, 'r.base_id', scope).execute())
    .map((r) => ({
      school: r.school_name ?? '',
      name: displayName({ legalFirstName: r.legal_first_name, legalLastName: r.legal_last_name, preferredName: r.preferred_name }),
      r,
    }))
    .sort(
      (a, b) =>
        a.school.localeCompare(b.school, 'en-GB') ||
        a.name.localeCompare(b.name, 'en-GB') ||
        a.r.pupil_id.localeCompare(b.r.pupil_id) ||
        a.r.date.localeCompare(b.r.date) ||
        a.r.session.localeCompare(b.r.session),
    );
  const coding = await codingOf(db);
  const lines = rows.map(({ school, name, r }) => {
    const code = homeSchoolCode({ date: r.date, session: r.session as Session, expected: true, code: r.code }, coding);
    return {
      Pupil: name,
      UPN: r.upn ?? '',
      'Home school': school,
      Date: formatUkDate(r.date),
      Session: r.session,
      'Code to enter': code ?? '',
      'Minutes late': r.minutes_late === null ? '' : String(r.minutes_late),
      "Key's own code": r.code ?? 'Not marked yet',
    };
  });
  const fileName = `key-desk-home-school-codes-${schoolName ? `${slug(schoolName)}-` : ''}${input.from}-to-${input.to}.csv`;
  return { fileName, csv: toCsv(HOME_SCHOOL_CSV_COLUMNS, lines), rows: lines.length, schoolName };
}
