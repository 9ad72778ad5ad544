/**
 * DfE attendance codes and the figures worked out from them.
 *
 * Source: "Working together to improve school attendance" (DfE, statutory from 19 August 2024) and the
 * School Attendance (Pupil Registration) (England) Regulations 2024. Its summary table of codes gives
 * each code a statistical meaning. Codes Q (unable to attend because of a lack of access arrangements)
 * and Y1–Y7 (unable to attend because of an unavoidable cause) are "not counted in possible
 * attendances", as are X (not of compulsory school age, not required to attend), Z (not yet on roll),
 * # (planned closure) and D (dual registered, attending the other school). Every other absence code is
 * a possible session. Present (/ \ L) and the approved educational activities (K V P W B) count as
 * attendance.
 */

export type AttendanceCategory =
  | 'present'
  | 'approved-activity'
  | 'authorised'
  | 'unavoidable'
  | 'unauthorised'
  | 'not-possible';

export type Session = 'AM' | 'PM';

export interface AttendanceCode {
  code: string;
  meaning: string;
  category: AttendanceCategory;
  /** Whether the session counts among the pupil's possible sessions. */
  possible: boolean;
  /** Whether it counts as attending (present or an approved educational activity). */
  attended: boolean;
}

const c = (code: string, meaning: string, category: AttendanceCategory, possible = true): AttendanceCode => ({
  code,
  meaning,
  category,
  possible,
  attended: category === 'present' || category === 'approved-activity',
});

/** The full DfE 2024 set, in the order staff look for them. */
export const ATTENDANCE_CODES: readonly AttendanceCode[] = [
  c('/', 'Present (morning)', 'present'),
  c('\\', 'Present (afternoon)', 'present'),
  c('L', 'Late, arrived before the register closed', 'present'),
  c('K', 'Attending education arranged by the local authority', 'approved-activity'),
  c('V', 'Attending an educational visit or trip', 'approved-activity'),
  c('P', 'Attending an approved sporting activity', 'approved-activity'),
  c('W', 'Attending work experience', 'approved-activity'),
  c('B', 'Attending any other approved educational activity', 'approved-activity'),
  c('C1', 'Leave of absence: regulated performance or employment abroad', 'authorised'),
  c('M', 'Leave of absence: medical or dental appointment', 'authorised'),
  c('J1', 'Leave of absence: interview', 'authorised'),
  c('S', 'Leave of absence: study leave', 'authorised'),
  c('X', 'Not of compulsory school age, not required to attend', 'not-possible', false),
  c('C2', 'Leave of absence: part-time timetable', 'authorised'),
  c('T', 'Mobile (traveller) child travelling', 'authorised'),
  c('R', 'Religious observance', 'authorised'),
  c('I', 'Illness (not medical or dental appointment)', 'authorised'),
  c('E', 'Suspended or excluded, no alternative provision', 'authorised'),
  c('C', 'Leave of absence: other exceptional circumstances', 'authorised'),
  c('Q', 'Unable to attend: lack of access arrangements', 'unavoidable', false),
  c('Y1', 'Unable to attend: transport not available', 'unavoidable', false),
  c('Y2', 'Unable to attend: widespread transport disruption', 'unavoidable', false),
  c('Y3', 'Unable to attend: part of the premises closed', 'unavoidable', false),
  c('Y4', 'Unable to attend: whole site closed unexpectedly', 'unavoidable', false),
  c('Y5', 'Unable to attend: in criminal justice detention', 'unavoidable', false),
  c('Y6', 'Unable to attend: public health guidance or law', 'unavoidable', false),
  c('Y7', 'Unable to attend: any other unavoidable cause', 'unavoidable', false),
  c('G', 'Holiday not granted by the school', 'unauthorised'),
  c('N', 'Reason not yet provided', 'unauthorised'),
  c('O', 'Absent in other or unknown circumstances', 'unauthorised'),
  c('U', 'Arrived after the register closed', 'unauthorised'),
  c('Z', 'Prospective pupil not on admission register', 'not-possible', false),
  c('#', 'Planned whole or partial school closure', 'not-possible', false),
  c('D', 'Dual registered: attending the other school', 'not-possible', false),
];

const BY_CODE = new Map(ATTENDANCE_CODES.map((code) => [code.code, code]));

export function findCode(code: string): AttendanceCode | undefined {
  return BY_CODE.get(code);
}

export function isAttendanceCode(code: string): boolean {
  return BY_CODE.has(code);
}

