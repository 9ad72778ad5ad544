import { z } from 'zod';
import { contactFieldsSchema, pupilFieldsSchema, type Contact, type Pupil, type PupilSummary } from '../../domain/pupil-record';
import { schoolFieldsSchema, type School } from '../../domain/schools';
import type { Placement } from '../../domain/placements';
import { call, csvText, id } from './common';

/** One row of a CSV import as the preview shows it: what will be added, or why the row is refused. */
export interface ImportRow {
  /** The row number as a spreadsheet shows it (the header is row 1). */
  line: number;
  name: string;
  dateOfBirth: string | null;
  homeSchool: string | null;
  errors: Array<{ column: string; message: string }>;
}

export interface ImportPreview {
  rows: ImportRow[];
  valid: number;
  invalid: number;
  /** Home schools named in the file that are not on record yet: importing adds them. */
  newSchools: string[];
  /** Columns in the file that Key Desk does not read. */
  ignoredColumns: string[];
  /**
   * Home schools the file names that are not on record by that name but look like one that is
   * ("Elmfield Primary" for Elmfield Primary School): staff choose which, or to add it as new.
   */
  schoolMatches: SchoolMatch[];
}

export interface SchoolMatch {
  /** The school as the file first writes it. */
  written: string;
  /** The rows that name it (as the spreadsheet numbers them), among those that can be imported. */
  lines: number[];
  /** The schools on record it may be, by name. Importing uses the first unless told otherwise. */
  onRecord: Array<{ id: string; name: string }>;
}

/** What staff chose for a school in schoolMatches: one of those on record, or add it as a new school. */
export const schoolChoiceSchema = z
  .object({
    written: z.string().max(200),
    use: z.union([id('school'), z.literal('new')]),
  })
  .strict();
export type SchoolChoice = z.infer<typeof schoolChoiceSchema>;

export interface PupilPage {
  pupil: Pupil;
  contacts: Contact[];
  /** Newest first: the open one (if any) is first. */
  placements: Placement[];
}

export interface PossibleDuplicate {
  id: string;
  name: string;
  dateOfBirth: string;
}

const pupilFields = pupilFieldsSchema.strict();

export const pupilCalls = {
  'schools.list': call<School[]>()(z.object({}).strict().optional()),
  'schools.create': call<School>()(schoolFieldsSchema.strict()),
  'schools.update': call<School>()(schoolFieldsSchema.partial().extend({ id: id('school') }).strict()),

  'pupils.list': call<PupilSummary[]>()(z.object({}).strict().optional()),
  'pupils.get': call<PupilPage>()(z.object({ id: id('pupil') }).strict()),
  /** Pupils already on record with this name and date of birth: the form warns and links to them. */
  'pupils.findDuplicates': call<PossibleDuplicate[]>()(
    pupilFieldsSchema.pick({ legalFirstName: true, legalLastName: true, dateOfBirth: true }).strict(),
  ),
  'pupils.create': call<Pupil>()(
    pupilFields.extend({
      /** Set once staff have seen the duplicate warning and still want a new record. */
      allowDuplicate: z.boolean().optional(),
    }),
  ),
  'pupils.update': call<Pupil>()(pupilFields.partial().extend({ id: id('pupil') }).strict()),

  'contacts.save': call<Contact>()(
    contactFieldsSchema
      .extend({ pupilId: id('pupil'), id: id('contact').optional() })
      .strict(),
  ),
  'contacts.remove': call<{ removed: true }>()(z.object({ id: id('contact') }).strict()),

  'pupils.importPreview': call<ImportPreview>()(z.object({ csv: csvText }).strict()),
  'pupils.import': call<{ imported: number; skipped: number; schoolsAdded: number }>()(
    z
      .object({
        csv: csvText,
        onlyValidRows: z.boolean().optional(),
        schoolChoices: z.array(schoolChoiceSchema).max(1000).optional(),
      })
      .strict(),
  ),
  'pupils.export': call<{ fileName: string; csv: string }>()(
    z.object({ ids: z.array(id('pupil')).max(100_000).optional() }).strict().optional(),
  ),
};
