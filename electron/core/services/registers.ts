import type { ParsedInput } from '../../../shared/api/contract';
import type { Register, RegisterLine } from '../../../shared/api/specs/registers';
import type { Session } from '../../../shared/domain/attendance';
import { formatUkDate } from '../../../shared/domain/dates';
import { displayName } from '../../../shared/domain/pupil-record';
import { addMinutes } from '../../../shared/domain/register-settings';
import { academicYearOf, taughtYearGroup } from '../../../shared/domain/pupils';
import { firstSchoolDayFrom, planTimetable, timetableRules, type Weekday } from '../../../shared/domain/timetable';
import { withSyncSql, type Db } from '../db/dialect';
import { UserError } from '../errors';
import { findBaseName } from '../repositories/bases';
import { phasesFromColumn } from '../repositories/placements';
import {
  findRegister,
  insertAmendment,
  insertMark,
  insertRegister,
  listMarks,
  markExpected,
  markSubmitted,
  placementsAtBaseOn,
  sessionTimes,
  setMark,
  setMarkNow,
  type MarkRow,
  type PlacementOnDay,
  type RegisterKey,
} from '../repositories/registers';
import { lazyCalendar, notSchoolDayMessage, type CalendarView, type LazyCalendar } from './calendar';
import { scopeAllowsBase, type PupilScope } from '../scope';
import { keepRegister, recallRegister, RegisterPeople, rowsChangedNow, rowsChangedSoFar, type LoadedRegister } from './register-cache';

/** Who is taking the register, and when: from the call's context. */
export interface RegisterContext {
  userId: string;
  scope: PupilScope;
  /** The classroom's date and clock time (local), and the instant (UTC ISO). */
  today: string;
  timeNow: string;
  now: string;
}

const uk = formatUkDate;

/** Whether the register for `date` had closed by the context's date and time. */
function hasClosed(date: string, closesAt: string, ctx: RegisterContext): boolean {
  return date < ctx.today || (date === ctx.today && ctx.timeNow >= closesAt);
}

/** Refuses a base the caller does not work at, or a day still to come. */
function checkCaller(key: RegisterKey, ctx: RegisterContext, baseFound: boolean): void {
  if (!baseFound || !scopeAllowsBase(ctx.scope, key.baseId)) {
    throw new UserError('NOT_FOUND', 'You can take registers only at the bases you work at.', 'baseId');
  }
  if (key.date > ctx.today) throw new UserError('INVALID_INPUT', `A register cannot be taken for a day still to come (${uk(key.date)}).`, 'date');
}

/** Checks the base is one the caller works at, the day is a school day and not in the future. */
async function checkKey(db: Db, key: RegisterKey, ctx: RegisterContext, calendar: LazyCalendar) {
  const base = await findBaseName(db, key.baseId);
  checkCaller(key, ctx, !!base);
  if (!(await calendar.isSchoolDay(key.date))) throw new UserError('INVALID_INPUT', notSchoolDayMessage(key.date, await calendar.view()), 'date');
  return base!;
}

/** The days a placement's plan (with today's calendar) has the pupil at the Key, up to any end date. */
export function keyDays(p: Pick<PlacementOnDay, 'startDate' | 'endDate' | 'homeSchoolDay' | 'phases'>, calendar: CalendarView): Set<string> {
  const start = firstSchoolDayFrom(p.startDate, calendar.isSchoolDay);
  if (!start) return new Set();
  const phases = phasesFromColumn(p.phases);
  const plan = planTimetable(start, calendar.isSchoolDay, timetableRules({ homeSchoolDay: p.homeSchoolDay as Weekday, phases }));
  return new Set(plan.days.filter((d) => d.place === 'key' && (!p.endDate || d.date <= p.endDate)).map((d) => d.date));
}

/** Whether a placement's plan (with today's calendar) has the pupil at the Key on `date`. */
export function plannedAtKey(p: PlacementOnDay, date: string, calendar: CalendarView): boolean {
  return keyDays(p, calendar).has(date);
}

const secondsOf = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const isoOfSeconds = (s: number | null) => (s === null ? null : new Date(s * 1000).toISOString());

