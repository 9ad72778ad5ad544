import type { ParsedInput } from '../../../shared/api/contract';
import type { LogFilters } from '../../../shared/api/specs/keywork';
import { toCsv } from '../../../shared/csv';
import { addDays, formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import {
  isReplyKind,
  LOG_KIND_LABELS,
  replyDaysFor,
  WITH_WHOM_LABELS,
  type LogEntry,
  type LogKind,
  type MyActions,
} from '../../../shared/domain/keywork';
import { addWorkingDays, workingDayRules } from '../../../shared/domain/working-days';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { newId } from '../ids';
import { currentKeyworkerOf, findProfessional, getKeyworkSettings, listBankHolidays } from '../repositories/keywork';
import { findLogEntry, insertLogCorrection, insertLogEntry, listLogEntries, updateReply, type StoredContent } from '../repositories/log';
import { listPupilPlacements } from '../repositories/placements';
import { listTerms } from '../repositories/calendar';
import { findSchool } from '../repositories/schools';
import { findStaff } from '../repositories/staff';
import { requireVisiblePupil } from './pupils';
import type { PupilScope } from '../scope';
import type { ServiceContext } from './context';

/** Who is writing in the log, and what the clock says (the classroom's local time for "not in the future"). */
export type KeyworkContext = Pick<ServiceContext, 'userId' | 'scope' | 'today' | 'timeNow' | 'now'>;

type ContentInput = Pick<ParsedInput<'log.add'>, 'onDate' | 'atTime' | 'kind' | 'withWhom' | 'withName' | 'professionalId' | 'schoolId' | 'summary'>;

const uk = formatUkDate;

/** The due date of a reply to a call or email received on `onDate`, by the provision's settings and calendar. */
export async function replyDue(db: Db, kind: LogKind, onDate: string): Promise<{ dueOn: string; days: number } | null> {
  if (!isReplyKind(kind)) return null;
  const settings = await getKeyworkSettings(db);
  const days = replyDaysFor(kind, settings);
  const rules = workingDayRules({ terms: await listTerms(db), bankHolidays: await listBankHolidays(db) }, settings.schoolHolidaysCount, onDate);
  return { dueOn: addWorkingDays(onDate, days, rules), days };
}

/** Checks what an entry says and fills in the school for outreach; throws naming the field. */
async function checkContent(db: Db, input: ContentInput, homeSchoolId: string | null, ctx: KeyworkContext): Promise<StoredContent> {
  if (input.onDate > ctx.today) throw new UserError('INVALID_INPUT', `The date cannot be in the future (today is ${uk(ctx.today)}). Log a contact once it has happened.`, 'onDate');
  if (input.onDate === ctx.today && input.atTime > ctx.timeNow) {
    throw new UserError('INVALID_INPUT', `The time cannot be in the future (it is ${ctx.timeNow} now). Log a contact once it has happened.`, 'atTime');
  }
  const professionalId = input.professionalId ?? null;
  if (professionalId && !(await findProfessional(db, professionalId))) {
    throw new UserError('NOT_FOUND', 'That professional is not one Key Desk knows. Choose them from the list, or add them to Professionals first.', 'professionalId');
  }
  let schoolId = input.schoolId ?? null;
  if (schoolId && !(await findSchool(db, schoolId))) throw new UserError('NOT_FOUND', 'That school is not one Key Desk knows. Choose it from the list.', 'schoolId');
  // Outreach and school visits are logged against the school as well as the pupil: the home school unless another is named.
  if (!schoolId && (input.kind === 'outreach' || input.kind === 'school-visit')) {
    if (!homeSchoolId) throw new UserError('INVALID_INPUT', `Choose the school for ${LOG_KIND_LABELS[input.kind].toLowerCase()}: the pupil has no home school recorded.`, 'schoolId');
    schoolId = homeSchoolId;
  }
  return {
    onDate: input.onDate,
    atTime: input.atTime,
    kind: input.kind,
    withWhom: input.withWhom,
    withName: input.withName ?? null,
    professionalId,
    schoolId,
    summary: input.summary,
  };
}

async function requireEntry(db: Db, scope: PupilScope, id: string, today: string): Promise<LogEntry> {
  const entry = await findLogEntry(db, id);
  if (!entry) throw new UserError('NOT_FOUND', 'That log entry is not one Key Desk knows.', 'id');
  try {
    await requireVisiblePupil(db, scope, entry.pupilId, today);
  } catch {
    throw new UserError('NOT_FOUND', 'That log entry is not one Key Desk knows.', 'id');
  }
  return entry;
}

/** Who owes a reply by default: the keyworker of the pupil's latest placement, else whoever logged it. */
async function defaultOwner(db: Db, pupilId: string, today: string, recorder: string): Promise<string> {
  for (const p of await listPupilPlacements(db, pupilId, today)) {
    if (!p.baseId) continue;
    const keyworker = await currentKeyworkerOf(db, p.id);
    if (keyworker) return keyworker;
  }
  return recorder;
}

export async function addLogEntry(db: Db, input: ParsedInput<'log.add'>, ctx: KeyworkContext): Promise<LogEntry> {
  return db.transaction().execute(async (tx) => {
    const pupil = await requireVisiblePupil(tx, ctx.scope, input.pupilId, ctx.today, 'pupilId');
    const stored = await checkContent(tx, input, pupil.homeSchoolId, ctx);
    const needsReply = input.needsReply === true;
    if (needsReply && !isReplyKind(stored.kind)) {
      throw new UserError('INVALID_INPUT', `Only a phone call or an email can need a reply, not ${LOG_KIND_LABELS[stored.kind].toLowerCase()}.`, 'needsReply');
    }
    let ownerId: string | null = null;
    let dueOn: string | null = null;
    if (needsReply) {
      if (input.ownerId) {
        if (!(await findStaff(tx, input.ownerId))) throw new UserError('NOT_FOUND', 'That member of staff is not one Key Desk knows.', 'ownerId');
        ownerId = input.ownerId;
      } else {
        ownerId = await defaultOwner(tx, pupil.id, ctx.today, ctx.userId);
      }
      dueOn = (await replyDue(tx, stored.kind, stored.onDate))!.dueOn;
    }
    const id = newId();
    await insertLogEntry(tx, { ...stored, id, pupilId: pupil.id, needsReply, dueOn, ownerId, recordedBy: ctx.userId, recordedAt: ctx.now });
    return (await findLogEntry(tx, id))!;
  });
}

const sameContent = (a: StoredContent, b: LogEntry['current']) =>
  a.onDate === b.onDate &&
  a.atTime === b.atTime &&
  a.kind === b.kind &&
  a.withWhom === b.withWhom &&
  a.withName === b.withName &&
  a.professionalId === b.professionalId &&
  a.schoolId === b.schoolId &&
  a.summary === b.summary;

/** A correction is a new version with its reason: the entry as first written, and every correction, stay. */
export async function correctLogEntry(db: Db, input: ParsedInput<'log.correct'>, ctx: KeyworkContext): Promise<LogEntry> {
  return db.transaction().execute(async (tx) => {
    const entry = await requireEntry(tx, ctx.scope, input.id, ctx.today);
    const pupil = await requireVisiblePupil(tx, ctx.scope, entry.pupilId, ctx.today);
    const stored = await checkContent(tx, input, pupil.homeSchoolId, ctx);
    if (sameContent(stored, entry.current)) throw new UserError('INVALID_INPUT', 'The correction is the same as the entry: change what was wrong, then save.', 'summary');
    if (entry.needsReply && !isReplyKind(stored.kind)) {
      throw new UserError('INVALID_INPUT', 'This entry needs a reply, so it stays a phone call or an email.', 'kind');
    }
    await insertLogCorrection(tx, { ...stored, entryId: entry.id, pupilId: entry.pupilId, reason: input.reason, correctedBy: ctx.userId, correctedAt: ctx.now });
    // A reply still owed is due by the corrected date and type.
    if (entry.needsReply && !entry.doneOn && (stored.onDate !== entry.current.onDate || stored.kind !== entry.current.kind)) {
      const due = await replyDue(tx, stored.kind, stored.onDate);
      if (due) await updateReply(tx, entry.id, { dueOn: due.dueOn });
    }
    return (await findLogEntry(tx, entry.id))!;
  });
}

export async function markReplyDone(db: Db, input: ParsedInput<'log.markDone'>, ctx: KeyworkContext): Promise<LogEntry> {
  return db.transaction().execute(async (tx) => {
    const entry = await requireEntry(tx, ctx.scope, input.id, ctx.today);
    if (!entry.needsReply) throw new UserError('CONFLICT', 'This entry does not need a reply.', 'id');
    if (entry.doneOn) throw new UserError('CONFLICT', `This reply was already marked done on ${uk(entry.doneOn)}${entry.doneBy ? ` by ${entry.doneBy}` : ''}.`, 'id');
    const doneOn = input.doneOn ?? ctx.today;
    if (doneOn > ctx.today) throw new UserError('INVALID_INPUT', 'The date it was done cannot be in the future.', 'doneOn');
    if (doneOn < entry.current.onDate) throw new UserError('INVALID_INPUT', `The reply cannot be before the contact itself (${uk(entry.current.onDate)}).`, 'doneOn');
    await updateReply(tx, entry.id, { doneOn, doneBy: ctx.userId, doneAt: ctx.now });
    return (await findLogEntry(tx, entry.id))!;
  });
}

function applyFilters(entries: LogEntry[], filters: LogFilters | undefined): LogEntry[] {
  if (!filters) return entries;
  const kinds = filters.kinds && filters.kinds.length > 0 ? new Set(filters.kinds) : null;
  return entries.filter(
    (e) => (!kinds || kinds.has(e.current.kind)) && (!filters.from || e.current.onDate >= filters.from) && (!filters.to || e.current.onDate <= filters.to),
  );
}

/** A pupil's chronology, filtered by type and date (on what each entry says now). */
export async function listPupilLog(db: Db, input: ParsedInput<'log.list'>, ctx: KeyworkContext): Promise<LogEntry[]> {
  await requireVisiblePupil(db, ctx.scope, input.pupilId, ctx.today, 'pupilId');
  return applyFilters(await listLogEntries(db, { pupilId: input.pupilId }), input.filters);
}

const CSV_COLUMNS = [
  'Date',
  'Time',
  'Type',
  'With',
  'Name',
  'Professional',
  'School',
  'Summary',
  'Version',
  'Reason for correction',
  'Recorded by',
  'Recorded at',
  'Reply due',
  'Reply owed by',
  'Replied',
] as const;

/**
 * The chronology as a spreadsheet: every version of every entry (the original, then each correction
 * with its reason), so the export is the same evidence the screen shows.
 */
export async function exportPupilLog(db: Db, input: ParsedInput<'log.export'>, ctx: KeyworkContext): Promise<{ fileName: string; csv: string; rows: number; pupilName: string }> {
  const pupil = await requireVisiblePupil(db, ctx.scope, input.pupilId, ctx.today, 'pupilId');
  const entries = applyFilters(await listLogEntries(db, { pupilId: input.pupilId }), input.filters);
  const rows = entries.flatMap((e) =>
    e.versions.map((v, i) => ({
      Date: uk(v.onDate),
      Time: v.atTime,
      Type: LOG_KIND_LABELS[v.kind],
      With: WITH_WHOM_LABELS[v.withWhom],
      Name: v.withName ?? '',
      Professional: v.professionalName ?? '',
      School: v.schoolName ?? '',
      Summary: v.summary,
      Version: i === 0 ? (e.versions.length > 1 ? 'Original' : 'Entry') : `Correction ${i}${i === e.versions.length - 1 ? ' (current)' : ''}`,
      'Reason for correction': v.reason ?? '',
      'Recorded by': v.recordedBy,
      'Recorded at': formatUkDateTime(v.recordedAt),
      'Reply due': e.needsReply && e.dueOn ? uk(e.dueOn) : '',
      'Reply owed by': e.needsReply ? (e.ownerName ?? '') : '',
      Replied: e.doneOn ? `${uk(e.doneOn)}${e.doneBy ? ` by ${e.doneBy}` : ''}` : '',
    })),
  );
  const name = `${pupil.legalLastName} ${pupil.preferredName ?? pupil.legalFirstName}`.replace(/[\\/:*?"<>|]/g, '');
  return { fileName: `${name} - Chronology - ${ctx.today}.csv`, csv: toCsv(CSV_COLUMNS, rows), rows: rows.length, pupilName: `${pupil.preferredName ?? pupil.legalFirstName} ${pupil.legalLastName}` };
}

/** Replies the signed-in person owes, for "My actions" and the count on Today. */
export async function myActions(db: Db, ctx: KeyworkContext): Promise<MyActions> {
  const owed = await listLogEntries(db, { ownerId: ctx.userId, owed: true });
  const byDue = (a: LogEntry, b: LogEntry) => (a.dueOn ?? '').localeCompare(b.dueOn ?? '');
  const open = owed.filter((e) => !e.doneOn).sort(byDue);
  const since = addDays(ctx.today, -30);
  return {
    overdue: open.filter((e) => e.dueOn! < ctx.today),
    dueToday: open.filter((e) => e.dueOn === ctx.today),
    upcoming: open.filter((e) => e.dueOn! > ctx.today),
    done: owed.filter((e) => e.doneOn && e.doneOn >= since).sort((a, b) => b.doneOn!.localeCompare(a.doneOn!)),
  };
}
