import { afterAll, describe, expect, it } from 'vitest';
import { renderPdf, stopPdfWorker } from '../../../../electron/core/reports/client';
import type { ImpactData, ImpactSection } from '../../../../electron/core/reports/kinds';
import { pdfPages, pdfPlacedText } from '../../../helpers/pdf-text';

afterAll(async () => {
  await stopPdfWorker();
});

/** A section whose table has `rows` placements and its own column words, so each table's header can be told apart. */
function section(heading: string, rows: number): ImpactSection {
  return {
    heading,
    intro: 'Each placement that ended in the year.',
    figures: [{ label: 'Pupils placed', value: String(rows) }],
    chart: null,
    table: {
      columns: ['Placement', `${heading} during`, `${heading} after`, 'Outcome'],
      rows: Array.from({ length: rows }, (_, i) => [`${heading} pupil ${i + 1}`, `${80 + (i % 20)}%`, `${i % 5}`, 'Returned full time']),
      textColumns: [3],
    },
    empty: null,
    notes: [],
  };
}

const impact = (sections: ImpactSection[]): ImpactData => ({
  scopeName: 'Parkgate',
  yearLabel: '2025-26',
  period: '01/09/2025 to 31/08/2026',
  producedAt: '23/11/2026 09:15',
  sections,
});

describe('impact report tables', { timeout: 120_000 }, () => {
  it('leave a clear gap between a figure and the words in the next column', async () => {
    const placed = await pdfPlacedText(await renderPdf('impact', impact([section('Suspensions', 5)])));
    // Each outcome is drawn on its own, not run together with the figure before it into one piece of text.
    const outcomes = placed.filter((p) => p.text.includes('Returned full time'));
    expect(outcomes.map((p) => p.text)).toEqual(Array(5).fill('Returned full time'));
    for (const outcome of outcomes) {
      // The "Suspensions after" figure drawn on the same line, just before the outcome.
      const figure = placed.filter((p) => /^\d+$/.test(p.text) && p.right <= outcome.left).sort((a, b) => b.right - a.right)[0]!;
      expect(outcome.left - figure.right, `after ${figure.text}`).toBeGreaterThanOrEqual(8);
    }
  });
});

describe('impact report tables over more than one page', { timeout: 120_000 }, () => {
  it('repeat their header row at the top of the next page, and only for the table that runs on', async () => {
    const pages = await pdfPages(await renderPdf('impact', impact([section('Outcomes', 12), section('Attendance', 70)])));
    expect(pages.length).toBe(2);
    const [first, second] = pages as [string, string];
    expect(first).toContain('Attendance pupil 1 ');
    expect(second).toContain('Attendance pupil 70');
    // The continued table's header, above its first row on the new page; the finished table's is not repeated.
    expect(second.indexOf('Attendance during')).toBeGreaterThan(-1);
    expect(second.indexOf('Attendance during')).toBeLessThan(second.indexOf('Attendance pupil'));
    expect(first).toContain('Attendance during');
    expect(second).not.toContain('Outcomes during');
  });

  it('never leave a header row alone at the foot of a page', async () => {
    // The first table's length moves the second table's start down page 1, past the point where only its header would fit.
    for (let rows = 32; rows <= 35; rows++) {
      const [first] = await pdfPages(await renderPdf('impact', impact([section('Outcomes', rows), section('Attendance', 20)])));
      if ((first ?? '').includes('Attendance during')) expect(first, `${rows} rows before`).toContain('Attendance pupil 1 ');
    }
  });
});
