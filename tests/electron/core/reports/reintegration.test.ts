import { writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { stopPdfWorker } from '../../../../electron/core/reports/client';
import { buildReintegrationData } from '../../../../electron/core/services/reintegration-report';
import { unwrap } from '../../../../shared/api/result';
import { percentText } from '../../../../shared/domain/attendance-charts';
import { outcomeRatingsChart, sdqChart } from '../../../../shared/domain/plan-charts';
import { demoCoreForEachTest, fullestPlacement } from '../../../helpers/demo';
import { pdfImageCount, pdfPages } from '../../../helpers/pdf-text';

const demo = demoCoreForEachTest();
afterAll(async () => {
  await stopPdfWorker();
});

const ctx = () => ({ userId: 'test', scope: { all: true } as const, today: demo.core.today(), timeNow: '09:00', now: demo.core.now() });

async function report(placementId: string) {
  const file = unwrap(await demo.call('reports.reintegration', { placementId }));
  const bytes = Buffer.from(file.pdf, 'base64');
  return { fileName: file.fileName, bytes, pages: await pdfPages(bytes) };
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('the reintegration report', { timeout: 120_000 }, () => {
  it('renders a demo pupil’s report with every section and the figures from the database', async () => {
    const placementId = fullestPlacement(demo.core);
    const data = await buildReintegrationData(demo.core.requireDb(), placementId, ctx());
    const { fileName, bytes, pages } = await report(placementId);
    // REINT_PDF=path keeps the PDF to look at (pdftoppm).
    if (process.env.REINT_PDF) await writeFile(process.env.REINT_PDF, bytes);
    const text = squash(pages.join('\n'));

    expect(fileName).toBe(`${data.lastName} ${data.firstName} - Reintegration report - ${demo.core.today()}.pdf`);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toContain('OFFICIAL-SENSITIVE');
      expect(page).toContain(data.pupilName);
      expect(squash(page)).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    for (const heading of [
      'Reintegration report',
      'Summary of needs',
      'What has helped',
      'Attendance',
      'My Support Plan outcomes',
      'SEMH measures at baseline and exit',
      'Recommendations for the school',
      'Phased return timetable',
      'Follow-up visits agreed',
      'Sign-off',
    ]) {
      expect(text).toContain(heading);
    }
    // The figures as the app's own screens have them: the pupil's attendance, Plan tab and measures.
    const placement = (await demo.core.requireDb().selectFrom('placements').select(['pupil_id', 'start_date', 'end_date']).where('id', '=', placementId).executeTakeFirstOrThrow());
    const attendance = unwrap(await demo.call('registers.pupilAttendance', { pupilId: placement.pupil_id, from: placement.start_date!, to: placement.end_date ?? demo.core.today() }));
    expect(attendance.figures.possible).toBeGreaterThan(0);
    expect(text).toContain(`${percentText(attendance.figures.attendancePercent)} Attended ${attendance.figures.present + attendance.figures.approvedActivity} of ${attendance.figures.possible} possible sessions`);
    const plans = unwrap(await demo.call('plans.forPupil', { pupilId: placement.pupil_id }));
    const plan = plans.placements.find((p) => p.placementId === placementId)!.plan!;
    const ratings = outcomeRatingsChart(plan);
    expect(ratings.series.length).toBeGreaterThan(0);
    for (const row of ratings.table.rows) expect(text).toContain(squash(row.join(' ')));
    const charts = [sdqChart(plans.measures.filter((m) => m.placementId === placementId), 'teacher')!];
    expect(charts[0]).not.toBeNull();
    for (const chart of charts) {
      const total = chart.scales.find((s) => s.scale === 'total')!;
      expect(text).toContain(`${total.baseline} ${total.baselineBand.label}`);
      if (total.latest !== null) expect(text).toContain(`${total.latest} ${total.latestBand!.label}`);
    }
    expect(await pdfImageCount(bytes)).toBe(0);
  });
});
