import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Opens PDF bytes with pdfjs-dist (no worker thread, no network). */
async function open(pdf: Uint8Array) {
  // pdfjs takes ownership of the array it is given: hand it a copy.
  return getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
}

/** Each page's text, its pieces joined with spaces (lines as pdfjs reports them). */
export async function pdfPages(pdf: Uint8Array): Promise<string[]> {
  const doc = await open(pdf);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      const pieces = content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : ''));
      pages.push(pieces.join(' ').replace(/[ \t]+/g, ' '));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** The whole document's text. */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfPages(pdf)).join('\n');
}

/** How many images (raster XObjects, inline images) the pages paint: 0 for a vector-only PDF. */
export async function pdfImageCount(pdf: Uint8Array): Promise<number> {
  const doc = await open(pdf);
  const imageOps = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);
  try {
    let images = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const ops = await (await doc.getPage(n)).getOperatorList();
      images += ops.fnArray.filter((fn) => imageOps.has(fn)).length;
    }
    return images;
  } finally {
    await doc.destroy();
  }
}

/** One glyph a page draws: the text it stands for, its font, and whether that font is embedded. */
export interface DrawnGlyph {
  text: string;
  font: string;
  embedded: boolean;
  /** The glyph's code in its font; 0 is .notdef (the empty box) in the subsets react-pdf embeds. */
  code: number;
}

/** Every glyph the pages draw, in drawing order (what the eye sees, left to right in each run). */
export async function pdfGlyphs(pdf: Uint8Array): Promise<DrawnGlyph[]> {
  const doc = await open(pdf);
  try {
    const glyphs: DrawnGlyph[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      let font = { name: '', embedded: false };
      for (let i = 0; i < ops.fnArray.length; i++) {
        const args = ops.argsArray[i] as unknown[];
        if (ops.fnArray[i] === OPS.setFont) {
          const loaded = page.commonObjs.get(args[0] as string) as { name: string; missingFile?: boolean };
          font = { name: loaded.name, embedded: !loaded.missingFile };
        }
        if (ops.fnArray[i] !== OPS.showText) continue;
        for (const glyph of args[0] as Array<{ unicode: string; originalCharCode: number } | number | null>) {
          if (glyph && typeof glyph === 'object') glyphs.push({ text: glyph.unicode, font: font.name, embedded: font.embedded, code: glyph.originalCharCode });
        }
      }
    }
    return glyphs;
  } finally {
    await doc.destroy();
  }
}

/** A run of text on a page and where it is drawn, in points from the page's left edge. */
export interface PlacedText {
  text: string;
  left: number;
  right: number;
}

/** Each run of text on one page (1 = the first) with its left and right edges, to check how far apart things are drawn. */
export async function pdfPlacedText(pdf: Uint8Array, pageNumber = 1): Promise<PlacedText[]> {
  const doc = await open(pdf);
  try {
    const content = await (await doc.getPage(pageNumber)).getTextContent();
    return content.items.flatMap((item) => ('str' in item && item.str.trim() ? [{ text: item.str, left: item.transform[4] as number, right: (item.transform[4] as number) + item.width }] : []));
  } finally {
    await doc.destroy();
  }
}
