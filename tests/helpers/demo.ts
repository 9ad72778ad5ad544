import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { KeyDeskCore } from '../../electron/core/core';
import type { CallName } from '../../shared/api/contract';
import { startDemoCore } from './core';

type DemoCore = Awaited<ReturnType<typeof startDemoCore>>;

/** A demo file takes a while to build on a busy machine. */
const DEMO_TIMEOUT_MS = 120_000;

/** The rows of a query on the core's open database, each an array of values. */
export const sqlRows = (core: KeyDeskCore, query: string) => core.requireFile().sql.exec(query)[0]?.values ?? [];

/** The demo core a test is running against, and a direct look at its database. */
function handle(current: () => DemoCore) {
  return {
    get core() {
      return current().core;
    },
    get folder() {
      return current().folder;
    },
    call: <N extends CallName>(name: N, input?: unknown) => current().call(name, input),
    signIn: (username: string, password?: string) => current().signIn(username, password),
    /** The rows of `query`, each an array of values. */
    rows: (query: string) => sqlRows(current().core, query),
    /** The first value of `query` as a number (0 when there is none). */
    one: (query: string) => Number(sqlRows(current().core, query)[0]?.[0] ?? 0),
  };
}

function started(demo: DemoCore | undefined): DemoCore {
  if (!demo) throw new Error('The demo core starts before the tests: use it inside a test.');
  return demo;
}

type Hook = (fn: () => Promise<void>, timeout?: number) => void;

function demoCoreBetween(start: Hook, stop: Hook) {
  let demo: DemoCore | undefined;
  start(async () => {
    demo = await startDemoCore();
  }, DEMO_TIMEOUT_MS);
  stop(async () => {
    await demo?.cleanup();
    demo = undefined;
  });
  return handle(() => started(demo));
}

/** One demo core for a whole test file (signed in as the demo manager), for tests that only read it. */
export const demoCoreForFile = () => demoCoreBetween(beforeAll, afterAll);

/** A new demo core for each test (signed in as the demo manager), for tests that change it. */
export const demoCoreForEachTest = () => demoCoreBetween(beforeEach, afterEach);

/** The demo placement with the most rated reviews and teacher SDQs: the fullest reintegration report. */
export function fullestPlacement(core: KeyDeskCore): string {
  const rows = sqlRows(
    core,
    `SELECT p.placement_id FROM support_plans p
     JOIN plan_reviews r ON r.plan_id = p.id
     JOIN semh_measures m ON m.placement_id = p.placement_id AND m.measure = 'sdq-teacher'
     GROUP BY p.placement_id ORDER BY count(DISTINCT r.id) DESC, count(DISTINCT m.id) DESC LIMIT 1`,
  );
  return String(rows[0]![0]);
}
