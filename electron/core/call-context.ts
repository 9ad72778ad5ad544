import { formatUkDate, localIsoDate } from '../../shared/domain/dates';
import type { SignedInUser } from '../../shared/api/status';
import type { KeyDeskCore } from './core';
import type { Db } from './db/dialect';
import { UserError } from './errors';
import { scopeFor, type PupilScope } from './scope';
import type { ServiceContext } from './services/context';

/**
 * Everything one call runs with, worked out once by dispatch after the call is authorised: the
 * database, one reading of the clock (so the whole call sees one date and time), who is calling and
 * whose pupils they may see. Handlers take this instead of working each of these out for themselves.
 */
export interface CallContext {
  /** The open data file's database. Throws "No data file is open" only when a handler reads it. */
  readonly db: Db;
  /** The clock's reading for this call, the classroom's date (local) and the instant (UTC ISO). */
  readonly clock: Date;
  readonly today: string;
  readonly now: string;
  /** Who is calling; null for calls made signed out (or while Key Desk is locked). */
  readonly user: SignedInUser | null;
  /** The bases whose pupils the caller may see: none when nobody is signed in. */
  readonly scope: PupilScope;
  /** The rest of the core (sessions, settings, backups, the platform), for calls about those. */
  readonly core: KeyDeskCore;
}

export function callContext(core: KeyDeskCore): CallContext {
  const clock = core.clockNow();
  const session = core.sessions.current;
  const user = session && !session.locked ? session.user : null;
  return {
    get db() {
      return core.requireDb();
    },
    clock,
    today: localIsoDate(clock),
    now: clock.toISOString(),
    user,
    scope: scopeFor(user),
    core,
  };
}

/** The signed-in caller: every call that needs one is refused before its handler runs otherwise. */
export function requireUser(ctx: CallContext): SignedInUser {
  if (!ctx.user) throw new UserError('NOT_SIGNED_IN', 'Sign in first.');
  return ctx.user;
}

const twoDigits = (n: number) => String(n).padStart(2, '0');

/** The one place the services' contexts (registers, keywork, plans, reports, placements) come from. */
export function serviceContext(ctx: CallContext): ServiceContext {
  const user = requireUser(ctx);
  const timeNow = `${twoDigits(ctx.clock.getHours())}:${twoDigits(ctx.clock.getMinutes())}`;
  return {
    user,
    userId: user.id,
    userName: user.name,
    scope: ctx.scope,
    today: ctx.today,
    timeNow,
    now: ctx.now,
    producedAt: `${formatUkDate(ctx.today)} ${timeNow}`,
  };
}
