import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { RatingsChart } from '../../../../electron/core/reports/charts/ratings-chart';
import { FramedDocument } from '../../../../electron/core/reports/documents/page-frame';
import { registerReportFonts } from '../../../../electron/core/reports/fonts';
import { renderToBytes } from '../../../../electron/core/reports/render';
import { outcomeRatingsChart } from '../../../../shared/domain/plan-charts';
import type { SupportPlan } from '../../../../shared/domain/plans';
import { pdfPlacedText, pdfText } from '../../../helpers/pdf-text';

/** Two outcomes rated at two reviews: the second drawn dashed. */
const plan = {
  versions: [{ content: { outcomes: [{ id: 'a', what: 'Stays in lessons' }, { id: 'b', what: 'Talks to an adult when upset' }] } }],
  reviews: [
    { id: 'r1', heldOn: '2026-10-01', ratings: [{ outcomeId: 'a', rating: 0, decision: null }, { outcomeId: 'b', rating: -1, decision: null }] },
    { id: 'r2', heldOn: '2026-11-01', ratings: [{ outcomeId: 'a', rating: 1, decision: null }, { outcomeId: 'b', rating: 2, decision: 'achieved' }] },
  ],
} as unknown as Pick<SupportPlan, 'versions' | 'reviews'>;

async function chartPdf(): Promise<Uint8Array> {
  registerReportFonts();
  const chart = createElement(RatingsChart, { chart: outcomeRatingsChart(plan), width: 480, height: 200 });
  return renderToBytes(createElement(FramedDocument, { title: 'Chart', subject: 'Ada Lane', producedAt: '23/11/2026 09:15', children: chart }));
}

describe('the outcome ratings chart in a PDF', { timeout: 60_000 }, () => {
  it('labels the axis with the five ratings only, and keeps each legend line clear of its outcome’s number', async () => {
    const pdf = await chartPdf();
    const text = await pdfText(pdf);
    for (const label of ['-2 Much worse', '-1 A little worse', '0 No change', '+1 Some progress', '+2 Good progress']) expect(text).toContain(label);
    // The legend's line sample (24 pt wide, from the page's 40 pt margin) must not touch "2.", or it reads as "−2.".
    const legend = (await pdfPlacedText(pdf)).filter((p) => /^\d\. /.test(p.text));
    expect(legend.map((p) => p.text)).toEqual(['1. Stays in lessons', '2. Talks to an adult when upset']);
    for (const entry of legend) expect(entry.left - (40 + 24), entry.text).toBeGreaterThanOrEqual(4);
  });
});
