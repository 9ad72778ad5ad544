import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeWait,
  FREE_ATTEMPTS,
  GUARD_FILE_NAME,
  MAX_COUNTED,
  MAX_PENDING,
  QUIET_PERIOD_MS,
  SignInGuard,
  waitAfter,
} from '../../../../electron/core/auth/sign-in-guard';
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
const ACCOUNT = { account: true };
const MADE_UP = { account: false };

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
      expect(await guard.failed(LOOKUP, T0, 'sign-in-failed', ACCOUNT)).toBe(0);
      expect(guard.waitFor(LOOKUP, T0)).toBe(0);
    }
    expect(await guard.failed(LOOKUP, T0, 'sign-in-failed', ACCOUNT)).toBe(30_000);
    expect(guard.waitFor(LOOKUP, T0)).toBe(30_000);
    expect(guard.waitFor(LOOKUP, at(29_000))).toBe(1_000);
    expect(guard.waitFor(LOOKUP, at(30_000))).toBe(0);
    expect(guard.waitFor(OTHER, T0)).toBe(0);
    // One more wrong try after the wait doubles it.
    expect(await guard.failed(LOOKUP, at(30_000), 'sign-in-failed', ACCOUNT)).toBe(60_000);
  });

  it('keeps the count and the wait in a file, so they hold across a restart', async () => {
    const guard = await SignInGuard.load(folder.path);
    for (let i = 0; i < 4; i++) await guard.failed(LOOKUP, T0, 'sign-in-failed', ACCOUNT);
    const reloaded = await SignInGuard.load(folder.path);
    expect(reloaded.waitFor(LOOKUP, at(10_000))).toBe(20_000);
    expect(await reloaded.failed(LOOKUP, at(30_000), 'sign-in-failed', ACCOUNT)).toBe(60_000);
  });

  it('hands back failures to log once, and a success clears only that username’s count', async () => {
    const guard = await SignInGuard.load(folder.path);
    await guard.failed(LOOKUP, T0, 'sign-in-failed', ACCOUNT);
    await guard.failed(OTHER, at(1000), 'sign-in-failed', ACCOUNT);
    for (let i = 0; i < 4; i++) await guard.failed(OTHER, at(2000), 'sign-in-failed', ACCOUNT);
    const { pending, dropped } = await guard.succeeded(LOOKUP);
    expect(dropped).toBe(0);
    expect(pending.map((p) => [p.lookup, p.at])).toEqual([
      [LOOKUP, T0.toISOString()],
      [OTHER, at(1000).toISOString()],
      ...Array.from({ length: 4 }, () => [OTHER, at(2000).toISOString()]),
    ]);
    expect(await guard.takePending()).toEqual({ pending: [], dropped: 0 });
    expect(guard.waitFor(OTHER, at(2000))).toBeGreaterThan(0);
    const reloaded = await SignInGuard.load(folder.path);
    expect(await reloaded.takePending()).toEqual({ pending: [], dropped: 0 });
    expect(reloaded.waitFor(OTHER, at(2000))).toBeGreaterThan(0);
  });

  it('holds no names: only lookups salted with the file’s own random salt, times and what happened', async () => {
    const guard = await SignInGuard.load(folder.path);
    const lookup = guard.lookupFor('Demo.Teacher ');
    expect(lookup).toBe(guard.lookupFor('demo.teacher'));
    expect(lookup).toMatch(/^[0-9a-f]{64}$/);
    await guard.failed(lookup, T0, 'sign-in-failed', ACCOUNT);
    const text = await readFile(join(folder.path, GUARD_FILE_NAME), 'utf8');
    expect(text).not.toMatch(/demo|teacher/i);
    const data = JSON.parse(text);
    expect(data).toEqual({
      version: 2,
      salt: expect.stringMatching(/^[A-Za-z0-9+/]{22}==$/),
      attempts: { [lookup]: { failures: 1, lockedUntil: null, lastFailedAt: T0.toISOString(), account: true } },
      pending: [{ at: T0.toISOString(), action: 'sign-in-failed', lookup }],
      dropped: 0,
    });
    // The salt is the file's own: the lookup is not a plain hash of the name, and another folder's
    // guard counts the same username under a different key, so no list made in advance matches it.
    expect(lookup).not.toBe(createHash('sha256').update('demo.teacher').digest('hex'));
    const other = await tempFolder();
    try {
      expect((await SignInGuard.load(other.path)).lookupFor('demo.teacher')).not.toBe(lookup);
    } finally {
      await other.cleanup();
    }
    // The same file keeps its salt across a restart, so the counts still match their usernames.
    expect((await SignInGuard.load(folder.path)).lookupFor('demo.teacher')).toBe(lookup);
  });

  it('starts afresh (locking nobody out) when its file is unreadable', async () => {
    await writeFile(join(folder.path, GUARD_FILE_NAME), '{not json');
    const guard = await SignInGuard.load(folder.path);
    expect(guard.waitFor(LOOKUP, T0)).toBe(0);
    await writeFile(join(folder.path, GUARD_FILE_NAME), JSON.stringify({ attempts: { [LOOKUP]: { failures: 'many' } } }));
    expect((await SignInGuard.load(folder.path)).waitFor(LOOKUP, T0)).toBe(0);
  });

  it('keeps the file small however many made-up usernames are tried, and never drops a waiting account', async () => {
    const guard = await SignInGuard.load(folder.path);
    // A real account made to wait first...
    for (let i = 0; i < 10; i++) await guard.failed(LOOKUP, T0, 'sign-in-failed', ACCOUNT);
    const wait = guard.waitFor(LOOKUP, T0);
    expect(wait).toBe(15 * 60_000);
    // ...then 400 made-up usernames, a wrong try each (237 bytes each before there was a limit).
    for (let i = 0; i < 400; i++) await guard.failed(guard.lookupFor(`made.up.${i}`), at(i), 'sign-in-failed', MADE_UP);
    const path = join(folder.path, GUARD_FILE_NAME);
    const size = (await stat(path)).size;
    const data = JSON.parse(await readFile(path, 'utf8'));
    expect(Object.keys(data.attempts)).toHaveLength(MAX_COUNTED);
    expect(data.pending).toHaveLength(MAX_PENDING);
    expect(data.dropped).toBe(410 - MAX_PENDING);
    // About 150 bytes a counted username and 130 a kept try: a fixed ceiling, whatever is tried.
    expect(size).toBeLessThan(60_000);
    // The account still waits, and the most recent made-up username is still counted.
    const reloaded = await SignInGuard.load(folder.path);
    expect(reloaded.waitFor(LOOKUP, at(400))).toBe(wait - 400);
    expect(reloaded.countFor(reloaded.lookupFor('made.up.399'), at(400))?.failures).toBe(1);
    expect(reloaded.countFor(reloaded.lookupFor('made.up.0'), at(400))).toBeNull();
    // What was not kept one by one is still handed back as a number, with the newest tries.
    const taken = await reloaded.takePending();
    expect(taken.dropped).toBe(410 - MAX_PENDING);
    expect(taken.pending.at(-1)).toEqual({ at: at(399).toISOString(), action: 'sign-in-failed', lookup: reloaded.lookupFor('made.up.399') });
  }, 60_000);

  it('drops accounts that are not waiting before letting the file grow, but keeps every waiting one', async () => {
    const guard = await SignInGuard.load(folder.path);
    const waiting = Array.from({ length: 20 }, (_, i) => guard.lookupFor(`waiting.${i}`));
    for (const lookup of waiting) for (let n = 0; n < FREE_ATTEMPTS; n++) await guard.failed(lookup, T0, 'sign-in-failed', ACCOUNT);
    // More accounts with a wrong try each, all more recent than the waiting ones, than the file counts.
    for (let i = 0; i < MAX_COUNTED; i++) await guard.failed(guard.lookupFor(`account.${i}`), at(1000 + i), 'sign-in-failed', ACCOUNT);
    const data = JSON.parse(await readFile(join(folder.path, GUARD_FILE_NAME), 'utf8'));
    expect(Object.keys(data.attempts)).toHaveLength(MAX_COUNTED);
    for (const lookup of waiting) expect(guard.waitFor(lookup, T0)).toBe(30_000);
    expect(guard.countFor(guard.lookupFor('account.0'), at(2000))).toBeNull();
    expect(guard.countFor(guard.lookupFor(`account.${MAX_COUNTED - 1}`), at(2000))?.failures).toBe(1);
  }, 60_000);

  it('a wait always ends: the count starts again after a quiet day, and clearing ends it at once', async () => {
    const guard = await SignInGuard.load(folder.path);
    for (let i = 0; i < 8; i++) await guard.failed(LOOKUP, T0, 'sign-in-failed', ACCOUNT);
    expect(guard.countFor(LOOKUP, T0)?.failures).toBe(8);
    expect(guard.countFor(LOOKUP, at(QUIET_PERIOD_MS - 1))?.failures).toBe(8);
    expect(guard.countFor(LOOKUP, at(QUIET_PERIOD_MS))).toBeNull();
    // The next wrong try after a quiet day is a first one again: no wait.
    expect(await guard.failed(LOOKUP, at(QUIET_PERIOD_MS), 'sign-in-failed', ACCOUNT)).toBe(0);

    for (let i = 0; i < 8; i++) await guard.failed(OTHER, T0, 'sign-in-failed', ACCOUNT);
    expect(guard.waitFor(OTHER, T0)).toBeGreaterThan(0);
    expect(await guard.clear(OTHER)).toBe(true);
    expect(guard.waitFor(OTHER, T0)).toBe(0);
    expect(guard.countFor(OTHER, T0)).toBeNull();
    expect((await SignInGuard.load(folder.path)).waitFor(OTHER, T0)).toBe(0);
    expect(await guard.clear(OTHER)).toBe(false);
  });

  it('says how long to wait in words', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(30_000)).toBe('30 seconds');
    expect(describeWait(60_000)).toBe('1 minute');
    expect(describeWait(61_000)).toBe('2 minutes');
    expect(describeWait(15 * 60_000)).toBe('15 minutes');
  });
});
