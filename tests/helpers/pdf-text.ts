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
