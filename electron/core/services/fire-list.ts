/** The fire list's content: who is on site at a base now, from this session's register. */
import type { RegisterLine } from '../../../shared/api/specs/registers';
import type { SignedInUser } from '../../../shared/api/status';
import { findCode } from '../../../shared/domain/attendance';
import { formatUkDate } from '../../../shared/domain/dates';
import { yearGroupLabel } from '../../../shared/domain/pupils';
import { ROLE_LABELS, type Role } from '../../../shared/domain/staff';
import type { Db } from '../db/dialect';
import { findBase } from '../repositories/bases';
import { listStaff } from '../repositories/staff';
import type { FireListData, FireListPupil, FireListStaff } from '../reports/kinds';
import { loadCalendar, whyNotSchoolDay } from './calendar';
import { currentSession } from './register-board';
import { buildRegister, type RegisterContext } from './registers';
import { requireInScope } from '../scope';

/** "U" (arrived after the register closed) counts as an absence but the pupil is in the building. */
const ARRIVED_AFTER_CLOSE = 'U';

/** Marked in the building: a present or late code, or arrived after the register closed. */
export function onSiteCode(code: string | null): boolean {
  if (code === null) return false;
  return code === ARRIVED_AFTER_CLOSE || findCode(code)?.category === 'present';
}

function markWords(line: RegisterLine): string {
  if (line.code === null) return '';
  if (line.code === 'L') return line.minutesLate ? `Late (${line.minutesLate} min)` : 'Late';
  if (line.code === ARRIVED_AFTER_CLOSE) return 'Arrived after close';
  return 'Present';
}

const pupil = (line: RegisterLine): FireListPupil => ({
  name: line.name,
  yearGroup: yearGroupLabel(line.yearGroup),
  mark: markWords(line),
  homeSchoolName: line.homeSchoolName,
});

const rolesText = (roles: readonly Role[]) => roles.map((r) => ROLE_LABELS[r]).join(', ');
const member = (m: { name: string; roles: readonly Role[] }): FireListStaff => ({ name: m.name, roles: rolesText(m.roles) });

/** The file's default name: "Fire list - Parkgate - 2026-12-02 0915.pdf". */
export function fireListFileName(baseName: string, ctx: Pick<RegisterContext, 'today' | 'timeNow'>): string {
  const safe = baseName.replace(/[\\/:*?"<>|]+/g, '-').trim();
  return `Fire list - ${safe} - ${ctx.today} ${ctx.timeNow.replace(':', '')}.pdf`;
}

/**
 * Everyone to account for at `baseId` now: pupils marked present in this session's register, those
 * expected and not yet marked (listed apart so nobody is missed), the person signed in on this PC and
 * the other staff who work at the base (Key Desk does not record who is in the building).
 */
export async function fireListData(db: Db, baseId: string, ctx: RegisterContext, user: SignedInUser): Promise<FireListData> {
  const base = requireInScope(ctx.scope, await findBase(db, baseId, ctx.today), 'baseId', 'You can print fire lists only for the bases you work at.', (b) => b.id);
  const staff = await listStaff(db);
  const data: FireListData = {
    baseName: base.name,
    producedAt: `${formatUkDate(ctx.today)} ${ctx.timeNow}`,
    session: null,
    noSchool: null,
    onSite: [],
    notYetMarked: [],
    notOnSite: 0,
    signedIn: [member(user)],
    baseStaff: staff.filter((m) => m.id !== user.id && m.baseIds.includes(baseId)).map(member),
  };
  const calendar = await loadCalendar(db);
  if (!calendar.isSchoolDay(ctx.today)) return { ...data, noSchool: whyNotSchoolDay(ctx.today, calendar) };
  const session = await currentSession(db, baseId, ctx.timeNow);
  const register = await buildRegister(db, { baseId, date: ctx.today, session }, ctx, calendar);
  const words = session === 'AM' ? 'Morning (AM)' : 'Afternoon (PM)';
  return {
    ...data,
    session: `${words} session of ${formatUkDate(ctx.today)}, register from ${register.startsAt}`,
    onSite: register.pupils.filter((l) => onSiteCode(l.code)).map(pupil),
    notYetMarked: register.pupils.filter((l) => l.code === null).map(pupil),
    notOnSite: register.pupils.filter((l) => l.code !== null && !onSiteCode(l.code)).length,
  };
}