export const CATEGORY_WORDS: Record<AttendanceCategory, string> = {
  present: 'Present',
  'approved-activity': 'Approved educational activity',
  authorised: 'Authorised absence',
  unavoidable: 'Unable to attend (unavoidable cause)',
  unauthorised: 'Unauthorised absence',
  'not-possible': 'Not a possible session',
};

/** Below this attendance a pupil is persistently absent (DfE: missing 10% or more of possible sessions). */
export const PERSISTENT_ABSENCE_BELOW = 90;

/** What a register recorded for one pupil and one session, as kept at the time. */
export interface RecordedSession {
  date: string;
  session: Session;
  /** Whether the pupil was expected at the Key that session, fixed when the register was taken. */
  expected: boolean;
  /** The current code (after any amendments), or null while unmarked. */
  code: string | null;
}

export interface AttendanceFigures {
  /** Sessions counted: expected at the Key and marked with a code that makes them possible. */
  possible: number;
  present: number;
  approvedActivity: number;
  authorised: number;
  unavoidable: number;
  unauthorised: number;
  /** Expected sessions not marked yet: not counted anywhere else. */
  unmarked: number;
  /** Present + approved activity, as a percentage of possible sessions, to one decimal place; null with none. */
  attendancePercent: number | null;
  persistentAbsence: boolean;
}

/**
 * Figures from what registers recorded, never from today's timetable: a session counts only if the
 * pupil was expected at the Key when it was taken. Unavoidable (Q, Y1–Y7) and administrative codes are
 * counted in their own column but are not possible sessions.
 */
export function attendanceFigures(sessions: Iterable<RecordedSession>): AttendanceFigures {
  const f = { possible: 0, present: 0, approvedActivity: 0, authorised: 0, unavoidable: 0, unauthorised: 0, unmarked: 0 };
  for (const s of sessions) {
    if (!s.expected) continue;
    if (s.code === null) {
      f.unmarked += 1;
      continue;
    }
    const code = findCode(s.code);
    if (!code) throw new Error(`Unknown attendance code ${s.code}`);
    if (code.possible) f.possible += 1;
    if (code.category === 'present') f.present += 1;
    else if (code.category === 'approved-activity') f.approvedActivity += 1;
    else if (code.category === 'authorised') f.authorised += 1;
    else if (code.category === 'unavoidable') f.unavoidable += 1;
    else if (code.category === 'unauthorised') f.unauthorised += 1;
  }
  const attended = f.present + f.approvedActivity;
  const attendancePercent = f.possible === 0 ? null : Math.round((attended / f.possible) * 1000) / 10;
  return { ...f, attendancePercent, persistentAbsence: attendancePercent !== null && attendancePercent < PERSISTENT_ABSENCE_BELOW };
}

/** The Monday of the week a date falls in (weeks start on Monday). */
export function weekStarting(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday);
  return d.toISOString().slice(0, 10);
}

export interface WeeklyAttendance {
  weekStarting: string;
  figures: AttendanceFigures;
}

/** Figures per week (Monday first), in date order: the data behind the weekly attendance charts. */
export function weeklyAttendance(sessions: Iterable<RecordedSession>): WeeklyAttendance[] {
  const weeks = new Map<string, RecordedSession[]>();
  for (const s of sessions) {
    const week = weekStarting(s.date);
    const list = weeks.get(week);
    if (list) list.push(s);
    else weeks.set(week, [s]);
  }
  return [...weeks.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([week, list]) => ({ weekStarting: week, figures: attendanceFigures(list) }));
}

/** What the home school enters in its own register for a session at the Key (configurable per provision). */
export interface HomeSchoolCoding {
  /** The code for a session the pupil attended the Key (present, late, or an approved activity). */
  attendedCode: string;
}

export const DEFAULT_HOME_SCHOOL_CODING: HomeSchoolCoding = { attendedCode: 'K' };

/**
 * The code the home school enters for a session the pupil was expected at the Key: `K` when they
 * attended (education arranged by the local authority), the Key's own code otherwise. Null when there
 * is nothing to enter (not expected at the Key, or not marked yet).
 */
export function homeSchoolCode(session: RecordedSession, coding: HomeSchoolCoding = DEFAULT_HOME_SCHOOL_CODING): string | null {
  if (!session.expected || session.code === null) return null;
  const code = findCode(session.code);
  if (!code) return null;
  return code.attended ? coding.attendedCode : code.code;
}
