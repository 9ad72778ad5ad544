import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { formatUkDate, localIsoDate } from '../../../shared/domain/dates';
import { writeFileAtomic } from './atomic-write';

export const LOCK_FILE_NAME = 'keydesk.lock';

/** How often the holder writes a new heartbeat into the lock file. */
export const HEARTBEAT_MS = 30_000;
/**
 * A lock from another PC whose heartbeat is older than this is left behind (that PC crashed, lost
 * power or was taken off the network): ten missed heartbeats, well past a busy or briefly asleep PC.
 */
export const STALE_AFTER_MS = 5 * 60_000;

const WHAT =
  'Key Desk lock: Key Desk is open on the PC named here and is the only copy allowed to change this data folder. ' +
  'It removes this file when it closes, and takes over a lock left behind by a crash by itself.';

const lockSchema = z.object({
  what: z.string(),
  app: z.literal('Key Desk'),
  /** Random per opening: tells our own lock from another's, even from the same process. */
  id: z.string().min(1),
  pid: z.number().int(),
  host: z.string(),
  user: z.string(),
  version: z.string(),
  since: z.string(),
  heartbeat: z.string(),
});
export type LockRecord = z.infer<typeof lockSchema>;

/** Who holds a data folder, as the second opener is told. */
export interface LockHolder {
  host: string;
  user: string;
  pid: number;
  since: string;
  heartbeat: string;
  /** Held by another Key Desk on this very PC. */
  thisPc: boolean;
}

export interface LockOptions {
  version: string;
  clock?: () => Date;
  /** The machine name written and compared; tests pretend to be another PC. */
  host?: string;
  pid?: number;
  user?: string;
  /** Whether a process id is running on this PC; tests replace it. */
  isAlive?: (pid: number) => boolean;
  heartbeatMs?: number;
  staleAfterMs?: number;
  /** Called when the heartbeat finds another Key Desk has taken the lock (this PC slept too long). */
  onLost?: (holder: LockHolder | null) => void;
  log?: (message: string, error?: unknown) => void;
}

export type Acquired = { acquired: true; lock: FolderLock; tookOverFrom: LockHolder | null } | { acquired: false; holder: LockHolder };

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const machineUser = () => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

const holderOf = (record: LockRecord, ourHost: string): LockHolder => ({
  host: record.host,
  user: record.user,
  pid: record.pid,
  since: record.since,
  heartbeat: record.heartbeat,
  thisPc: record.host.toLowerCase() === ourHost.toLowerCase(),
});

type Found = { kind: 'none' } | { kind: 'record'; record: LockRecord; raw: string } | { kind: 'unreadable'; raw: string; mtime: Date };

async function readLock(path: string): Promise<Found> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw error;
  }
  try {
    const parsed = lockSchema.safeParse(JSON.parse(raw));
    if (parsed.success) return { kind: 'record', record: parsed.data, raw };
  } catch {
    // Not JSON: below.
  }
  const mtime = await stat(path).then(
    (s) => s.mtime,
    () => new Date(0),
  );
  return { kind: 'unreadable', raw, mtime };
}

