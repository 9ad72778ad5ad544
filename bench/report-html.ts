/**
 * What the HTML pages timed with Chromium's own page.pdf() share (bench only): escaping, the page
 * style, and the header and footer on every page, as the PDFs have them.
 */
export const esc = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export const HTML_STYLE = `
  @page { size: A4; margin: 18mm 14mm; }
  body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; color: #000; }
  h1 { font-size: 20pt; margin: 0; } h2 { font-size: 12pt; margin: 10pt 0 3pt; }
  .muted { color: #555; } table { width: 100%; border-collapse: collapse; }
  th { text-align: left; font-size: 8pt; border-bottom: 1pt solid #000; }
  td { border-bottom: 0.5pt solid #bbb; padding: 2.5pt 0; } .tick { width: 11pt; height: 11pt; border: 1pt solid #000; }
  .counts { display: flex; border: 1.5pt solid #000; margin: 10pt 0 6pt; } .counts div { flex: 1; padding: 6pt; }
  .counts b { font-size: 18pt; display: block; }`;

/** What Chromium prints on every page: the marking and name in the header, page x of y and the date in the footer. */
export function htmlHeaderFooter(subject: string, producedAt: string): { headerTemplate: string; footerTemplate: string } {
  const box = 'font-size:8px;width:100%;padding:0 14mm;display:flex;justify-content:space-between;font-family:DejaVu Sans,sans-serif';
  return {
    headerTemplate: `<div style="${box}"><b>OFFICIAL-SENSITIVE</b><span>${esc(subject)}</span></div>`,
    footerTemplate: `<div style="${box}"><span>Produced by Key Desk on ${esc(producedAt)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}
