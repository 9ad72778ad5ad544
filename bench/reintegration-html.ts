import type { ChartTable, WeeklyChart } from '../shared/domain/attendance-charts';
import type { OutcomeRatingsChart, SdqChart } from '../shared/domain/plan-charts';
import type { LabelledText, ReintegrationData } from '../electron/core/reports/reintegration-data';
import { esc, HTML_STYLE } from './report-html';

/**
 * The reintegration report as one HTML page (tables, inline SVG charts), for timing Chromium's own
 * page.pdf() beside react-pdf on the same content. Not shipped: the app draws PDFs with react-pdf.
 */
const labelled = (rows: readonly LabelledText[]) =>
  `<table>${rows.map((r) => `<tr><th style="width:35%">${esc(r.label)}</th><td>${esc(r.text)}</td></tr>`).join('')}</table>`;

const table = (t: ChartTable | null, none: string | null) =>
  t
    ? `<table><caption>${esc(t.caption)}</caption><thead><tr>${t.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>${t.rows
        .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    : `<p>${esc(none ?? '')}</p>`;

/** Lines over an x axis of `count` points, y from `domain`: the same numbers the PDF's chart draws. */
function lineSvg(count: number, domain: readonly [number, number], series: ReadonlyArray<{ values: Array<number | null>; dash: string }>): string {
  const w = 480;
  const h = 160;
  const x = (i: number) => 30 + (count <= 1 ? 0 : (i / (count - 1)) * (w - 40));
  const y = (v: number) => h - 20 - ((v - domain[0]) / (domain[1] - domain[0] || 1)) * (h - 30);
  const paths = series
    .map((s) => {
      const points = s.values.flatMap((v, i) => (v === null ? [] : [`${x(i).toFixed(1)},${y(v).toFixed(1)}`]));
      return `<polyline fill="none" stroke="#000" stroke-width="1.2" stroke-dasharray="${s.dash}" points="${points.join(' ')}"/>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><line x1="30" y1="${h - 20}" x2="${w - 10}" y2="${h - 20}" stroke="#000"/><line x1="30" y1="10" x2="30" y2="${h - 20}" stroke="#000"/>${paths}</svg>`;
}

const weeklySvg = (c: WeeklyChart) => lineSvg(c.weeks.length, c.domain, c.series);
const ratingsSvg = (c: OutcomeRatingsChart) => lineSvg(c.reviews.length, c.domain, c.series);

function sdqSvg(chart: SdqChart): string {
  const rows = chart.scales
    .map((s, i) => {
      const y = 10 + i * 22;
      const bar = (v: number, dy: number, fill: string) => `<rect x="140" y="${y + dy}" width="${(v / s.max) * 300}" height="8" fill="${fill}"/>`;
      return `<text x="0" y="${y + 9}" font-size="9">${esc(s.label)}</text>${bar(s.baseline, 0, '#999')}${s.latest === null ? '' : bar(s.latest, 9, '#000')}`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="460" height="${20 + chart.scales.length * 22}">${rows}</svg>`;
}

export function reintegrationHtml(d: ReintegrationData): string {
  const a = d.attendance;
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Reintegration report</title><style>${HTML_STYLE}</style></head><body>
  <h1>Reintegration report</h1><h2>${esc(d.pupilName)}</h2>${labelled(d.cover)}
  <h2>Summary of needs</h2>${d.noPlan ? `<p>${esc(d.noPlan)}</p>` : labelled(d.needs)}
  <h2>What has helped</h2>${d.noPlan ? `<p>${esc(d.noPlan)}</p>` : labelled(d.helped)}
  <h2>Attendance</h2>${a.figures ? `<p>${a.figures.attended} of ${a.figures.possible} sessions: ${esc(a.figures.percent)}</p>${weeklySvg(a.chart)}${table(a.chart.table, null)}` : '<p>No attendance recorded at the Key yet.</p>'}
  ${a.before ? `<p>Term before: attendance ${esc(a.before.attendance)}, suspensions ${esc(a.before.suspensions)}</p>` : ''}
  <h2>My Support Plan outcomes</h2>${d.outcomes ? `${ratingsSvg(d.outcomes)}${table(d.outcomes.table, null)}` : `<p>${esc(d.outcomesNone ?? '')}</p>`}
  <h2>SEMH measures</h2>${d.sdq.map((s) => `<h3>${esc(s.title)}</h3>${sdqSvg(s)}${table(s.table, null)}`).join('') || `<p>${esc(d.sdqNone ?? '')}</p>`}
  ${table(d.leuven, null)}${table(d.boxall, null)}
  <h2>Recommendations for the school</h2><p>${esc(d.recommendations || 'Not written yet.')}</p>
  <h2>Phased return</h2>${d.timetable.length ? `<table><thead><tr><th>Weeks</th><th>Dates</th><th>Mon</th><th>Tue</th><th>Wed</th><th>Thu</th><th>Fri</th></tr></thead><tbody>${d.timetable.map((w) => `<tr><td>${esc(w.weeks)}</td><td>${esc(w.dates)}</td>${w.days.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`).join('')}</tbody></table>` : `<p>${esc(d.timetableNone ?? '')}</p>`}
  <h2>Follow-up visits</h2>${table(d.followUps, d.followUpsNone)}
  <h2>Sign-off</h2><table>${d.signOff.map((s) => `<tr><th>${esc(s.role)}</th><td>${esc(s.name)}</td><td>Signed: ________</td><td>Date: ________</td></tr>`).join('')}</table>
  </body></html>`;
}
