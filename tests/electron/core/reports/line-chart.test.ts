import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { WeeklyLineChart } from '../../../../electron/core/reports/charts/line-chart';
import { markerPath } from '../../../../electron/core/reports/charts/markers';
import { FramedDocument } from '../../../../electron/core/reports/documents/page-frame';
import { registerReportFonts } from '../../../../electron/core/reports/fonts';
import { renderToBytes } from '../../../../electron/core/reports/render';
import { attendanceFigures, type WeeklyAttendance } from '../../../../shared/domain/attendance';
import { baseWeeklyChart, MARKERS, pupilWeeklyChart, type WeeklyChart } from '../../../../shared/domain/attendance-charts';
import { pdfImageCount, pdfText } from '../../../helpers/pdf-text';

/** A week with `attended` of 10 possible sessions (the rest unauthorised absences). */
const week = (weekStarting: string, attended: number): WeeklyAttendance => ({
  weekStarting,
  figures: attendanceFigures(Array.from({ length: 10 }, (_, i) => ({ date: weekStarting, session: i % 2 ? 'PM' : 'AM', expected: true, code: i < attended ? '/' : 'O' }))),
});

async function chartPdf(chart: WeeklyChart): Promise<Uint8Array> {
  registerReportFonts();
  const chartElement = createElement(WeeklyLineChart, { chart, width: 480, height: 220 });
  return renderToBytes(createElement(FramedDocument, { title: 'Chart', subject: 'Zoë Ødegård', producedAt: '23/11/2026 09:15', children: chartElement }));
}

describe('the weekly attendance chart in a PDF', { timeout: 60_000 }, () => {
  const weeks = [week('2026-11-02', 10), week('2026-11-09', 8), week('2026-11-16', 6), week('2026-11-23', 9)];

  it('is drawn as vectors (no images) with its axis labels, threshold and legend as text', async () => {
    const chart = baseWeeklyChart({
      weeks,
      pupils: [
        { pupilId: 'a', name: 'Zoë Ødegård', weeks: weeks.slice(0, 2) },
        { pupilId: 'b', name: 'Олег Ñúñez', weeks: weeks.slice(2) },
      ],
    });
    const pdf = await chartPdf(chart);
    expect(await pdfImageCount(pdf)).toBe(0);
    const text = await pdfText(pdf);
    for (const label of ['02/11', '09/11', '16/11', '23/11', '0%', '90%', '100%', 'Persistent absence: below 90%', 'Week commencing']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('Base average');
    expect(text).toContain('Олег Ñúñez');
  });

  it('says there is nothing recorded instead of drawing empty axes', async () => {
    const text = await pdfText(await chartPdf(pupilWeeklyChart([])));
    expect(text).toContain('No attendance recorded yet.');
    expect(text).not.toContain('Persistent absence');
  });

  it('gives every marker shape a closed path of its own', () => {
    const paths = MARKERS.map((shape) => markerPath(shape, 10, 10, 3));
    expect(new Set(paths).size).toBe(MARKERS.length);
    for (const d of paths) expect(d).toMatch(/^M.*Z$/);
  });
});
