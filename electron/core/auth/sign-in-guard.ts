import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../persistence/atomic-write';

/** Wrong passwords allowed before each further one makes the person wait. */
export const FREE_ATTEMPTS = 4;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;
/** A day with no wrong try for a username and its count starts again (the wait ran out long before). */
export const QUIET_PERIOD_MS = 24 * 60 * 60_000;
/**
 * At most this many usernames are counted, and this many failed tries wait to be logged, so made-up
 * usernames cannot grow the file without bound. Real accounts that are waiting are never dropped.
 */
export const MAX_COUNTED = 200;
export const MAX_PENDING = 200;

export const GUARD_FILE_NAME = 'sign-in-guard.json';
const SALT_BYTES = 16;

const pendingEventSchema = z.object({ at: z.string(), action: z.string(), lookup: z.string() });
export type PendingEvent = z.infer<typeof pendingEventSchema>;

const countSchema = z.object({
  failures: z.number().int().min(0),
  lockedUntil: z.string().nullable(),
  lastFailedAt: z.string(),
  /** Whether the username had an account when it was last tried: made-up ones are dropped first. */
  account: z.boolean(),
});
export type FailureCount = z.infer<typeof countSchema>;

const guardSchema = z.object({
  version: z.literal(2),
  /** This file's own random salt for the username lookups below. */
  salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
  attempts: z.record(z.string(), countSchema),
  /** Failed sign-ins while the file was sealed: written to the audit log at the next sign-in. */
  pending: z.array(pendingEventSchema),
  /** Failed tries beyond MAX_PENDING, counted but not kept one by one. */
  dropped: z.number().int().min(0),
});
type GuardData = z.infer<typeof guardSchema>;

/** What the audit log says for failed tries that were too many to keep one by one. */
export const DROPPED_ACTION = 'failed-sign-ins-not-kept';

/** How long a username must wait after `failures` wrong passwords in a row: 0 for the first few. */
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS), LONGEST_WAIT_MS);
}

const fresh = (): GuardData => ({ version: 2, salt: randomBytes(SALT_BYTES).toString('base64'), attempts: {}, pending: [], dropped: 0 });

/**
 * Slows down guessing: after a few wrong passwords for a username, each further try must wait, longer
 * each time. Kept in a small file beside the data file, holding no names: usernames appear only as
 * lookups salted with the file's own random salt, so the wait holds across restarts even while the
 * data file is sealed, and the file cannot be matched against a list of likely usernames made for
 * another provision.
 *
 * A wait always ends: the count starts again after a quiet day, an administrator can clear it from the
 * Staff screen (or by setting a new password), and the recovery key, which has no wait of its own, sets
 * a new password and clears it.
 */
export class SignInGuard {
  private constructor(
    private readonly path: string,
    private data: GuardData,
  ) {}

  static async load(folder: string): Promise<SignInGuard> {
    const path = join(folder, GUARD_FILE_NAME);
    let data = fresh();
    try {
      const parsed = guardSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      // An unreadable guard file (or one from before salted lookups) must not lock everyone out, nor
      // wipe the record: start afresh in memory.
      if (parsed.success) data = parsed.data;
    } catch {
      // Missing or not JSON: as above.
    }
    return new SignInGuard(path, data);
  }

  /** The key a username is counted under in this file (case and surrounding spaces do not matter). */
  lookupFor(username: string): string {
    return createHmac('sha256', Buffer.from(this.data.salt, 'base64')).update(username.trim().toLowerCase()).digest('hex');
  }

  /** Milliseconds this lookup must still wait before another try; 0 when it may try now. */
  waitFor(lookup: string, now: Date): number {
    const until = this.data.attempts[lookup]?.lockedUntil;
    return until ? Math.max(0, Date.parse(until) - now.getTime()) : 0;
  }

  /** The wrong tries counted against a lookup now (none after a quiet day). */
  countFor(lookup: string, now: Date): FailureCount | null {
    const count = this.data.attempts[lookup];
    return count && !isStale(count, now.getTime()) ? count : null;
  }

