import { afterAll, describe, expect, it } from 'vitest';
import { renderPdf, stopPdfWorker } from '../../../../electron/core/reports/client';
import type { FireListData, PassportData } from '../../../../electron/core/reports/kinds';
import { pdfGlyphs, pdfText } from '../../../helpers/pdf-text';

afterAll(async () => {
  await stopPdfWorker();
});

/** Fictional pupils, one or two per script a family at the Key may write its child's name in. */
const NAMES = {
  latin: 'Zoë Ødegård-Núñez',
  greek: 'Ελένη Παπαδοπούλου',
  cyrillic: 'Олег Петренко',
  arabic: 'محمد الحسيني',
  hebrew: 'יעל כהן',
  devanagari: 'अनन्या शर्मा',
  conjuncts: 'क्षितिज त्रिपाठी',
  chinese: '李小龍',
  japanese: '佐藤 はるか',
  korean: '김민준',
  koreanAndLatin: '이서연 Lee',
};

const fireList = (names: string[]): FireListData => ({
  baseName: 'Parkgate',
  producedAt: '23/11/2026 09:15',
  session: 'Morning (AM) session of 23/11/2026, register from 09:00',
  noSchool: null,
  onSite: names.map((name) => ({ name, yearGroup: 'Year 8', mark: 'Present', homeSchoolName: 'Willow Lane Primary' })),
  notYetMarked: [],
  notOnSite: 0,
  signedIn: [],
  baseStaff: [],
});

const passport = (name: string): PassportData => ({
  pupilName: name,
  yearGroup: 'Year 8',
  homeSchoolName: 'Willow Lane Primary',
  baseName: 'Parkgate',
  keyworkerName: 'Ama Mensah',
  planSource: null,
  fontSize: 10,
  shortened: false,
  sections: [{ heading: 'What helps me', text: `${name} likes a quiet start.`, empty: false }],
  producedAt: '23/11/2026 09:15',
});

/** What the eye would flag: a glyph from a font the PDF does not carry (garbled letters), or the empty box. */
async function badGlyphs(pdf: Uint8Array) {
  return (await pdfGlyphs(pdf)).filter((g) => !g.embedded || g.code === 0).map((g) => `${g.text} in ${g.font}`);
}

describe('pupil names in every script, drawn in the report thread', { timeout: 60_000 }, () => {
  it('prints each name in full, every glyph from a bundled font and none an empty box', async () => {
    const pdf = await renderPdf('fire-list', fireList(Object.values(NAMES)));
    const text = await pdfText(pdf);
    for (const [script, name] of Object.entries(NAMES)) {
      // Devanagari is read back in the order it is drawn (below), not the order it is typed.
      if (script !== 'devanagari' && script !== 'conjuncts') expect(text, script).toContain(name);
    }
    expect(await badGlyphs(pdf)).toEqual([]);
  });

  it('shapes Devanagari: conjuncts are one glyph and the i-sign is drawn before its consonant', async () => {
    const glyphs = (await pdfGlyphs(await renderPdf('fire-list', fireList([NAMES.conjuncts, NAMES.devanagari])))).map((g) => g.text);
    const drawn = glyphs.join('');
    // क्षितिज: क्ष is one glyph, each ि (i) sits on the left of the letter it follows in writing.
    expect(drawn).toContain('िक्षितज');
    expect(glyphs).toEqual(expect.arrayContaining(['क्ष']));
    // त्रिपाठी: त्र is one glyph; शर्मा: the r (reph, र्) is drawn above the end of the cluster, after मा.
    expect(drawn).toContain('ित्रपाठी');
    expect(drawn).toContain('शमार्');
    // Unshaped, the virama (्) would be drawn as a sign of its own.
    expect(glyphs).not.toContain('्');
  });

  it('draws Korean, Arabic, Chinese and Devanagari names in a bold title and the page header of a passport', async () => {
    for (const name of [NAMES.korean, NAMES.arabic, NAMES.chinese]) {
      const pdf = await renderPdf('passport', passport(name));
      expect((await pdfText(pdf)).split(name).length - 1, name).toBeGreaterThanOrEqual(4);
      expect(await badGlyphs(pdf), name).toEqual([]);
    }
    const hindi = await renderPdf('passport', passport(NAMES.devanagari));
    expect(await badGlyphs(hindi)).toEqual([]);
    expect((await pdfText(hindi)).split('शमार्').length - 1).toBeGreaterThanOrEqual(4);
  });

  it('marks each letter no bundled font has (Tamil, Ethiopic) with U+FFFD in its place, and draws Urdu letters DejaVu Sans lacks', async () => {
    const pdf = await renderPdf('fire-list', fireList(['தமிழ் (Tamil)', 'ሰላም (Selam)', 'عائشہ شاہد']));
    const text = await pdfText(pdf);
    // One mark per letter, the Latin beside them untouched and no glyph from a font the PDF lacks.
    expect(text).toContain('\uFFFD'.repeat(5) + ' (Tamil)');
    expect(text).toContain('\uFFFD'.repeat(3) + ' (Selam)');
    expect(text).toContain('ہ');
    expect(await badGlyphs(pdf)).toEqual([]);
  });

  it('draws each Urdu or Arabic name from one font, so its letters join, wherever the name prints', async () => {
    // ہ and ے are letters DejaVu Sans lacks: taken from another font mid-word, the letters before them would not join.
    const urdu = ['عائشہ شاہد', 'زینب ملک', 'علی رضا کے'];
    const arabicFonts = async (pdf: Uint8Array) => {
      const fonts = (await pdfGlyphs(pdf)).filter((g) => /\p{Script=Arabic}/u.test(g.text)).map((g) => g.font.replace(/^[A-Z]{6}\+/, ''));
      return [...new Set(fonts)];
    };
    expect(await arabicFonts(await renderPdf('fire-list', fireList(urdu)))).toEqual(['NotoSansArabic-Regular']);
    // The passport prints the name in its bold title, the page header, a fact and the words of a section.
    expect(await arabicFonts(await renderPdf('passport', passport(urdu[0]!)))).toEqual(['NotoSansArabic-Regular']);
  });
});
