/**
 * Attendance figures worked out from what registers recorded (who was expected, which code), never
 * from today's plan: a pupil's history with every amendment, and a base's weeks.
 */
import type { ParsedInput } from '../../../shared/api/contract';
import type { AttendanceHistoryEntry, BaseAttendance, PupilAttendance } from '../../../shared/api/specs/registers';
import { attendanceFigures, weeklyAttendance, type RecordedSession, type Session } from '../../../shared/domain/attendance';
import { formatUkDate } from '../../../shared/domain/dates';
import { displayName } from '../../../shared/domain/pupil-record';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { findBase } from '../repositories/bases';
import { listAmendmentsFor, listBaseMarks, listPupilMarks } from '../repositories/registers';
import type { RegisterContext } from './registers';
import { requireBaseInScope } from '../scope';
import { pupilInScope } from './pupils';

const uk = formatUkDate;

/** A pupil's recorded sessions (what was recorded, never today's plan), figures, weeks and amendments. */
export async function pupilAttendance(db: Db, input: ParsedInput<'registers.pupilAttendance'>, ctx: Pick<RegisterContext, 'scope'>): Promise<PupilAttendance> {
  const rows = await listPupilMarks(db, input.pupilId, input.from, input.to);
  const visible = rows;
  if (!(await pupilInScope(db, ctx.scope, input.pupilId))) throw new UserError('NOT_FOUND', 'That pupil is not one Key Desk knows.', 'pupilId');
  const amendments = visible.length > 0 ? await listAmendmentsFor(db, visible[0]!.pupil_n) : [];
  const byRegister = new Map<number, typeof amendments>();
  for (const a of amendments) byRegister.set(a.register_n, [...(byRegister.get(a.register_n) ?? []), a]);
  const sessions: RecordedSession[] = visible.map((r) => ({ date: r.date, session: r.session as Session, expected: r.expected === 1, code: r.code }));
  const history: AttendanceHistoryEntry[] = visible.map((r) => {
    const changes = byRegister.get(r.register_n) ?? [];
    return {
      date: r.date,
      session: r.session as Session,
      baseName: r.base_name,
      expected: r.expected === 1,
      code: r.code,
      minutesLate: r.minutes_late,
      originalCode: changes[0]?.old_code ?? r.code,
      amendments: changes.map((a) => ({
        oldCode: a.old_code,
        oldMinutesLate: a.old_minutes_late,
        newCode: a.new_code,
        newMinutesLate: a.new_minutes_late,
        reason: a.reason,
        amendedBy: a.amended_by,
        amendedAt: a.amended_at,
      })),
    };
  });
  return { figures: attendanceFigures(sessions), weeks: weeklyAttendance(sessions), history };
}

/**
 * A base's figures from what its registers recorded between two dates (never today's plan): the base
 * pooled per week and in total, and each pupil per week and in total. Teachers see their own bases only.
 */
export async function baseAttendance(db: Db, input: ParsedInput<'registers.baseAttendance'>, ctx: Pick<RegisterContext, 'scope'>): Promise<BaseAttendance> {
  if (input.from > input.to) {
    throw new UserError('INVALID_INPUT', `The first date (${uk(input.from)}) is after the last date (${uk(input.to)}).`, 'from');
  }
  const base = await findBase(db, input.baseId, input.to);
  if (!base) throw new UserError('NOT_FOUND', 'That base is not one Key Desk knows.', 'baseId');
  requireBaseInScope(ctx.scope, input.baseId, 'baseId', 'You can see attendance only for the bases you work at.');
  const rows = await listBaseMarks(db, input.baseId, input.from, input.to);
  const all: RecordedSession[] = [];
  const byPupil = new Map<string, { name: string; sessions: RecordedSession[] }>();
  for (const r of rows) {
    const session: RecordedSession = { date: r.date, session: r.session as Session, expected: r.expected === 1, code: r.code };
    all.push(session);
    let pupil = byPupil.get(r.pupil_id);
    if (!pupil) {
      pupil = { name: displayName({ legalFirstName: r.legal_first_name, legalLastName: r.legal_last_name, preferredName: r.preferred_name }), sessions: [] };
      byPupil.set(r.pupil_id, pupil);
    }
    pupil.sessions.push(session);
  }
  const pupils = [...byPupil.entries()]
    // A pupil listed only at their home school in the range has no sessions at the Key to show.
    .filter(([, p]) => p.sessions.some((s) => s.expected))
    .map(([pupilId, p]) => ({ pupilId, name: p.name, figures: attendanceFigures(p.sessions), weeks: weeklyAttendance(p.sessions) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return {
    baseId: base.id,
    baseName: base.name,
    from: input.from,
    to: input.to,
    figures: attendanceFigures(all),
    weeks: weeklyAttendance(all),
    pupils,
  };
}
