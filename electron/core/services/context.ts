import type { SignedInUser } from '../../../shared/api/status';
import type { PupilScope } from '../scope';

/**
 * What a service knows about the call it serves: who is making it, whose pupils they may see, and
 * when. Built once per call from the dispatcher's context (`serviceContext` in call-context.ts); each
 * service takes the part it needs (`Pick<ServiceContext, …>`), so one call sees one date and time.
 */
export interface ServiceContext {
  user: SignedInUser;
  userId: string;
  userName: string;
  scope: PupilScope;
  /** The classroom's date (local, YYYY-MM-DD) and clock time (local, HH:MM). */
  today: string;
  timeNow: string;
  /** The instant, UTC ISO. */
  now: string;
  /** "dd/mm/yyyy HH:MM", for a printed page's footer. */
  producedAt: string;
}