/**
 * The register as it stands: the marks stored when it was taken, and for any pupil placed at the base
 * that day without a stored mark yet (every pupil, before it is taken), whether today's plan has them
 * at the Key.
 */
export async function buildRegister(db: Db, key: RegisterKey, ctx: RegisterContext, calendar: CalendarView): Promise<Register> {
  return (await loadRegister(db, key, ctx, lazyCalendar(db, calendar))).register;
}

async function loadRegister(db: Db, key: RegisterKey, ctx: RegisterContext, calendar: LazyCalendar): Promise<LoadedRegister> {
  const base = await checkKey(db, key, ctx, calendar);
  const times = await sessionTimes(db, key.baseId, key.session);
  const closesAt = addMinutes(times.startsAt, times.openMinutes);
  const register = await findRegister(db, key);
  const marks = new Map<string, MarkRow>();
  if (register) for (const m of await listMarks(db, register.n)) marks.set(m.pupilId, m);
  const people = new RegisterPeople(new Map([...marks.values()].map((m) => [m.pupilId, m.pupilN])));
  const placements = await placementsAtBaseOn(db, key.baseId, key.date);
  const academicYear = academicYearOf(key.date);
  // Once the register is taken every placed pupil has a stored mark, and no plan need be worked out.
  const view = placements.every((p) => marks.has(p.pupilId)) ? null : await calendar.view();
  const lines: RegisterLine[] = placements.map((p) => {
    const mark = marks.get(p.pupilId);
    return {
      pupilId: p.pupilId,
      placementId: p.placementId,
      name: displayName(p),
      yearGroup: taughtYearGroup(p.dateOfBirth, p.yearGroupOffset, academicYear),
      homeSchoolName: p.homeSchoolName,
      expected: mark ? mark.expected : plannedAtKey(p, key.date, view!),
      code: mark?.code ?? null,
      minutesLate: mark?.minutesLate ?? null,
      markedBy: mark?.markedBy ?? null,
      markedAt: isoOfSeconds(mark?.markedAt ?? null),
      note: mark?.note ?? null,
      amendments: mark?.amendments ?? 0,
    };
  });
  lines.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const pupils = lines.filter((l) => l.expected);
  const takenBy = register?.taken_by ? await people.staffName(db, register.taken_by) : null;
  const submittedBy = register?.submitted_by ? await people.staffName(db, register.submitted_by) : null;
  const built: Register = {
    baseId: base.id,
    baseName: base.name,
    date: key.date,
    session: key.session,
    state: !register ? 'not-taken' : register.submitted_at ? 'submitted' : 'open',
    startsAt: times.startsAt,
    closesAt,
    closed: hasClosed(key.date, closesAt, ctx),
    takenBy,
    takenAt: register?.taken_at ?? null,
    submittedBy,
    submittedAt: register?.submitted_at ?? null,
    pupils,
    atHomeSchool: lines.filter((l) => !l.expected),
    unmarked: pupils.filter((l) => l.code === null).length,
  };
  return { register: built, n: register?.n ?? null, stored: new Set(marks.keys()), people };
}

/**
 * The register kept from the last call, if nothing in the database has changed since, with what
 * depends on the caller and the clock worked out afresh; otherwise read and built, and kept.
 */
async function recallOrLoad(root: Db, tx: Db, key: RegisterKey, ctx: RegisterContext): Promise<LoadedRegister> {
  const changes = await rowsChangedSoFar(tx);
  const recalled = recallRegister(root, key, changes);
  if (!recalled) {
    const loaded = await loadRegister(tx, key, ctx, lazyCalendar(tx));
    keepRegister(root, key, changes, loaded);
    return loaded;
  }
  return recalledFor(recalled, key, ctx);
}

/** A kept register for this caller and moment: whether they may see it, and whether it has closed by now. */
function recalledFor(recalled: LoadedRegister, key: RegisterKey, ctx: RegisterContext): LoadedRegister {
  checkCaller(key, ctx, true);
  const register = recalled.register;
  return { ...recalled, register: { ...register, closed: hasClosed(key.date, register.closesAt, ctx) } };
}

export async function getRegister(db: Db, key: RegisterKey, ctx: RegisterContext): Promise<Register> {
  return (await recallOrLoad(db, db, key, ctx)).register;
}

