import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { describeHolder, FolderLock, LOCK_FILE_NAME, STALE_AFTER_MS, type LockOptions } from '../../../../electron/core/persistence/folder-lock';
import { tempFolder } from '../../../helpers/core';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function folder() {
  const temp = await tempFolder('keydesk-lock-');
  cleanups.push(temp.cleanup);
  return temp.path;
}

const NOW = new Date('2026-11-23T09:12:00Z');
const at = (ms: number) => () => new Date(NOW.getTime() + ms);
const base = (extra: Partial<LockOptions> = {}): LockOptions => ({ version: 'test', clock: at(0), heartbeatMs: 60_000, ...extra });

async function acquired(dir: string, options: LockOptions) {
  const result = await FolderLock.acquire(dir, options);
  if (!result.acquired) throw new Error(`expected the lock, held by ${result.holder.host}`);
  cleanups.push(() => result.lock.release());
  return result;
}

describe('the data folder lock', () => {
  it('writes who holds it and removes the file on release', async () => {
    const dir = await folder();
    const { lock } = await acquired(dir, base({ host: 'CLASSROOM-PC', user: 'jsmith' }));
    const written = JSON.parse(await readFile(join(dir, LOCK_FILE_NAME), 'utf8'));
    expect(written).toMatchObject({ app: 'Key Desk', host: 'CLASSROOM-PC', user: 'jsmith', pid: process.pid, since: NOW.toISOString() });
    expect(written.what).toMatch(/Key Desk lock/);
    await lock.release();
    expect(await readdir(dir)).toEqual([]);
  });

  it('tells a second opener on another PC who holds it, and leaves the lock alone', async () => {
    const dir = await folder();
    await acquired(dir, base({ host: 'CLASSROOM-PC', user: 'jsmith' }));
    const before = await readFile(join(dir, LOCK_FILE_NAME), 'utf8');
    const second = await FolderLock.acquire(dir, base({ host: 'OFFICE-PC', clock: at(60_000) }));
    expect(second.acquired).toBe(false);
    if (second.acquired) return;
    expect(second.holder).toMatchObject({ host: 'CLASSROOM-PC', user: 'jsmith', thisPc: false });
    expect(describeHolder(second.holder, '2026-11-23')).toMatch(/^Key Desk is open on CLASSROOM-PC since \d\d:\d\d by jsmith\.$/);
    expect(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(before);
    expect(await FolderLock.peek(dir, base({ host: 'OFFICE-PC' }))).toMatchObject({ host: 'CLASSROOM-PC' });
  });

  it('a second opener on the same PC is refused while the holder runs (the pid is alive)', async () => {
    const dir = await folder();
    await acquired(dir, base({ host: 'PC1' }));
    const second = await FolderLock.acquire(dir, base({ host: 'pc1', clock: at(STALE_AFTER_MS - 1000) }));
    expect(second.acquired).toBe(false);
    if (!second.acquired) expect(second.holder.thisPc).toBe(true);
  });

  it('takes over a lock from this PC whose process has gone', async () => {
    const dir = await folder();
    const first = await FolderLock.acquire(dir, base({ host: 'PC1', pid: 999_999 }));
    expect(first.acquired).toBe(true);
    const second = await acquired(dir, base({ host: 'PC1', isAlive: (pid) => pid !== 999_999 }));
    expect(second.tookOverFrom).toMatchObject({ pid: 999_999, host: 'PC1' });
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).pid).toBe(process.pid);
  });

  it('takes over a lock from another PC only once its heartbeat is a few minutes old', async () => {
    const dir = await folder();
    let lostTo: string | undefined;
    const gone = await FolderLock.acquire(dir, base({ host: 'CLASSROOM-PC', onLost: (holder) => (lostTo = holder?.host) }));
    if (!gone.acquired) throw new Error('first lock');
    const early = await FolderLock.acquire(dir, base({ host: 'OFFICE-PC', clock: at(STALE_AFTER_MS - 1000) }));
    expect(early.acquired).toBe(false);
    const late = await acquired(dir, base({ host: 'OFFICE-PC', clock: at(STALE_AFTER_MS + 1000) }));
    expect(late.tookOverFrom?.host).toBe('CLASSROOM-PC');
    // The old holder wakes up: its heartbeat finds the lock is not its own any more and says so.
    expect(await gone.lock.beat()).toBe(false);
    expect(lostTo).toBe('OFFICE-PC');
    await gone.lock.release();
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).host).toBe('OFFICE-PC');
  });

  it('a heartbeat keeps a lock from going stale', async () => {
    const dir = await folder();
    let clock = at(0);
    const { lock } = await acquired(dir, base({ host: 'CLASSROOM-PC', clock: () => clock() }));
    clock = at(STALE_AFTER_MS);
    expect(await lock.beat()).toBe(true);
    const other = await FolderLock.acquire(dir, base({ host: 'OFFICE-PC', clock: at(STALE_AFTER_MS + 60_000) }));
    expect(other.acquired).toBe(false);
  });

  it('treats an unreadable lock file as held until it is old, then takes it over', async () => {
    const dir = await folder();
    await writeFile(join(dir, LOCK_FILE_NAME), '{"half a lo');
    const now = Date.now();
    const fresh = await FolderLock.acquire(dir, base({ clock: () => new Date(now) }));
    expect(fresh.acquired).toBe(false);
    const later = await acquired(dir, base({ clock: () => new Date(now + STALE_AFTER_MS + 60_000) }));
    expect(later.lock.isReleased).toBe(false);
  });

  it('of two openers taking over the same stale lock at once, exactly one gets it', async () => {
    const dir = await folder();
    await FolderLock.acquire(dir, base({ host: 'GONE-PC' }));
    const late = at(STALE_AFTER_MS + 1000);
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((host) => FolderLock.acquire(dir, base({ host, clock: late }))),
    );
    const winners = results.filter((r) => r.acquired);
    expect(winners).toHaveLength(1);
    for (const r of results) if (r.acquired) cleanups.push(() => r.lock.release());
    const onDisk = JSON.parse(await readFile(join(dir, LOCK_FILE_NAME), 'utf8'));
    const winner = winners[0];
    expect(winner?.acquired && winner.lock.id).toBe(onDisk.id);
    expect((await readdir(dir)).sort()).toEqual([LOCK_FILE_NAME]);
  });

  describe('two processes', () => {
    let child: ChildProcessWithoutNullStreams | null = null;
    afterEach(() => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      child = null;
    });

    const startChild = async (dir: string) => {
      child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'lock-child.ts'), dir], { stdio: 'pipe' });
      const lines = createInterface({ input: child.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        child!.once('exit', (code) => reject(new Error(`child exited ${code}`)));
      });
      return JSON.parse(first) as { acquired: boolean; pid?: number };
    };

    it('a second process is refused while the first holds the folder, and takes over once it is killed', async () => {
      const dir = await folder();
      const held = await startChild(dir);
      expect(held.acquired).toBe(true);
      const refused = await FolderLock.acquire(dir, base({ clock: () => new Date() }));
      expect(refused.acquired).toBe(false);
      if (!refused.acquired) expect(refused.holder).toMatchObject({ pid: held.pid, thisPc: true });

      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child!.kill('SIGKILL');
      await exited;
      const taken = await acquired(dir, base({ clock: () => new Date() }));
      expect(taken.tookOverFrom?.pid).toBe(held.pid);
    }, 30_000);

    it('a process that closes normally leaves the folder free', async () => {
      const dir = await folder();
      expect((await startChild(dir)).acquired).toBe(true);
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child!.stdin.write('release\n');
      await exited;
      expect(await readdir(dir)).toEqual([]);
      const taken = await acquired(dir, base({ clock: () => new Date() }));
      expect(taken.tookOverFrom).toBeNull();
    }, 30_000);
  });
});
