import { afterAll, describe, expect, it } from 'vitest';
import { renderPdf, stopPdfWorker } from '../../../../electron/core/reports/client';
import type { FireListData, FireListPupil } from '../../../../electron/core/reports/kinds';
import { pdfText } from '../../../helpers/pdf-text';

afterAll(async () => {
  await stopPdfWorker();
});

const pupil = (name: string): FireListPupil => ({ name, yearGroup: 'Year 8', mark: 'Present', homeSchoolName: 'Willow Lane Primary' });

const fireList = (names: string[]): FireListData => ({
  baseName: 'Parkgate',
  producedAt: '23/11/2026 09:15',
  session: 'Morning (AM) session of 23/11/2026, register from 09:00',
  noSchool: null,
  onSite: names.map(pupil),
  notYetMarked: [],
  notOnSite: 0,
  signedIn: [{ name: 'Siân Ní Bhriain', roles: 'Teacher' }],
  baseStaff: [],
});

describe('names in the bundled fonts, in the report thread', { timeout: 60_000 }, () => {
  it('keeps accented and Cyrillic names whole, as text', async () => {
    const text = await pdfText(await renderPdf('fire-list', fireList(['Zoë Ødegård', 'Олег Петренко', 'Ñúñez Alvarado', 'Łucja Wiśniewska-Grünberg'])));
    for (const name of ['Zoë Ødegård', 'Олег Петренко', 'Ñúñez Alvarado', 'Łucja Wiśniewska-Grünberg', 'Siân Ní Bhriain']) expect(text).toContain(name);
  });

  it('draws Chinese and Japanese names from the fallback font instead of dropping them', async () => {
    // Korean, Devanagari and the rest: names-in-every-script.test.ts.
    const text = await pdfText(await renderPdf('fire-list', fireList(['李小龍 Lee', '佐藤 はるか', 'محمد Ali'])));
    // Arabic reads right to left, so the text comes back in the order it is drawn.
    for (const name of ['李小龍 Lee', '佐藤 はるか', 'محمد', 'Ali']) expect(text).toContain(name);
  });

  it('keeps every letter of the next document after one that drew Ž (composed from Z), in the report thread', async () => {
    // A composite letter's parts are first read while embedding it; if Z is drawn nowhere else in
    // that document, stale fonts hand the next document a Z without its code (the text loses it).
    // Only fresh fonts after a document with letters beyond ASCII (the report thread's re-parse) keep it.
    // A new thread, so no earlier test has drawn a Z with these fonts.
    await stopPdfWorker();
    const first = await pdfText(await renderPdf('fire-list', fireList(['Žofia Ždanová'])));
    expect(first).toContain('Žofia Ždanová');
    const next = await pdfText(await renderPdf('fire-list', fireList(['Zane Zito', 'Zac Zeller'])));
    expect(next).toContain('Zane Zito');
    expect(next).toContain('Zac Zeller');
  });

  it('in the report thread too: plain names after accented ones keep every letter, and plain documents stay the same', async () => {
    const asText = async (names: string[]) => (await pdfText(await renderPdf('fire-list', { ...fireList(names), signedIn: [] }))).replace(/\s+/g, ' ');
    const plain = await asText(['Nash Noel', 'Nia Zane']);
    expect(plain).toContain('Nash Noel');
    expect(await asText(['Nash Noel', 'Nia Zane'])).toBe(plain);
    expect(await asText(['Ñúñez Alvarado', 'Zoë Ødegård'])).toContain('Ñúñez Alvarado');
    expect(await asText(['Nash Noel', 'Nia Zane'])).toBe(plain);
    expect(await asText(['Nash Noel', 'Nia Zane'])).toBe(plain);
  });
});