/**
 * Stores the register the first time it is marked: one row per pupil placed at the base that day, with
 * whether they were expected at the Key, so the figures never move when the calendar changes later.
 */
async function takeRegister(tx: Db, key: RegisterKey, loaded: LoadedRegister, ctx: RegisterContext): Promise<number> {
  const registerN = loaded.n ?? (await insertRegister(tx, key, ctx.userId, ctx.now));
  const { register: current, stored } = loaded;
  for (const line of [...current.pupils, ...current.atHomeSchool]) {
    if (stored.has(line.pupilId)) continue;
    await insertMark(tx, {
      register_n: registerN,
      pupil_n: await loaded.people.number(tx, line.pupilId),
      placement_id: line.placementId,
      expected: line.expected ? 1 : 0,
      code: null,
      minutes_late: null,
      marked_by: null,
      marked_at: null,
      note: null,
    });
  }
  return registerN;
}

function checkCode(code: string | null, minutesLate: number | null, closed: boolean): void {
  if (code === null) {
    if (minutesLate !== null) throw new UserError('INVALID_INPUT', 'Minutes late go with the late code L.', 'minutesLate');
    return;
  }
  if (code === 'L' && minutesLate === null) throw new UserError('INVALID_INPUT', 'Enter how many minutes late the pupil arrived.', 'minutesLate');
  if (code !== 'L' && minutesLate !== null) throw new UserError('INVALID_INPUT', 'Minutes late go with the late code L only.', 'minutesLate');
  if (code === 'U' && !closed) throw new UserError('INVALID_INPUT', 'U is for arriving after the register closed; it has not closed yet. Use L with the minutes late.', 'code');
}

/** The present code for a session: / in the morning, \ in the afternoon. */
export const presentCode = (session: Session) => (session === 'AM' ? '/' : '\\');

/** What a change to a register answers: the register as it then stands and its row number, or that nothing changed. */
type RegisterChange = { register: Register; n: number } | 'unchanged';

/**
 * Runs a change to a register in one transaction: `change` gets the register as it stands (kept
 * from the last call when nothing has changed since) and answers with the register as it then
 * stands, built from that and the change, not read again. The answer is kept once committed, so the
 * next mark, often a second later, need not read the register either.
 */
async function changeRegister(
  db: Db,
  key: RegisterKey,
  ctx: RegisterContext,
  change: (tx: Db, loaded: LoadedRegister) => Promise<RegisterChange>,
): Promise<Register> {
  const { register, keep } = await db.transaction().execute(async (tx) => {
    // Read inside the transaction: it holds the one connection.
    const loaded = await recallOrLoad(db, tx, key, ctx);
    const answer = await change(tx, loaded);
    if (answer === 'unchanged') return { register: loaded.register, keep: null };
    const everyone = new Set([...answer.register.pupils, ...answer.register.atHomeSchool].map((l) => l.pupilId));
    const kept: LoadedRegister = { register: answer.register, n: answer.n, stored: everyone, people: loaded.people };
    return { register: answer.register, keep: { changes: await rowsChangedSoFar(tx), loaded: kept } };
  });
  if (keep) keepRegister(db, key, keep.changes, keep.loaded);
  return register;
}

/** Who took the register and when, set by its first change; the register otherwise as it was. */
function takenNow(current: Register, userName: string | null, ctx: RegisterContext): Register {
  if (current.state !== 'not-taken') return current;
  return { ...current, state: 'open', takenBy: userName, takenAt: ctx.now };
}

/** A mark checked against the register as it stands: what it changes. */
interface MarkDecision {
  line: RegisterLine;
  code: string | null;
  minutesLate: number | null;
  reason: string;
  /** A change to a mark on a submitted or closed register: kept as an amendment, with the reason. */
  amended: boolean;
}

