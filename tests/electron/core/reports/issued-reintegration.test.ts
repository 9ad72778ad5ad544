import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stopPdfWorker } from '../../../../electron/core/reports/client';
import { batchFinished } from '../../../../electron/core/services/report-batch';
import { unwrap } from '../../../../shared/api/result';
import { demoCoreForEachTest, fullestPlacement } from '../../../helpers/demo';
import { pdfText } from '../../../helpers/pdf-text';

const demo = demoCoreForEachTest();
afterAll(async () => {
  await stopPdfWorker();
});

const text = (file: { pdf: string }) => pdfText(Buffer.from(file.pdf, 'base64'));
const exportedEntries = () => demo.core.requireDb().selectFrom('audit_log').select(['staff_name', 'detail']).where('action', '=', 'reports-exported').execute();
const who = () => demo.core.sessions.requireUser().name;

describe('an issued reintegration report', { timeout: 120_000 }, () => {
  it('reprints exactly as issued after the SDQ and the register have changed', async () => {
    const placementId = fullestPlacement(demo.core);
    // Not issued before the recommendations are written.
    expect(await demo.call('reports.saveTexts', { placementId, recommendations: '' })).toMatchObject({ ok: true });
    expect(await demo.call('reports.issue', { kind: 'reintegration', placementId })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'recommendations' } });
    unwrap(await demo.call('reports.saveTexts', { placementId, recommendations: 'Keep the morning check-in with a trusted adult.' }));
    const issued = unwrap(await demo.call('reports.issue', { kind: 'reintegration', placementId }));
    expect(issued.issued).toMatchObject({ version: 1, placementId, kind: 'reintegration' });
    const asIssued = await text(issued);

    // Every teacher SDQ of the placement is corrected to the top score, and every present mark becomes an absence.
    const db = demo.core.requireDb();
    await db.updateTable('semh_measures').set({ scores: '{"emotional":10,"conduct":10,"hyperactivity":10,"peer":10,"prosocial":0}' }).where('placement_id', '=', placementId).where('measure', '=', 'sdq-teacher').execute();
    demo.core.requireFile().sql.exec(`UPDATE register_marks SET code = 'O' WHERE code = '/'`);
    const today = await text(unwrap(await demo.call('reports.reintegration', { placementId })));
    expect(today).not.toBe(asIssued);

    const reprint = unwrap(await demo.call('reports.reprint', { id: issued.issued.id }));
    expect(reprint.fileName).toBe(issued.fileName);
    expect(await text(reprint)).toBe(asIssued);
    const second = unwrap(await demo.call('reports.issue', { kind: 'reintegration', placementId }));
    expect(second.issued.version).toBe(2);
    expect(unwrap(await demo.call('reports.issuedList', { placementId })).map((r) => r.version)).toEqual([2, 1]);
  });

  it('a batch saves one reintegration report per pupil whose placement ends in the range, and the audit trail says how many', async () => {
    const rows = demo.rows(`SELECT coalesce(end_date, planned_end) AS ends FROM placements WHERE start_date IS NOT NULL ORDER BY ends`);
    const from = String(rows[0]![0]);
    // The first few to end: enough to show one file each, quick enough to run on every change.
    const to = String(rows[Math.min(2, rows.length - 1)]![0]);
    const folder = join(demo.folder, 'reports');
    await mkdir(folder);
    const { jobId, total } = unwrap(await demo.call('reports.batchStart', { from, to, folder }));
    expect(total).toBe(rows.filter((r) => String(r[0]) <= to).length);
    expect(total).toBeGreaterThan(1);
    await batchFinished(jobId);
    const status = unwrap(await demo.call('reports.batchStatus', { jobId }));
    expect(status).toMatchObject({ finished: true, failed: [] });
    expect((await readdir(folder)).sort()).toEqual([...status.saved].sort());
    expect(status.saved.every((name) => / - Reintegration report - \d{4}-\d\d-\d\d( \(\d\))?\.pdf$/.test(name))).toBe(true);

    // One entry for the whole batch (not one per PDF), by whoever started it, naming how many PDFs were saved and where.
    expect(await exportedEntries()).toEqual([{ staff_name: who(), detail: `${total} reports saved for placements ending ${from} to ${to}, into ${folder}` }]);
  });

  it('a batch in which one pupil’s report cannot be saved goes on with the rest, and the audit trail counts only what was saved', async () => {
    const rows = demo.rows(`SELECT id, coalesce(end_date, planned_end) AS ends FROM placements WHERE start_date IS NOT NULL ORDER BY ends`);
    const from = String(rows[0]![1]);
    const to = String(rows[Math.min(2, rows.length - 1)]![1]);
    const folder = join(demo.folder, 'reports');
    // A folder already sits where the first pupil's PDF would go, so that one PDF cannot be written.
    const { fileName } = unwrap(await demo.call('reports.reintegration', { placementId: String(rows[0]![0]) }));
    await mkdir(join(folder, fileName), { recursive: true });
    await writeFile(join(folder, fileName, 'keep.txt'), 'in the way');

    const { jobId, total } = unwrap(await demo.call('reports.batchStart', { from, to, folder }));
    await batchFinished(jobId);
    const status = unwrap(await demo.call('reports.batchStatus', { jobId }));
    expect(status.failed).toHaveLength(1);
    expect(status.saved).toHaveLength(total - 1);
    expect(status.saved).not.toContain(fileName);
    expect(await exportedEntries()).toEqual([
      { staff_name: who(), detail: `${total - 1} of ${total} reports saved for placements ending ${from} to ${to}, into ${folder}; 1 could not be saved` },
    ]);
  });

  it('a batch stopped part way records, once it has stopped, only the reports it saved', async () => {
    const rows = demo.rows(`SELECT coalesce(end_date, planned_end) AS ends FROM placements WHERE start_date IS NOT NULL ORDER BY ends`);
    const from = String(rows[0]![0]);
    const to = String(rows[rows.length - 1]![0]);
    const folder = join(demo.folder, 'reports');
    await mkdir(folder);
    const { jobId, total } = unwrap(await demo.call('reports.batchStart', { from, to, folder }));
    // Cancelling waits for the batch to stop; the batch's audit entry must not wait for the cancel.
    const stopped = unwrap(await demo.call('reports.batchCancel', { jobId }));
    expect(stopped).toMatchObject({ finished: true, cancelled: true });
    expect(stopped.saved.length).toBeLessThan(total);
    unwrap(await demo.call('reports.batchStatus', { jobId }));
    expect(await exportedEntries()).toEqual([
      { staff_name: who(), detail: `${stopped.saved.length} of ${total} reports saved for placements ending ${from} to ${to}, into ${folder}; stopped before the end` },
    ]);
  });
});
