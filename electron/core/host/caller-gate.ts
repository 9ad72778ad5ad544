import { randomBytes, timingSafeEqual } from 'node:crypto';
import { fail, ok } from '../../../shared/api/result';
import type { AppStatus } from '../../../shared/api/status';
import type { Session } from '../auth/sessions';
import type { CallGate } from '../dispatch';

export const IN_USE_ELSEWHERE =
  'Key Desk is in use in another browser on this PC. Carry on there, or sign out there first. If that browser has been closed, Key Desk signs out by itself within a minute.';

/** Compares two secrets in constant time; a missing one never matches. */
export function secretMatches(given: string | undefined | null, expected: string | null): boolean {
  if (expected === null || given === undefined || given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a browser that did not sign in may see while someone else is signed in: the sign-in screen. */
export function seenFromElsewhere(status: AppStatus): AppStatus {
  return {
    ...status,
    state: 'sign-in',
    provisionName: null,
    user: null,
    demoAccounts: null,
    autoLockMinutes: null,
    saveProblem: null,
    inUseElsewhere: true,
  };
}

/**
 * Browser mode's rule, kept beside the core so it is checked inside the one-call-at-a-time section:
 * a session belongs to the caller (a browser's cookie) that started it. While someone is signed in,
 * another caller may only ask `app.status`, and sees the sign-in screen. A call that starts a session
 * makes a new owner secret, which the transport hands to that browser as its cookie.
 */
export class CallerBinding {
  /** The secret of the caller whose session it is; meaningless while nobody is signed in. */
  private owner: string | null = null;

  constructor(private readonly currentSession: () => Session | null) {}

  /** Whose session it is now, or null when nobody is signed in. */
  get currentOwner(): string | null {
    return this.currentSession() ? this.owner : null;
  }

  /** The gate for one call by `caller`; `bound` hears the new secret when this call starts a session. */
  gate(caller: string | undefined, bound: (owner: string) => void): CallGate {
    return async (name, run) => {
      const session = this.currentSession();
      if (session && !secretMatches(caller, this.owner)) {
        if (name !== 'app.status') return fail({ code: 'CONFLICT', message: IN_USE_ELSEWHERE });
        const result = await run();
        return result.ok ? ok(seenFromElsewhere(result.value as AppStatus)) : result;
      }
      const result = await run();
      const now = this.currentSession();
      if (now && now !== session) {
        this.owner = randomBytes(24).toString('base64url');
        bound(this.owner);
      }
      return result;
    };
  }

  /** Whether `owner` still owns the session that is open. */
  owns(owner: string): boolean {
    return this.currentSession() !== null && secretMatches(owner, this.owner);
  }
}
