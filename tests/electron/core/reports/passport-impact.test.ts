import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopPdfWorker } from '../../../../electron/core/reports/client';
import { unwrap } from '../../../../shared/api/result';
import { startDemoCore } from '../../../helpers/core';
import { pdfImageCount, pdfPages } from '../../../helpers/pdf-text';

let t: Awaited<ReturnType<typeof startDemoCore>>;
beforeAll(async () => {
  t = await startDemoCore();
}, 120_000);
afterAll(async () => {
  await stopPdfWorker();
  await t?.cleanup();
});

const sql = (q: string) => t.core.requireDb();

describe('dump', { timeout: 120_000 }, () => {
  it('dumps', async () => {
    const db = t.core.requireDb();
    const rows = await db.selectFrom('support_plans').innerJoin('placements', 'placements.id', 'support_plans.placement_id').select(['placements.id', 'placements.base_id']).execute();
    const bases = await db.selectFrom('bases').select(['id', 'name']).execute();
    const pass = unwrap(await t.call('reports.passport', { placementId: rows[0]!.id }));
    writeFileSync('/tmp/impact-passport.pdf', Buffer.from(pass.pdf, 'base64'));
    for (const year of [2025, 2026]) {
      const imp = unwrap(await t.call('reports.impact', { year }));
      writeFileSync(`/tmp/impact-all-${year}.pdf`, Buffer.from(imp.pdf, 'base64'));
      console.log(imp.fileName, (await pdfPages(Buffer.from(imp.pdf, 'base64'))).join('\n=====\n').slice(0, 4000));
    }
    const imp = unwrap(await t.call('reports.impact', { year: 2025, baseId: bases[0]!.id }));
    writeFileSync(`/tmp/impact-base.pdf`, Buffer.from(imp.pdf, 'base64'));
    console.log(pass.fileName, (await pdfPages(Buffer.from(pass.pdf, 'base64'))).join('\n=====\n'));
    void sql; void pdfImageCount;
  });
});
