import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Font } from '@react-pdf/renderer';

/** The one family every report uses: DejaVu Sans covers accented, Greek, Cyrillic and Arabic names. */
export const REPORT_FONT = 'DejaVu Sans';
/** For letters DejaVu Sans lacks (Chinese, Japanese, Korean names): each glyph falls back to this. */
export const FALLBACK_FONT = 'Droid Sans Fallback';
/** What a page's text is set in: DejaVu Sans, and the fallback glyph by glyph where it has none. */
export const REPORT_FONTS = [REPORT_FONT, FALLBACK_FONT];

const REGULAR = 'DejaVuSans.ttf';

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
  // Drops only our family (the standard PDF fonts stay registered); the store hands out its own table.
  delete (Font.getRegisteredFonts() as Record<string, unknown>)[REPORT_FONT];
  delete (Font.getRegisteredFonts() as Record<string, unknown>)[FALLBACK_FONT];
  Font.register({
    family: REPORT_FONT,
    fonts: [
      { src: join(folder, REGULAR) },
      { src: join(folder, 'DejaVuSans-Bold.ttf'), fontWeight: 'bold' },
      { src: join(folder, 'DejaVuSans-Oblique.ttf'), fontStyle: 'italic' },
    ],
  });
  // One face serves every weight and style the reports ask for (it has no bold or italic of its own).
  const fallback = join(folder, 'DroidSansFallbackFull.ttf');
  Font.register({
    family: FALLBACK_FONT,
    fonts: [{ src: fallback }, { src: fallback, fontWeight: 'bold' }, { src: fallback, fontStyle: 'italic' }, { src: fallback, fontWeight: 'bold', fontStyle: 'italic' }],
  });
  Font.registerHyphenationCallback((word) => [word]);
  registered = folder;
}
