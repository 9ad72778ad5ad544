import Papa from 'papaparse';
import { UserError } from '../errors';
import { unescapedCell } from '../../../shared/csv';

/** One spreadsheet row as read: `line` is the row number a spreadsheet shows (the header is row 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export interface CsvFile {
  /** The header row as written in the file. */
  headers: string[];
  /** The rows after the header, blank rows left out. */
  records: CsvRecord[];
}

const NOT_CSV =
  'That file is not a CSV file (it may be an Excel workbook). In Excel, choose File, Save As, then the type "CSV UTF-8", and choose the saved file.';
const NOT_UTF8 =
  'Some characters in that file cannot be read: it was not saved as UTF-8. In Excel, choose File, Save As, then the type "CSV UTF-8", and choose the saved file.';

/** Text with NULs or many control characters is a binary file (a workbook, a PDF, a picture) read as text. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  const controls = sample.match(/[\u0001-\u0008\u000b\u000e-\u001f\u007f]/g)?.length ?? 0;
  return controls > sample.length / 100;
}

/**
 * The separator: Excel writes `sep=;` as a first line when asked, and in countries that use a decimal
 * comma saves "CSV" with semicolons. Otherwise whichever of comma, semicolon or tab the header row
 * uses most (a header seldom quotes anything, unlike a notes column).
 */
function separatorOf(text: string): { delimiter: string; body: string } {
  const hint = /^sep=(.)\r?\n/i.exec(text);
  if (hint) return { delimiter: hint[1] as string, body: text.slice(hint[0].length) };
  const header = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const count = (sep: string) => header.split(sep).length - 1;
  const best = [',', ';', '\t'].sort((a, b) => count(b) - count(a))[0] as string;
  return { delimiter: count(best) > 0 ? best : ',', body: text };
}

const isBlank = (cells: readonly string[]) => cells.every((cell) => cell.trim() === '');

/**
 * Reads a spreadsheet saved as CSV: a UTF-8 byte-order mark is dropped, the separator is found, and
 * blank rows are skipped while keeping each row's number as the spreadsheet shows it. A file that is
 * not text, or not UTF-8, is refused as a whole with a message saying how to save it.
 */
export function readCsvFile(text: string): CsvFile {
  const unmarked = text.replace(/^\uFEFF/, '');
  if (looksBinary(unmarked)) throw new UserError('INVALID_INPUT', NOT_CSV, 'csv');
  // The renderer decodes the file as UTF-8: anything else (Excel's older "CSV" is Windows-1252) shows as U+FFFD.
  if (unmarked.includes('\uFFFD')) throw new UserError('INVALID_INPUT', NOT_UTF8, 'csv');
  const { delimiter, body } = separatorOf(unmarked);
  const parsed = Papa.parse<string[]>(body, { delimiter, header: false, skipEmptyLines: false });
  const quote = parsed.errors.find((e) => e.type === 'Quotes');
  if (quote) {
    const where = quote.row !== undefined ? `row ${quote.row + 1}` : 'the file';
    throw new UserError('INVALID_INPUT', `A quotation mark in ${where} is never closed, so the rows after it cannot be read. Check that row in the spreadsheet.`, 'csv');
  }
  const rows = parsed.data.map((cells, i) => ({ line: i + 1, cells }));
  const headerAt = rows.findIndex((row) => !isBlank(row.cells));
  if (headerAt < 0) throw new UserError('INVALID_INPUT', 'The file is empty.', 'csv');
  return {
    headers: (rows[headerAt] as CsvRecord).cells.map((cell) => cell.trim()),
    records: rows.slice(headerAt + 1).filter((row) => !isBlank(row.cells)),
  };
}

/** A header compared as staff mean it: "Date of birth", "DATE OF BIRTH" and "date_of_birth" are one column. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A cell's text as staff typed it. Key Desk's exports put a quote before text a spreadsheet would run
 * as a formula; reading it back takes the quote off, so export then import gives the same record.
 */
export function cellText(cell: string | undefined): string {
  const text = (cell ?? '').trim();
  return unescapedCell(text);
}
