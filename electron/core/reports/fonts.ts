import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Font } from '@react-pdf/renderer';

/** The family every report's own words are set in: Latin with accents, Greek, Cyrillic, Arabic, Hebrew. */
export const REPORT_FONT = 'DejaVu Sans';

interface Face {
  file: string;
  fontWeight?: 'bold';
  fontStyle?: 'italic';
}

interface Family {
  family: string;
  /** Regular first; a style the family lacks is drawn from its regular (or bold) face. */
  faces: Face[];
}

/**
 * The bundled families, in the order react-pdf tries them for each character: it takes the first
 * family that has a glyph for it. DejaVu Sans first, so every Latin letter, digit and space of a page
 * comes from one font; then one family per script DejaVu Sans lacks. Droid Sans Fallback comes before
 * NanumSquare so a Chinese or Japanese name takes all its characters from one font (NanumSquare has
 * some Chinese characters too), and NanumSquare draws Korean (Hangul), which Droid Sans Fallback lacks.
 */
const FAMILIES: Family[] = [
  {
    family: REPORT_FONT,
    faces: [{ file: 'DejaVuSans.ttf' }, { file: 'DejaVuSans-Bold.ttf', fontWeight: 'bold' }, { file: 'DejaVuSans-Oblique.ttf', fontStyle: 'italic' }],
  },
  // Hindi, Marathi, Nepali names: shaped by fontkit's Indic shaper (half forms, conjuncts, the i-matra before its consonant).
  {
    family: 'Noto Sans Devanagari',
    faces: [{ file: 'NotoSansDevanagari-Regular.ttf' }, { file: 'NotoSansDevanagari-Bold.ttf', fontWeight: 'bold' }],
  },
  // Arabic-script letters DejaVu Sans lacks (Urdu ہ and ے, Sindhi, Pashto): drawn, though not joined to the DejaVu letters beside them.
  { family: 'Noto Sans Arabic', faces: [{ file: 'NotoSansArabic-Regular.ttf' }] },
  { family: 'Droid Sans Fallback', faces: [{ file: 'DroidSansFallbackFull.ttf' }] },
  { family: 'NanumSquare', faces: [{ file: 'NanumSquareR.ttf' }] },
];

/**
 * react-pdf adds 'Helvetica' after every font stack and draws a character no family has from it; as a
 * standard PDF font it has no such letter, so a name came out as wrong Latin letters. Registered as
 * DejaVu Sans it draws the empty box instead, so text is never garbled (the report thread marks such
 * letters in a report's data beforehand: missing-letters.ts). Named in the stack so each document loads it.
 */
const LAST_RESORT: Family = { family: 'Helvetica', faces: [{ file: 'DejaVuSans.ttf' }, { file: 'DejaVuSans-Bold.ttf', fontWeight: 'bold' }] };

/** The families that have real letters (the last resort's are DejaVu Sans's again). */
export const LETTER_FAMILIES = FAMILIES.map((f) => f.family);

/** What every text of a report is set in: each character from the first of these families that has it. */
export const REPORT_FONTS = [...LETTER_FAMILIES, LAST_RESORT.family];

/**
 * What a run of Arabic-script letters (Arabic, Urdu, Persian, Pashto names) is set in. react-pdf picks
 * a family per character, so an Urdu name whose ہ or ے only Noto Sans Arabic has would mix two fonts
 * in one word and its letters would not join; a run set in Noto Sans Arabic first is shaped as one.
 */
export const ARABIC_SCRIPT_FONTS = ['Noto Sans Arabic', ...REPORT_FONTS.filter((family) => family !== 'Noto Sans Arabic')];

/** Every font file the reports read, in resources/fonts (each named, with its licence, in its LICENSE). */
export const REPORT_FONT_FILES = [...new Set(FAMILIES.flatMap((f) => f.faces.map((face) => face.file)))];

const REGULAR = FAMILIES[0]!.faces[0]!.file;

/** Every weight and style the reports ask for, so a family with fewer faces still answers each one. */
function allStyles(faces: Face[]): Face[] {
  const regular = faces.find((f) => !f.fontWeight && !f.fontStyle)!;
  const bold = faces.find((f) => f.fontWeight && !f.fontStyle) ?? regular;
  const italic = faces.find((f) => !f.fontWeight && f.fontStyle) ?? regular;
  const boldItalic = faces.find((f) => f.fontWeight && f.fontStyle) ?? bold;
  return [
    { file: regular.file },
    { file: bold.file, fontWeight: 'bold' },
    { file: italic.file, fontStyle: 'italic' },
    { file: boldItalic.file, fontWeight: 'bold', fontStyle: 'italic' },
  ];
}

/**
 * The bundled fonts' folder, never the network: beside the installed app (electron-builder copies
 * resources/fonts to <resources>/fonts), or resources/fonts in the checkout (dev, browser mode, tests),
 * found by walking up from this file (source or out/main).
 */
export function findFontsFolder(from = dirname(fileURLToPath(import.meta.url))): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  const candidates = packaged ? [join(packaged, 'fonts')] : [];
  for (let dir = from; ; dir = dirname(dir)) {
    candidates.push(join(dir, 'resources', 'fonts'), join(dir, 'fonts'));
    if (dirname(dir) === dir) break;
  }
  const found = candidates.find((folder) => existsSync(join(folder, REGULAR)));
  if (!found) throw new Error(`The report fonts (${REGULAR}) are missing from Key Desk's resources.`);
  return found;
}

let registered: string | null = null;

/**
 * Registers the bundled fonts, and turns off hyphenation so names are never split. Called before
 * every render: react-pdf keeps each font's parsed glyphs between documents, and after one document
 * has drawn a composite glyph (Ñ) the next one can lose the plain letter (N) it is built from. Fresh
 * font objects per document avoid that, for a few milliseconds of reading the font files.
 */
export function registerReportFonts(folder = registered ?? findFontsFolder()): void {
  const store = Font.getRegisteredFonts() as Record<string, unknown>;
  for (const { family, faces } of [...FAMILIES, LAST_RESORT]) {
    // Drops only our families (the other standard PDF fonts stay registered); the store hands out its own table.
    delete store[family];
    Font.register({ family, fonts: allStyles(faces).map(({ file, ...style }) => ({ src: join(folder, file), ...style })) });
  }
  Font.registerHyphenationCallback((word) => [word]);
  registered = folder;
}