  /** Counts a wrong try and returns how long the next one must wait. */
  async failed(lookup: string, now: Date, action: string, options: { account: boolean }): Promise<number> {
    const previous = this.countFor(lookup, now);
    const failures = (previous?.failures ?? 0) + 1;
    const wait = waitAfter(failures);
    this.data.attempts[lookup] = {
      failures,
      lockedUntil: wait ? new Date(now.getTime() + wait).toISOString() : null,
      lastFailedAt: now.toISOString(),
      account: options.account,
    };
    this.note(lookup, now, action);
    this.trim(now.getTime());
    await this.save();
    return wait;
  }

  /** Logs a wrong try that counts towards no wait (a wrong recovery key: it cannot be guessed). */
  async noted(lookup: string, now: Date, action: string): Promise<void> {
    this.note(lookup, now, action);
    await this.save();
  }

  /** Ends a lookup's count and wait (an administrator let them try again, or set a new password). */
  async clear(lookup: string): Promise<boolean> {
    if (!this.data.attempts[lookup]) return false;
    delete this.data.attempts[lookup];
    await this.save();
    return true;
  }

  /** Clears the lookup's count and hands back the failures waiting to be logged. */
  async succeeded(lookup: string): Promise<{ pending: PendingEvent[]; dropped: number }> {
    const taken = { pending: this.data.pending, dropped: this.data.dropped };
    if (taken.pending.length === 0 && taken.dropped === 0 && !this.data.attempts[lookup]) return taken;
    delete this.data.attempts[lookup];
    this.data.pending = [];
    this.data.dropped = 0;
    await this.save();
    return taken;
  }

  /** Hands back the failures waiting to be logged, without clearing any count. */
  async takePending(): Promise<{ pending: PendingEvent[]; dropped: number }> {
    const taken = { pending: this.data.pending, dropped: this.data.dropped };
    if (taken.pending.length === 0 && taken.dropped === 0) return taken;
    this.data.pending = [];
    this.data.dropped = 0;
    await this.save();
    return taken;
  }

  private note(lookup: string, now: Date, action: string): void {
    this.data.pending.push({ at: now.toISOString(), action, lookup });
    const over = this.data.pending.length - MAX_PENDING;
    if (over > 0) {
      // The newest tries are the ones worth reading; the older ones are still counted.
      this.data.pending.splice(0, over);
      this.data.dropped += over;
    }
  }

  /**
   * Keeps the file small: forgets counts that a quiet day has ended, then, over the limit, drops
   * made-up usernames (least recently tried first), then accounts that are not waiting. An account
   * that is waiting keeps its count, so nobody can undo a wait by trying many made-up names.
   */
  private trim(now: number): void {
    const entries = Object.entries(this.data.attempts);
    const kept = entries.filter(([, count]) => !isStale(count, now));
    if (kept.length > MAX_COUNTED) {
      const waiting = (count: FailureCount) => count.account && count.lockedUntil !== null && Date.parse(count.lockedUntil) > now;
      const rank = (count: FailureCount) => (waiting(count) ? 2 : count.account ? 1 : 0);
      // Most precious first: waiting accounts, other accounts, made-up names; most recent first within each.
      kept.sort(([, a], [, b]) => rank(b) - rank(a) || Date.parse(b.lastFailedAt) - Date.parse(a.lastFailedAt));
      kept.length = Math.max(MAX_COUNTED, kept.filter(([, count]) => waiting(count)).length);
    }
    this.data.attempts = Object.fromEntries(kept);
  }

  /** A folder that cannot take the guard file must not stop anyone signing in: the counts stay in memory. */
  private async save(): Promise<void> {
    try {
      await writeFileAtomic(this.path, Buffer.from(JSON.stringify(this.data), 'utf8'));
    } catch (error) {
      console.error('Key Desk: could not save the sign-in guard file; wrong-password counts are kept in memory only', error);
    }
  }
}

/** A count whose wait has run out and that has had no wrong try for a quiet day. */
function isStale(count: FailureCount, now: number): boolean {
  const waitOver = count.lockedUntil === null || Date.parse(count.lockedUntil) <= now;
  return waitOver && now - Date.parse(count.lastFailedAt) >= QUIET_PERIOD_MS;
}

/** "2 minutes", "30 seconds": how long to wait, for a message. */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