/** Checks a mark against the register (throwing a UserError naming the field); 'unchanged' when it changes nothing. */
function decideMark(current: Register, input: ParsedInput<'registers.mark'>): MarkDecision | 'unchanged' {
  const line = current.pupils.find((l) => l.pupilId === input.pupilId);
  if (!line) {
    const atHome = current.atHomeSchool.find((l) => l.pupilId === input.pupilId);
    throw new UserError(
      'INVALID_INPUT',
      atHome ? `${atHome.name} is at their home school this session. Add them to the register first, with a note.` : 'That pupil is not on this register.',
      'pupilId',
    );
  }
  // Present is / in the morning and \\ in the afternoon: either key stores the session's own code.
  const code = input.code === '/' || input.code === '\\' ? presentCode(input.session) : input.code;
  const minutesLate = input.minutesLate ?? null;
  checkCode(code, minutesLate, current.closed);
  const locked = current.closed || current.state === 'submitted';
  const reason = input.reason?.trim() ?? '';
  if (code === line.code && minutesLate === line.minutesLate) return 'unchanged';
  if (locked && line.code !== null) {
    if (code === null) throw new UserError('INVALID_INPUT', 'A mark cannot be cleared once the register is submitted or closed. Enter the right code with a reason.', 'code');
    if (!reason) throw new UserError('INVALID_INPUT', 'This register has been submitted or has closed: enter the reason for the change.', 'reason');
  }
  return { line, code, minutesLate, reason, amended: locked && line.code !== null && code !== null };
}

/** The register after a mark, built from the register before it (not read again). */
function markedRegister(current: Register, mark: MarkDecision, markedAt: number | null, userName: string | null, ctx: RegisterContext): Register {
  const marked: RegisterLine = {
    ...mark.line,
    code: mark.code,
    minutesLate: mark.minutesLate,
    markedBy: mark.code === null ? null : userName,
    markedAt: isoOfSeconds(markedAt),
    amendments: mark.line.amendments + (mark.amended ? 1 : 0),
  };
  const pupils = current.pupils.map((l) => (l.pupilId === mark.line.pupilId ? marked : l));
  return { ...takenNow(current, userName, ctx), pupils, unmarked: pupils.filter((l) => l.code === null).length };
}

/**
 * The common mark, a second or two after the last: the register kept from the last call, taken
 * already, and no amendment. Checked and written in one synchronous step on SQLite (withSyncSql),
 * which costs a fraction of Kysely's transaction. Undefined when any of that does not hold: the
 * caller then takes the full way, which handles every case.
 */
async function quickMark(db: Db, input: ParsedInput<'registers.mark'>, ctx: RegisterContext): Promise<Register | undefined> {
  return withSyncSql(db, (sql) => {
    const kept = recallRegister(db, input, rowsChangedNow(sql));
    if (!kept || kept.n === null) return undefined;
    const { register: current, people } = recalledFor(kept, input, ctx);
    // Every line's row is stored once a register is taken; a pupil added since would need one made.
    if (current.pupils.some((l) => !kept.stored.has(l.pupilId))) return undefined;
    const mark = decideMark(current, input);
    if (mark === 'unchanged') return current;
    const pupilN = people.knownNumber(input.pupilId);
    const markedBy = mark.code === null ? null : people.knownNumber(ctx.userId);
    const userName = mark.code === null ? null : people.knownStaffName(ctx.userId);
    if (mark.amended || pupilN === undefined || markedBy === undefined || userName === undefined) return undefined;
    const markedAt = mark.code === null ? null : secondsOf(ctx.now);
    const registerN = kept.n;
    sql.transaction((run) => setMarkNow(run, registerN, pupilN, { code: mark.code, minutes_late: mark.minutesLate, marked_by: markedBy, marked_at: markedAt }));
    const register = markedRegister(current, mark, markedAt, userName, ctx);
    keepRegister(db, input, rowsChangedNow(sql), { ...kept, register });
    return register;
  });
}

