import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv, unescapedCell } from '../../shared/csv';

const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

/** What a spreadsheet runs as a formula, on one line and across several. */
const PAYLOADS = [
  '=1+2',
  '=1+2\n+3',
  '=HYPERLINK("http://example.invalid","Click me")\r\nsecond line',
  '+3\n=4',
  '-2+3\nmore',
  '@SUM(A1)\n',
  '\t=1+2\nmore',
  '\r=1+2\nmore',
  '=\n',
];

describe('toCsv', () => {
  it.each(PAYLOADS)('escapes %j whatever follows on later lines, and keeps the text', (payload) => {
    const rows = parse(toCsv(['Notes'], [{ Notes: payload }]));
    expect(rows).toEqual([['Notes'], [`'${payload}`]]);
    expect(unescapedCell(rows[1]![0]!)).toBe(payload);
  });

  it('escapes a header that would run as a formula', () => {
    expect(parse(toCsv(['=Name\nx'], [{ '=Name\nx': 'Ann' }]))[0]).toEqual(["'=Name\nx"]);
  });

  it('leaves other text alone, line breaks and a formula on a later line included', () => {
    const text = 'Likes Lego.\n=1+2 is on line two';
    expect(parse(toCsv(['Notes', 'Name'], [{ Notes: text, Name: "O'Neil" }]))).toEqual([['Notes', 'Name'], [text, "O'Neil"]]);
    expect(unescapedCell("O'Neil")).toBe("O'Neil");
    expect(unescapedCell("'quoted")).toBe("'quoted");
  });

  it('writes the header alone for no rows (the import template)', () => {
    expect(toCsv(['Legal first name', 'Notes'], [])).toBe('Legal first name,Notes');
  });
});
