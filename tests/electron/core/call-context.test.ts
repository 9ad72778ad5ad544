import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceContext, type CallContext } from '../../../electron/core/call-context';
import { dispatch } from '../../../electron/core/dispatch';
import { handlers, type Handlers } from '../../../electron/core/handlers';
import { localIsoDate } from '../../../shared/domain/dates';
import { unwrap } from '../../../shared/api/result';
import { startCore, startDemoCore, tempFolder } from '../../helpers/core';

/** What a handler saw of its context, read at the start of the call and again after the database answered. */
interface Seen {
  today: string;
  now: string;
  clock: number;
  timeNow: string;
}

const seenBy = (ctx: CallContext): Seen => ({ today: ctx.today, now: ctx.now, clock: ctx.clock.getTime(), timeNow: serviceContext(ctx).timeNow });

describe('one context per call', () => {
  // One second before midnight (local time). Once `ticking`, the clock moves on a second every time it
  // is read: a call that read it once for the date and again for the time would straddle two days.
  const start = new Date(2026, 10, 23, 23, 59, 59).getTime();
  let ticks = 0;
  let ticking = false;
  const clock = () => new Date(start + (ticking ? ++ticks : ticks) * 1000);
  let demo: Awaited<ReturnType<typeof startDemoCore>>;

  beforeAll(async () => {
    demo = await startDemoCore({ now: clock });
  });
  afterAll(async () => demo.cleanup());

  it('gives a handler one date, time and instant from one reading of the clock, however often it looks', async () => {
    const seen: Array<{ first: Seen; later: Seen; clockSaid: string }> = [];
    const table: Handlers = {
      ...handlers,
      'bases.list': async (input, ctx) => {
        const first = seenBy(ctx);
        ticking = true;
        const bases = await handlers['bases.list'](input, ctx);
        ctx.core.clockNow();
        seen.push({ first, later: seenBy(ctx), clockSaid: ctx.core.today() });
        return bases;
      },
    };
    expect((await dispatch(demo.core, 'bases.list', undefined, table)).ok).toBe(true);
    expect((await dispatch(demo.core, 'bases.list', undefined, table)).ok).toBe(true);
    ticking = false;

    const [a, b] = seen as [(typeof seen)[0], (typeof seen)[0]];
    // By the end of the first call the clock had passed midnight...
    expect(a.clockSaid).toBe('2026-11-24');
    // ...but the handler saw the one reading it started with throughout, and all of it from that reading.
    expect(a.first).toMatchObject({ today: '2026-11-23', timeNow: '23:59' });
    expect(a.later).toEqual(a.first);
    expect(b.later).toEqual(b.first);
    for (const s of [a.first, b.first]) {
      expect(s.now).toBe(new Date(s.clock).toISOString());
      expect(s.today).toBe(localIsoDate(new Date(s.clock)));
    }
    // Each call builds its own: the second call sees the clock as it is by then.
    expect(b.first.clock).toBeGreaterThan(a.first.clock);
    expect(b.first).toMatchObject({ today: '2026-11-24', timeNow: '00:00' });
  });

  it('knows who is calling and whose pupils they may see', async () => {
    let seen: CallContext | null = null;
    const table: Handlers = { ...handlers, 'bases.list': async (input, ctx) => ((seen = ctx), handlers['bases.list'](input, ctx)) };
    unwrap(await dispatch(demo.core, 'bases.list', undefined, table));
    expect(seen!.user?.username).toBe('demo.manager');
    expect(seen!.scope).toEqual({ all: true });
  });
});

describe('a call made with no data file open', () => {
  it('works when its handler does not use the database, and is told plainly when it does', async () => {
    const folder = await tempFolder();
    const started = await startCore({ folder: folder.path });
    try {
      expect(started.core.dataFile).toBeNull();
      // app.status and the set-up calls run before there is any data file.
      expect(unwrap(await started.call('app.status'))).toMatchObject({ state: 'setup', user: null });
      expect(await started.call('setup.chooseFolder')).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });

      let seen: { user: unknown; scope: unknown; today: string } | null = null;
      const withoutDb: Handlers = {
        ...handlers,
        'app.status': async (input, ctx) => {
          seen = { user: ctx.user, scope: ctx.scope, today: ctx.today };
          return handlers['app.status'](input, ctx);
        },
      };
      expect((await dispatch(started.core, 'app.status', undefined, withoutDb)).ok).toBe(true);
      // Nobody is signed in: no user, and no base's pupils.
      expect(seen).toEqual({ user: null, scope: { all: false, baseIds: [] }, today: '2026-11-23' });

      const usesDb: Handlers = {
        ...handlers,
        'app.status': async (input, ctx) => {
          void ctx.db;
          return handlers['app.status'](input, ctx);
        },
      };
      expect(await dispatch(started.core, 'app.status', undefined, usesDb)).toEqual({
        ok: false,
        error: { code: 'NO_DATABASE', message: 'No data file is open. Open or create one first.' },
      });
    } finally {
      await started.core.close();
      await folder.cleanup();
    }
  });
});