export async function markPupil(db: Db, input: ParsedInput<'registers.mark'>, ctx: RegisterContext): Promise<Register> {
  const quick = await quickMark(db, input, ctx);
  if (quick) return quick;
  return changeRegister(db, input, ctx, async (tx, loaded) => {
    const current = loaded.register;
    const mark = decideMark(current, input);
    if (mark === 'unchanged') return 'unchanged';
    const { people } = loaded;
    const registerN = await takeRegister(tx, input, loaded, ctx);
    const pupilN = await people.number(tx, input.pupilId);
    if (mark.amended && mark.code !== null) {
      await insertAmendment(tx, {
        register_n: registerN,
        pupil_n: pupilN,
        old_code: mark.line.code,
        old_minutes_late: mark.line.minutesLate,
        new_code: mark.code,
        new_minutes_late: mark.minutesLate,
        reason: mark.reason,
        amended_by: ctx.userId,
        amended_at: ctx.now,
      });
    }
    const markedAt = mark.code === null ? null : secondsOf(ctx.now);
    await setMark(tx, registerN, pupilN, {
      code: mark.code,
      minutes_late: mark.minutesLate,
      marked_by: mark.code === null ? null : await people.number(tx, ctx.userId),
      marked_at: markedAt,
    });
    const userName = mark.code !== null || current.state === 'not-taken' ? await people.staffName(tx, ctx.userId) : null;
    return { register: markedRegister(current, mark, markedAt, userName, ctx), n: registerN };
  });
}

export async function markAllPresent(db: Db, key: ParsedInput<'registers.markAllPresent'>, ctx: RegisterContext): Promise<Register> {
  return changeRegister(db, key, ctx, async (tx, loaded) => {
    const current = loaded.register;
    const unmarked = current.pupils.filter((l) => l.code === null);
    if (unmarked.length === 0) return 'unchanged';
    const registerN = await takeRegister(tx, key, loaded, ctx);
    const { people } = loaded;
    const by = await people.number(tx, ctx.userId);
    const code = presentCode(key.session);
    const markedAt = secondsOf(ctx.now);
    for (const line of unmarked) {
      await setMark(tx, registerN, await people.number(tx, line.pupilId), { code, minutes_late: null, marked_by: by, marked_at: markedAt });
    }
    const userName = await people.staffName(tx, ctx.userId);
    const pupils = current.pupils.map((l) => (l.code === null ? { ...l, code, markedBy: userName, markedAt: isoOfSeconds(markedAt) } : l));
    return { register: { ...takenNow(current, userName, ctx), pupils, unmarked: 0 }, n: registerN };
  });
}

export async function addPupil(db: Db, input: ParsedInput<'registers.addPupil'>, ctx: RegisterContext): Promise<Register> {
  return changeRegister(db, input, ctx, async (tx, loaded) => {
    const current = loaded.register;
    if (current.pupils.some((l) => l.pupilId === input.pupilId)) {
      throw new UserError('CONFLICT', 'That pupil is already on this register.', 'pupilId');
    }
    const line = current.atHomeSchool.find((l) => l.pupilId === input.pupilId);
    if (!line) throw new UserError('INVALID_INPUT', 'Only a pupil placed at this base can be added to its register.', 'pupilId');
    const registerN = await takeRegister(tx, input, loaded, ctx);
    await markExpected(tx, registerN, await loaded.people.number(tx, input.pupilId), input.note);
    const userName = await loaded.people.staffName(tx, ctx.userId);
    // In name order, as the register lists them.
    const pupils = [...current.pupils, { ...line, expected: true, note: input.note }].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
    const register: Register = {
      ...takenNow(current, userName, ctx),
      pupils,
      atHomeSchool: current.atHomeSchool.filter((l) => l !== line),
      unmarked: pupils.filter((l) => l.code === null).length,
    };
    return { register, n: registerN };
  });
}

export async function submitRegister(db: Db, key: ParsedInput<'registers.submit'>, ctx: RegisterContext): Promise<Register> {
  return changeRegister(db, key, ctx, async (tx, loaded) => {
    const current = loaded.register;
    if (current.state === 'submitted') return 'unchanged';
    if (current.unmarked > 0) {
      throw new UserError('CONFLICT', `${current.unmarked} ${current.unmarked === 1 ? 'pupil is' : 'pupils are'} still unmarked. Mark everyone before submitting.`, 'session');
    }
    const registerN = await takeRegister(tx, key, loaded, ctx);
    await markSubmitted(tx, registerN, ctx.userId, ctx.now);
    const userName = await loaded.people.staffName(tx, ctx.userId);
    return { register: { ...takenNow(current, userName, ctx), state: 'submitted', submittedBy: userName, submittedAt: ctx.now }, n: registerN };
  });
}
