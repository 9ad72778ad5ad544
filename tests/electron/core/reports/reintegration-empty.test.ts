import { writeFile } from 'node:fs/promises';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stopPdfWorker } from '../../../../electron/core/reports/client';
import { NONE_SAID } from '../../../../electron/core/services/reintegration-report';
import { pdfImageCount, pdfPages } from '../../../helpers/pdf-text';
import { placementsCore, TODAY, type PlacementsCore } from '../placements/fixture';

let t: PlacementsCore;
beforeEach(async () => {
  t = await placementsCore();
});
afterEach(async () => {
  await t.cleanup();
});
afterAll(async () => {
  await stopPdfWorker();
});

const squash = (text: string) => text.replace(/\s+/g, ' ');

/** A placement that starts today: no plan, no register taken, no measures, no end date. */
async function justStarted(first: string, last: string) {
  const placement = await t.startedPupil(TODAY);
  await t.core.requireDb().updateTable('pupils').set({ legal_first_name: first, legal_last_name: last }).where('id', '=', placement.pupilId).execute();
  return placement;
}

async function report(placementId: string) {
  const file = await t.ok('reports.reintegration', { placementId });
  const bytes = Buffer.from(file.pdf, 'base64');
  return { fileName: file.fileName, bytes, pages: await pdfPages(bytes) };
}

describe('a reintegration report with nothing recorded yet', { timeout: 60_000 }, () => {
  it('says plainly what is not recorded in each section, with no chart and no crash', async () => {
    const placement = await justStarted('Ada', 'Lane');
    const { fileName, bytes, pages } = await report(placement.id);
    // REINT_PDF=path keeps the PDF to look at (pdftoppm).
    if (process.env.REINT_PDF) await writeFile(process.env.REINT_PDF, bytes);
    const text = squash(pages.join('\n'));
    expect(fileName).toBe(`Lane Ada - Reintegration report - ${TODAY}.pdf`);
    for (const said of [NONE_SAID.plan, NONE_SAID.attendance, NONE_SAID.sdq, 'No recommendations have been written yet.', 'No Leuven observation recorded yet.', 'No Boxall Profile recorded yet.']) {
      expect(text).toContain(said);
    }
    expect(text).toContain('Phased return timetable');
    expect(text).toContain('Weeks 1–');
    pages.forEach((page, i) => {
      expect(page).toContain('OFFICIAL-SENSITIVE');
      expect(page).toContain('Ada Lane');
      expect(squash(page)).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(await pdfImageCount(bytes)).toBe(0);
  });

  it('prints names with accents and in another script, and the texts written for the report', async () => {
    const placement = await justStarted('Zoë-Олег', 'Ødegård Ñúñez');
    const saved = await t.ok('reports.saveTexts', {
      placementId: placement.id,
      recommendations: '  Keep a daily check-in with a trusted adult.  ',
      needsSummary: 'Finds unstructured times hard.',
    });
    expect(saved).toMatchObject({ recommendations: 'Keep a daily check-in with a trusted adult.', needsSummary: 'Finds unstructured times hard.', whatHelped: '', updatedBy: 'Robin Ashdown' });
    expect(await t.ok('reports.texts', { placementId: placement.id })).toEqual(saved);

    const { fileName, pages } = await report(placement.id);
    const text = squash(pages.join('\n'));
    expect(fileName).toBe(`Ødegård Ñúñez Zoë-Олег - Reintegration report - ${TODAY}.pdf`);
    expect(pages[0]).toContain('Zoë-Олег Ødegård Ñúñez');
    expect(text).toContain('Keep a daily check-in with a trusted adult.');
    expect(text).toContain('Finds unstructured times hard.');
    const printed = t.core.requireFile().sql.exec(`SELECT count(*) FROM audit_log WHERE action = 'printed-reintegration-report' AND pupil_id = '${placement.pupilId}'`);
    expect(printed[0]!.values[0]![0]).toBe(1);
  });

  it('refuses a placement it does not know, and texts longer than allowed', async () => {
    const error = await t.refused('reports.reintegration', { placementId: '00000000-0000-4000-8000-000000000000' });
    expect(error).toMatchObject({ code: 'NOT_FOUND', field: 'placementId' });
    const placement = await justStarted('Ada', 'Lane');
    const tooLong = await t.refused('reports.saveTexts', { placementId: placement.id, recommendations: 'x'.repeat(6001) });
    expect(tooLong).toMatchObject({ code: 'INVALID_INPUT', field: 'recommendations' });
  });
});
