import type { DataFile } from '../electron/core/data-file';
import type { SignedInUser } from '../shared/api/status';
import type { Role } from '../shared/domain/staff';
import { renderPdf, reportThreadHeap, stopPdfWorker } from '../electron/core/reports/client';
import { fireListData } from '../electron/core/services/fire-list';
import { impactData } from '../electron/core/services/impact-report';
import { academicYearOf } from '../shared/domain/pupils';
import type { RegisterContext } from '../electron/core/services/registers';
import type { Account } from './data-file';
import { medianOfRuns, type Measure } from './measure';
import { unlock } from './registers';

export const FIRE_LIST_TARGET_MS = 150;
/** Issue 14: the report thread's memory after 100 documents within this much of after 10. */
export const MEMORY_GROWTH_TARGET_MB = 20;

const MB = 1024 * 1024;

/** The bench's account signed in at 09:05 on the file's last day, seeing every base, and the busiest base. */
export function reportBenchContext(file: DataFile, account: Account, today: string): { user: SignedInUser; ctx: RegisterContext; baseId: string } {
  const row = file.sql.exec(`SELECT id, name, roles FROM staff WHERE username = '${account.username}'`)[0]?.values[0] ?? [];
  const user: SignedInUser = { id: String(row[0]), name: String(row[1]), username: account.username, roles: JSON.parse(String(row[2])) as Role[], baseIds: [] };
  const ctx: RegisterContext = { userId: user.id, scope: { all: true }, today, timeNow: '09:05', now: `${today}T09:05:00.000Z` };
  const baseId = String(file.sql.exec('SELECT id FROM bases ORDER BY places DESC LIMIT 1')[0]?.values[0]?.[0]);
  return { user, ctx, baseId };
}

/**
 * The fire list on the ten-year file, at its busiest base at 09:05 on the file's last day: the data
 * and the PDF drawn in the report thread (the floor is the data alone), then the thread's heap after
 * 100 documents against after 10.
 */
export async function measureFireList(folder: string, account: Account, today: string): Promise<Measure[]> {
  const file = await unlock(folder, account);
  try {
    const { user, ctx, baseId } = reportBenchContext(file, account, today);
    const data = () => fireListData(file.db, baseId, ctx, user);
    const render = async () => renderPdf('fire-list', await data());

    const options = { runs: 15, warmup: 5 };
    const dataMs = await medianOfRuns(async (time) => {
      await time(data);
    }, options);
    const fireListMs = await medianOfRuns(async (time) => {
      await time(render);
    }, options);

    await stopPdfWorker();
    for (let i = 0; i < 10; i++) await render();
    const after10 = await reportThreadHeap();
    for (let i = 10; i < 100; i++) await render();
    const after100 = await reportThreadHeap();
    return [
      { name: 'fire list (data, then the PDF in the report thread)', medianMs: fireListMs, targetMs: FIRE_LIST_TARGET_MS, floor: { name: 'its data alone, no PDF', medianMs: dataMs } },
      {
        name: 'report thread memory: after 100 fire lists vs after 10',
        medianMs: (after100 - after10) / MB,
        unit: 'MB',
        targetMs: MEMORY_GROWTH_TARGET_MB,
        floor: { name: `heap after 10 documents (${(after10 / MB).toFixed(1)} MB)`, medianMs: after10 / MB },
      },
    ];
  } finally {
    await stopPdfWorker();
    await file.close();
  }
}

/**
 * The impact report for the ten-year file's last full academic year at every base: the data (every
 * placement's registers, figures before and after, plans and SDQs) and the PDF drawn in the report
 * thread; the floor is the data alone. Issue 14 sets no target for it.
 */
export async function measureImpactReport(folder: string, account: Account, today: string): Promise<Measure[]> {
  const file = await unlock(folder, account);
  try {
    const year = academicYearOf(today) - 1;
    const ctx = { scope: { all: true } as const, today, producedAt: '02/12/2026 09:05' };
    const data = () => impactData(file.db, { year }, ctx);
    const render = async () => renderPdf('impact', (await data()).data);
    const options = { runs: 9, warmup: 3 };
    const dataMs = await medianOfRuns(async (time) => {
      await time(data);
    }, options);
    const reportMs = await medianOfRuns(async (time) => {
      await time(render);
    }, options);
    return [{ name: 'impact report for a year (all bases: data, then the PDF in the report thread)', medianMs: reportMs, floor: { name: 'its data alone, no PDF', medianMs: dataMs } }];
  } finally {
    await stopPdfWorker();
    await file.close();
  }
}
