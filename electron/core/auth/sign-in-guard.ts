import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../persistence/atomic-write';

/** Wrong passwords allowed before each further one makes the person wait. */
export const FREE_ATTEMPTS = 4;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

export const GUARD_FILE_NAME = 'sign-in-guard.json';

const pendingEventSchema = z.object({ at: z.string(), action: z.string(), lookup: z.string() });
export type PendingEvent = z.infer<typeof pendingEventSchema>;

const guardSchema = z.object({
  attempts: z.record(z.string(), z.object({ failures: z.number().int().min(0), lockedUntil: z.string().nullable() })),
  /** Failed sign-ins while the file was sealed: written to the audit log at the next sign-in. */
  pending: z.array(pendingEventSchema),
});
type GuardData = z.infer<typeof guardSchema>;

/** How long a username must wait after `failures` wrong passwords in a row: 0 for the first few. */
export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS), LONGEST_WAIT_MS);
}

/**
 * Slows down guessing: after a few wrong passwords for a username, each further try must wait, longer
 * each time. Kept in a small file beside the data file, holding no names (only the same one-way
 * lookups the key slots use), so the wait holds across restarts even while the data file is sealed.
 */
export class SignInGuard {
  private constructor(
    private readonly path: string,
    private data: GuardData,
  ) {}

  static async load(folder: string): Promise<SignInGuard> {
    const path = join(folder, GUARD_FILE_NAME);
    let data: GuardData = { attempts: {}, pending: [] };
    try {
      const parsed = guardSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      // An unreadable guard file must not lock everyone out, nor wipe the record: start afresh in memory.
      if (parsed.success) data = parsed.data;
    } catch {
      // Missing or not JSON: as above.
    }
    return new SignInGuard(path, data);
  }

  /** Milliseconds this lookup must still wait before another try; 0 when it may try now. */
  waitFor(lookup: string, now: Date): number {
    const until = this.data.attempts[lookup]?.lockedUntil;
    return until ? Math.max(0, Date.parse(until) - now.getTime()) : 0;
  }

  async failed(lookup: string, now: Date, action: string): Promise<number> {
    const failures = (this.data.attempts[lookup]?.failures ?? 0) + 1;
    const wait = waitAfter(failures);
    this.data.attempts[lookup] = { failures, lockedUntil: wait ? new Date(now.getTime() + wait).toISOString() : null };
    this.data.pending.push({ at: now.toISOString(), action, lookup });
    await this.save();
    return wait;
  }

  /** Clears the lookup's count and hands back the failures waiting to be logged. */
  async succeeded(lookup: string): Promise<PendingEvent[]> {
    const pending = this.data.pending;
    if (pending.length === 0 && !this.data.attempts[lookup]) return [];
    delete this.data.attempts[lookup];
    this.data.pending = [];
    await this.save();
    return pending;
  }

  /** Hands back the failures waiting to be logged, without clearing any count. */
  async takePending(): Promise<PendingEvent[]> {
    const pending = this.data.pending;
    if (pending.length === 0) return [];
    this.data.pending = [];
    await this.save();
    return pending;
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

/** "2 minutes", "30 seconds": how long to wait, for a message. */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
