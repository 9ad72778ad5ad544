import Papa from 'papaparse';

/**
 * Text a spreadsheet would run as a formula: anything that starts with = + - @, a tab or a carriage
 * return, whatever follows (a line break included: papaparse's own pattern, /^[=+\-@\t\r].*$/, misses
 * "=1+2\n+3" because `.` stops at the line break).
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as Key Desk reads it back: the quote an export put before a formula-like text comes off. */
export const unescapedCell = (text: string): string => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);

/**
 * Rows as CSV for a spreadsheet, columns in the order given: the one way Key Desk writes a CSV (pupil
 * export, audit export, the import template), so no cell, header included, can carry a formula into
 * Excel. The byte-order mark that makes Excel read UTF-8 is added when the file is saved
 * (renderer/features/audit/download.ts).
 */
export function toCsv<C extends string>(columns: readonly C[], rows: ReadonlyArray<Record<C, string>>): string {
  return Papa.unparse(rows as Array<Record<C, string>>, { escapeFormulae: FORMULA_START, columns: [...columns] });
}