/**
 * Creates `path` holding `text` only if there is no file there, in one step, so nobody ever sees it
 * half-written: a hard link from a finished temp file. Folders that cannot link (some network shares)
 * fall back to an exclusive create. False when a file is already there.
 */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const temp = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  try {
    const direct = await open(path, 'wx', 0o644);
    try {
      await direct.writeFile(text);
      await direct.sync();
    } finally {
      await direct.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * One Key Desk per data folder. The holder keeps a small lock file in the folder with its process id,
 * PC name, the PC's account, when it opened and a heartbeat; a second Key Desk, on this PC or another
 * on a shared folder, reads who holds it. A lock is left behind (stale) when it is from this PC and
 * its process has gone, or its heartbeat has not moved for STALE_AFTER_MS; such a lock is taken over.
 */
export class FolderLock {
  private timer: ReturnType<typeof setInterval> | undefined;
  private released = false;

  private constructor(
    readonly path: string,
    private record: LockRecord,
    private readonly options: LockOptions,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get holder(): LockHolder {
    return holderOf(this.record, this.record.host);
  }

  /** Who holds the folder now, if anyone other than a stale lock; never changes anything. */
  static async peek(folder: string, options: LockOptions): Promise<LockHolder | null> {
    const found = await readLock(join(folder, LOCK_FILE_NAME));
    if (found.kind === 'none') return null;
    const host = options.host ?? hostname();
    if (isStale(found, host, options)) return null;
    return found.kind === 'record' ? holderOf(found.record, host) : unknownHolder(found.mtime);
  }

  /** Takes the folder's lock: when it is free, or held by a stale lock (taken over). Otherwise says who holds it. */
  static async acquire(folder: string, options: LockOptions): Promise<Acquired> {
    const path = join(folder, LOCK_FILE_NAME);
    const host = options.host ?? hostname();
    const now = (options.clock ?? (() => new Date()))().toISOString();
    const record: LockRecord = {
      what: WHAT,
      app: 'Key Desk',
      id: randomUUID(),
      pid: options.pid ?? process.pid,
      host,
      user: options.user ?? machineUser(),
      version: options.version,
      since: now,
      heartbeat: now,
    };
    const text = `${JSON.stringify(record, null, 2)}\n`;
    let tookOverFrom: LockHolder | null = null;
    // Twice at most: once straight away, once more after moving a stale lock aside.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await createExclusive(path, text)) {
        const lock = new FolderLock(path, record, options);
        lock.startHeartbeat();
        return { acquired: true, lock, tookOverFrom };
      }
      const found = await readLock(path);
      if (found.kind === 'none') continue;
      if (!isStale(found, host, options)) {
        return { acquired: false, holder: found.kind === 'record' ? holderOf(found.record, host) : unknownHolder(found.mtime) };
      }
      const moved = await moveAsideIfUnchanged(path, found.raw);
      if (moved === 'changed') {
        const again = await readLock(path);
        if (again.kind === 'record') return { acquired: false, holder: holderOf(again.record, host) };
        continue;
      }
      if (found.kind === 'record') tookOverFrom = holderOf(found.record, host);
      options.log?.(`Took over a Key Desk lock left behind in ${folder}`);
    }
    const last = await readLock(path);
    if (last.kind === 'record') return { acquired: false, holder: holderOf(last.record, host) };
    throw new Error(`Could not take the lock in ${folder}`);
  }

  /** Writes a new heartbeat, after checking the lock is still ours. False (and onLost) when it is not. */
  async beat(): Promise<boolean> {
    if (this.released) return false;
    const found = await readLock(this.path);
    if (found.kind !== 'record' || found.record.id !== this.record.id) {
      this.stopHeartbeat();
      this.released = true;
      this.options.onLost?.(found.kind === 'record' ? holderOf(found.record, this.record.host) : null);
      return false;
    }
    const now = (this.options.clock ?? (() => new Date()))().toISOString();
    this.record = { ...this.record, heartbeat: now };
    // Whole file at once: a reader never sees half a lock.
    await writeFileAtomic(this.path, Buffer.from(`${JSON.stringify(this.record, null, 2)}\n`, 'utf8'));
    return true;
  }

  /** Removes the lock file if it is still ours (on close). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    this.stopHeartbeat();
    const found = await readLock(this.path).catch(() => ({ kind: 'none' }) as const);
    if (found.kind !== 'record' || found.record.id !== this.record.id) return;
    await unlink(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') this.options.log?.(`Could not remove the lock file ${this.path}`, error);
    });
  }

  get isReleased(): boolean {
    return this.released;
  }

  private startHeartbeat(): void {
    const every = this.options.heartbeatMs ?? HEARTBEAT_MS;
    this.timer = setInterval(() => {
      this.beat().catch((error: unknown) => this.options.log?.('Could not refresh the Key Desk lock file', error));
    }, every);
    // Never the reason a process stays alive.
    this.timer.unref?.();
  }

  private stopHeartbeat(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

const unknownHolder = (mtime: Date): LockHolder => ({
  host: 'another PC',
  user: 'unknown',
  pid: 0,
  since: mtime.toISOString(),
  heartbeat: mtime.toISOString(),
  thisPc: false,
});

function isStale(found: Exclude<Found, { kind: 'none' }>, host: string, options: LockOptions): boolean {
  const now = (options.clock ?? (() => new Date()))().getTime();
  const staleAfter = options.staleAfterMs ?? STALE_AFTER_MS;
  if (found.kind === 'unreadable') {
    // A lock we cannot read, not touched for a long while, is junk; a fresh one may be mid-write.
    return now - found.mtime.getTime() > staleAfter;
  }
  const { record } = found;
  const sameHost = record.host.toLowerCase() === host.toLowerCase();
  if (sameHost && !(options.isAlive ?? processAlive)(record.pid)) return true;
  const beat = Date.parse(record.heartbeat);
  return Number.isNaN(beat) || now - beat > staleAfter;
}

/**
 * Moves a stale lock out of the way in one step (rename), so of two Key Desks taking over at once only
 * one moves it. If what was moved is not the lock judged stale (its holder wrote a heartbeat in
 * between), it is put back and the holder keeps it.
 */
async function moveAsideIfUnchanged(path: string, judged: string): Promise<'moved' | 'changed' | 'gone'> {
  const aside = `${path}.${randomUUID()}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== null && moved !== judged) {
    // Put it back unless someone has made a new lock meanwhile (then theirs stands).
    await link(aside, path).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    return 'changed';
  }
  await unlink(aside).catch(() => undefined);
  return 'moved';
}

/** "Key Desk is open on CLASSROOM-PC since 09:12 by jsmith." in this PC's local time. */
export function describeHolder(holder: LockHolder, today: string): string {
  const since = new Date(holder.since);
  const time = since.toTimeString().slice(0, 5);
  const day = localIsoDate(since);
  const when = day === today ? `since ${time}` : `since ${formatUkDate(day)} ${time}`;
  const where = holder.thisPc ? 'in another window on this PC' : `on ${holder.host}`;
  const who = holder.user && holder.user !== 'unknown' ? ` by ${holder.user}` : '';
  return `Key Desk is open ${where} ${when}${who}.`;
}
