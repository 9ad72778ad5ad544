import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWait, FREE_ATTEMPTS, GUARD_FILE_NAME, SignInGuard, waitAfter } from '../../../../electron/core/auth/sign-in-guard';
import { tempFolder } from '../../../helpers/core';

let folder: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(async () => {
  await folder.cleanup();
});

const T0 = new Date('2026-11-23T09:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LOOKUP = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);

describe('the sign-in guard', () => {
  it('lets the first few wrong passwords go, then makes each further one wait longer, up to a cap', () => {
    expect(FREE_ATTEMPTS).toBe(4);
    for (let failures = 0; failures < FREE_ATTEMPTS; failures++) expect(waitAfter(failures)).toBe(0);
    expect(waitAfter(4)).toBe(30_000);
    expect(waitAfter(5)).toBe(60_000);
    expect(waitAfter(6)).toBe(120_000);
    expect(waitAfter(100)).toBe(15 * 60_000);
    for (let failures = 4; failures < 20; failures++) expect(waitAfter(failures + 1)).toBeGreaterThanOrEqual(waitAfter(failures));
  });

  it('after the fourth wrong password the username waits; others do not; the wait runs out', async () => {
    const guard = await SignInGuard.load(folder.path);
    for (let i = 1; i <= 3; i++) {
      expect(await guard.failed(LOOKUP, T0, 'sign-in-failed')).toBe(0);
      expect(guard.waitFor(LOOKUP, T0)).toBe(0);
    }
    expect(await guard.failed(LOOKUP, T0, 'sign-in-failed')).toBe(30_000);
    expect(guard.waitFor(LOOKUP, T0)).toBe(30_000);
    expect(guard.waitFor(LOOKUP, at(29_000))).toBe(1_000);
    expect(guard.waitFor(LOOKUP, at(30_000))).toBe(0);
    expect(guard.waitFor(OTHER, T0)).toBe(0);
    // One more wrong try after the wait doubles it.
    expect(await guard.failed(LOOKUP, at(30_000), 'sign-in-failed')).toBe(60_000);
  });

  it('keeps the count and the wait in a file, so they hold across a restart', async () => {
    const guard = await SignInGuard.load(folder.path);
    for (let i = 0; i < 4; i++) await guard.failed(LOOKUP, T0, 'sign-in-failed');
    const reloaded = await SignInGuard.load(folder.path);
    expect(reloaded.waitFor(LOOKUP, at(10_000))).toBe(20_000);
    expect(await reloaded.failed(LOOKUP, at(30_000), 'sign-in-failed')).toBe(60_000);
  });

  it('hands back failures to log once, and a success clears only that username’s count', async () => {
    const guard = await SignInGuard.load(folder.path);
    await guard.failed(LOOKUP, T0, 'sign-in-failed');
    await guard.failed(OTHER, at(1000), 'sign-in-failed');
    for (let i = 0; i < 4; i++) await guard.failed(OTHER, at(2000), 'sign-in-failed');
    const pending = await guard.succeeded(LOOKUP);
    expect(pending.map((p) => [p.lookup, p.at])).toEqual([
      [LOOKUP, T0.toISOString()],
      [OTHER, at(1000).toISOString()],
      ...Array.from({ length: 4 }, () => [OTHER, at(2000).toISOString()]),
    ]);
    expect(await guard.takePending()).toEqual([]);
    expect(guard.waitFor(OTHER, at(2000))).toBeGreaterThan(0);
    const reloaded = await SignInGuard.load(folder.path);
    expect(await reloaded.takePending()).toEqual([]);
    expect(reloaded.waitFor(OTHER, at(2000))).toBeGreaterThan(0);
  });

  it('holds no names: only the one-way lookups, times and what happened', async () => {
    const guard = await SignInGuard.load(folder.path);
    await guard.failed(LOOKUP, T0, 'sign-in-failed');
    const text = await readFile(join(folder.path, GUARD_FILE_NAME), 'utf8');
    expect(JSON.parse(text)).toEqual({
      attempts: { [LOOKUP]: { failures: 1, lockedUntil: null } },
      pending: [{ at: T0.toISOString(), action: 'sign-in-failed', lookup: LOOKUP }],
    });
  });

  it('starts afresh (locking nobody out) when its file is unreadable', async () => {
    await writeFile(join(folder.path, GUARD_FILE_NAME), '{not json');
    const guard = await SignInGuard.load(folder.path);
    expect(guard.waitFor(LOOKUP, T0)).toBe(0);
    await writeFile(join(folder.path, GUARD_FILE_NAME), JSON.stringify({ attempts: { [LOOKUP]: { failures: 'many' } } }));
    expect((await SignInGuard.load(folder.path)).waitFor(LOOKUP, T0)).toBe(0);
  });

  it('says how long to wait in words', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(30_000)).toBe('30 seconds');
    expect(describeWait(60_000)).toBe('1 minute');
    expect(describeWait(61_000)).toBe('2 minutes');
    expect(describeWait(15 * 60_000)).toBe('15 minutes');
  });
});
