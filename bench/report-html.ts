import type { FireListData, FireListPupil, FireListStaff } from '../electron/core/reports/kinds';

/**
 * The same report as an HTML page, for timing Chromium's own page.pdf() beside react-pdf: the same
 * text and tables, the header and footer on every page, an inline SVG where the PDF draws a chart.
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

function pupilTable(pupils: readonly FireListPupil[], empty: string): string {
  if (pupils.length === 0) return `<p>${esc(empty)}</p>`;
  const rows = pupils
    .map((p) => `<tr><td><div class="tick"></div></td><td>${esc(p.name)}</td><td>${esc(p.yearGroup)}</td><td>${esc(p.mark || 'Not marked')}</td><td class="muted">${esc(p.homeSchoolName ?? '')}</td></tr>`)
    .join('');
  return `<table><thead><tr><th>✓</th><th>Name</th><th>Year</th><th>Register</th><th>Home school</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const staffTable = (staff: readonly FireListStaff[], empty: string) =>
  staff.length === 0 ? `<p>${esc(empty)}</p>` : `<table>${staff.map((m) => `<tr><td><div class="tick"></div></td><td>${esc(m.name)}</td><td class="muted">${esc(m.roles)}</td></tr>`).join('')}</table>`;

/** A small bar chart as inline SVG: the counts the PDF shows as figures. */
function countsChart(values: ReadonlyArray<[string, number]>): string {
  const max = Math.max(1, ...values.map(([, v]) => v));
  const bars = values
    .map(([label, v], i) => `<rect x="${10 + i * 60}" y="${100 - (v / max) * 80}" width="40" height="${(v / max) * 80}" fill="#333"/><text x="${30 + i * 60}" y="115" font-size="8" text-anchor="middle">${esc(label)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="260" height="120" role="img">${bars}</svg>`;
}

export function fireListHtml(data: FireListData): string {
  const pupils = data.onSite.length + data.notYetMarked.length;
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Fire list</title><style>${HTML_STYLE}</style></head><body>
  <h1>Fire list: ${esc(data.baseName)}</h1>
  <p>${esc(data.session ?? `No register today (${data.noSchool ?? 'not a school day'}): no pupils are expected.`)}</p>
  <p class="muted">Produced ${esc(data.producedAt)}. Tick each person at the assembly point.</p>
  <div class="counts"><div><b>${data.onSite.length}</b>Pupils marked present</div><div><b>${data.notYetMarked.length}</b>Pupils expected, not yet marked</div><div><b>${pupils}</b>Pupils to account for</div><div><b>${data.signedIn.length + data.baseStaff.length}</b>Staff listed</div></div>
  ${countsChart([['Present', data.onSite.length], ['Not marked', data.notYetMarked.length], ['Absent', data.notOnSite]])}
  <h2>Pupils on site (marked present or late)</h2>${pupilTable(data.onSite, "No pupil is marked present in this session's register.")}
  <h2>Not yet marked: expected this session, check whether they are in</h2>${pupilTable(data.notYetMarked, 'None: every expected pupil has a mark.')}
  <h2>Staff</h2><p class="muted">Signed in to Key Desk on this PC:</p>${staffTable(data.signedIn, 'Nobody.')}
  <p class="muted">Others who work at this base:</p>${staffTable(data.baseStaff, 'No other staff are listed at this base.')}
  </body></html>`;
}

/** What Chromium prints on every page: the marking and name in the header, page x of y and the date in the footer. */
export function htmlHeaderFooter(subject: string, producedAt: string): { headerTemplate: string; footerTemplate: string } {
  const box = 'font-size:8px;width:100%;padding:0 14mm;display:flex;justify-content:space-between;font-family:DejaVu Sans,sans-serif';
  return {
    headerTemplate: `<div style="${box}"><b>OFFICIAL-SENSITIVE</b><span>${esc(subject)}</span></div>`,
    footerTemplate: `<div style="${box}"><span>Produced by Key Desk on ${esc(producedAt)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
  };
}
