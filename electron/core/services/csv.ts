import Papa from 'papaparse';

/**
 * Rows as CSV for a spreadsheet, columns in the order given. Cells a spreadsheet would run as a
 * formula (starting =, +, -, @, tab or carriage return) are escaped with a leading quote
 * (papaparse's escapeFormulae), so an export cannot carry a formula into Excel. The byte-order mark
 * that makes Excel read UTF-8 is added when the file is saved (renderer/features/audit/download.ts).
 */
export function toCsv<C extends string>(columns: readonly C[], rows: ReadonlyArray<Record<C, string>>): string {
  return Papa.unparse(rows as Array<Record<C, string>>, { escapeFormulae: true, columns: [...columns] });
}
