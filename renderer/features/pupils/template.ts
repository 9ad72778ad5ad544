import { toCsv } from '../../../shared/csv';
import { downloadCsv } from '../audit/download';

/** The columns the import reads, named exactly as the core accepts them, in the order of the template. */
export const IMPORT_COLUMNS = [
  'Legal first name',
  'Legal last name',
  'Preferred name',
  'Date of birth',
  'Gender',
  'UPN',
  'Home school',
  'SEN status',
  'Child in care',
  'Pathway',
  'Notes',
] as const;

/** A spreadsheet with just the header row, for staff to fill in. */
export function downloadTemplate(): void {
  downloadCsv('key-desk-pupils-template.csv', `${toCsv(IMPORT_COLUMNS, [])}\r\n`);
}
