import { randomUUID } from 'node:crypto';
import type { ImportPreview, ImportRow, SchoolChoice, SchoolMatch } from '../../../shared/api/specs/pupils';
import { formatUkDate, isIsoDate } from '../../../shared/domain/dates';
import { PLACEMENT_STATUS_LABELS } from '../../../shared/domain/placements';
import {
  dateOfBirthProblem,
  PATHWAY_LABELS,
  PATHWAYS,
  pupilFieldsSchema,
  SEN_STATUS_LABELS,
  SEN_STATUSES,
} from '../../../shared/domain/pupil-record';
import { yearGroupLabel } from '../../../shared/domain/pupils';
import { schoolMatchKey } from '../../../shared/domain/schools';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { insertPupil, listPupilNames, pupilsWithUpn, type PupilName, type PupilValues } from '../repositories/pupils';
import { insertSchool, listSchools } from '../repositories/schools';
import { toCsv } from '../../../shared/csv';
import { cellText, headerKey, readCsvFile, type CsvRecord } from './csv-file';
import { duplicateMessage, listVisiblePupils, nameKey, newPupilValues, upnClashMessage } from './pupils';
import type { PupilScope } from '../scope';

/** The columns Key Desk reads, in the order it writes them, with the other headings staff use for each. */
const COLUMNS = [
  { field: 'legalFirstName', label: 'Legal first name', also: ['First name', 'Forename', 'Forenames', 'Given name'] },
  { field: 'legalLastName', label: 'Legal last name', also: ['Last name', 'Surname', 'Family name'] },
  { field: 'preferredName', label: 'Preferred name', also: ['Known as'] },
  { field: 'dateOfBirth', label: 'Date of birth', also: ['DOB', 'Birth date'] },
  { field: 'gender', label: 'Gender', also: [] },
  { field: 'upn', label: 'UPN', also: ['Unique pupil number'] },
  { field: 'homeSchool', label: 'Home school', also: ['School'] },
  { field: 'senStatus', label: 'SEN status', also: ['SEN', 'SEND'] },
  { field: 'childInCare', label: 'Child in care', also: ['In care', 'Looked after child', 'CLA', 'CIC'] },
  { field: 'pathway', label: 'Pathway', also: [] },
  { field: 'notes', label: 'Notes', also: ['Note', 'Comments'] },
] as const;

type Field = (typeof COLUMNS)[number]['field'];
const REQUIRED: readonly Field[] = ['legalFirstName', 'legalLastName', 'dateOfBirth'];
const LABEL = Object.fromEntries(COLUMNS.map((c) => [c.field, c.label])) as Record<Field, string>;
const FIELD_BY_KEY = new Map<string, Field>(COLUMNS.flatMap((c) => [c.label, ...c.also].map((h) => [headerKey(h), c.field] as const)));

/** Words staff write for each choice, compared as header keys (letters and digits only). */
function choices<T extends string>(keys: readonly T[], labels: Record<T, string>, extra: Record<string, T>): Map<string, T> {
  const map = new Map<string, T>();
  for (const key of keys) {
    map.set(headerKey(key), key);
    map.set(headerKey(labels[key]), key);
  }
  for (const [word, key] of Object.entries(extra)) map.set(headerKey(word), key);
  return map;
}

const SEN_WORDS = choices(SEN_STATUSES, SEN_STATUS_LABELS, {
  '': 'none',
  no: 'none',
  n: 'none',
  'n/a': 'none',
  SEN: 'sen-support',
  support: 'sen-support',
  K: 'sen-support',
  'My Support Plan': 'sen-support',
  MSP: 'sen-support',
  EHC: 'ehcp',
  'EHC plan': 'ehcp',
  E: 'ehcp',
  'Education, Health and Care Plan': 'ehcp',
});
const PATHWAY_WORDS = choices(PATHWAYS, PATHWAY_LABELS, {
  '': 'early-intervention',
  early: 'early-intervention',
  'Targeted early intervention': 'early-intervention',
  SEMH: 'specialist-semh',
  specialist: 'specialist-semh',
  PEX: 'permanently-excluded',
  excluded: 'permanently-excluded',
  'Permanent exclusion': 'permanently-excluded',
});
const YES_NO = new Map<string, boolean>([
  ['', false],
  ['no', false],
  ['n', false],
  ['false', false],
  ['0', false],
  ['yes', true],
  ['y', true],
  ['true', true],
  ['1', true],
]);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * dd/mm/yyyy or d/m/yyyy (also with - or .) as spreadsheets write them, or ISO; Excel may add a
 * midnight time. A date written the right way that is not in the calendar (31/02/2019) says so.
 */
export function readCsvDate(text: string): { date: string } | { problem: 'unreadable' | 'not-real'; why?: string } {
  const time = '(?:[ T]00:00(?::00(?:\\.0+)?)?)?';
  const iso = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${time}$`).exec(text);
  const uk = new RegExp(`^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})${time}$`).exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2], uk[1]] : [];
  if (!y || !m || !d) return { problem: 'unreadable' };
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (isIsoDate(date)) return { date };
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  // Years before 100 are no one's date of birth, and JavaScript's Date would read them as 19xx.
  if (year < 100) return { problem: 'unreadable' };
  if (month < 1 || month > 12) return { problem: 'not-real', why: `there is no month ${month}` };
  if (day < 1) return { problem: 'not-real', why: `there is no day ${day}` };
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { problem: 'not-real', why: `${MONTHS[month - 1]} ${year} has ${days} days` };
}

interface Layout {
  headers: string[];
  /** Which cell holds each column Key Desk reads. */
  at: Map<Field, number>;
  ignored: string[];
}

function layoutOf(headers: string[]): Layout {
  const at = new Map<Field, number>();
  const ignored: string[] = [];
  headers.forEach((header, i) => {
    const field = FIELD_BY_KEY.get(headerKey(header));
    // A second column for the same thing (First name beside Legal first name) is not read.
    if (field && !at.has(field)) at.set(field, i);
    else if (header !== '') ignored.push(header);
  });
  const missing = REQUIRED.filter((field) => !at.has(field)).map((field) => LABEL[field]);
  if (missing.length > 0) {
    const list = missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')} or ${missing.at(-1)}`;
    throw new UserError(
      'INVALID_INPUT',
      `The file has no ${list} column. The first row must name the columns, for example: ${REQUIRED.map((f) => LABEL[f]).join(', ')}.`,
      'csv',
    );
  }
  return { headers, at, ignored };
}

/** One row checked: what the preview shows, and what the import writes if the row is valid. */
interface CheckedRow {
  row: ImportRow;
  values: PupilValues | null;
  /** The home school as the file names it, when no school on record has exactly that name. */
  newSchool: string | null;
}

interface Known {
  schools: Map<string, { id: string; name: string }>;
  /** Schools on record by schoolMatchKey: where a name not on record may be one that is. */
  schoolsLike: Map<string, Array<{ id: string; name: string }>>;
  names: Map<string, PupilName>;
  upns: Map<string, PupilName>;
  /** Name keys and UPNs of earlier rows in the file, with their row numbers. */
  seenNames: Map<string, number>;
  seenUpns: Map<string, number>;
}

const schoolKey = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');

/** The same checks as pupils.create, on one row, with each problem against the column as the file heads it. */
function checkRow(record: CsvRecord, layout: Layout, known: Known, scope: PupilScope, today: string): CheckedRow {
  const cell = (field: Field) => {
    const i = layout.at.get(field);
    return i === undefined ? '' : cellText(record.cells[i]);
  };
  const errors: ImportRow['errors'] = [];
  const fault = new Set<Field>();
  const problem = (field: Field, message: string) => {
    if (fault.has(field)) return;
    fault.add(field);
    const at = layout.at.get(field);
    errors.push({ column: (at === undefined ? undefined : layout.headers[at]) ?? LABEL[field], message });
  };

  const dobText = cell('dateOfBirth');
  const dobRead = readCsvDate(dobText);
  const dateOfBirth = 'date' in dobRead ? dobRead.date : null;
  if (!dobText) problem('dateOfBirth', 'Enter the date of birth.');
  else if ('problem' in dobRead && dobRead.problem === 'not-real') problem('dateOfBirth', `${dobText} is not a real date: ${dobRead.why}.`);
  else if (!dateOfBirth) problem('dateOfBirth', `${dobText} is not a date Key Desk can read: enter the date of birth as dd/mm/yyyy.`);
  else {
    const tooYoungOrOld = dateOfBirthProblem(dateOfBirth, today);
    if (tooYoungOrOld) problem('dateOfBirth', tooYoungOrOld);
  }
  const senStatus = SEN_WORDS.get(headerKey(cell('senStatus')));
  if (!senStatus) problem('senStatus', 'Write None, SEN support or EHCP.');
  const childInCare = YES_NO.get(cell('childInCare').toLowerCase());
  if (childInCare === undefined) problem('childInCare', 'Write yes or no (or leave it blank for no).');
  const pathway = PATHWAY_WORDS.get(headerKey(cell('pathway')));
  if (!pathway) problem('pathway', `Write ${PATHWAYS.map((p) => PATHWAY_LABELS[p]).join(', ').replace(/, ([^,]*)$/, ' or $1')}.`);
  const schoolText = cell('homeSchool').replace(/\s+/g, ' ');
  if (schoolText.length > 100) problem('homeSchool', 'A school name can be at most 100 characters.');
  const school = schoolText ? known.schools.get(schoolKey(schoolText)) : undefined;
  // Not on record by that name, but perhaps by another spelling: the preview offers the likeliest.
  const like = schoolText && !school ? known.schoolsLike.get(schoolMatchKey(schoolText)) : undefined;

  const parsed = pupilFieldsSchema.safeParse({
    legalFirstName: cell('legalFirstName'),
    legalLastName: cell('legalLastName'),
    preferredName: cell('preferredName'),
    // A date of birth that cannot be read is reported above: stand in a readable one so it is not reported twice.
    dateOfBirth: dateOfBirth ?? '2000-01-01',
    gender: cell('gender'),
    upn: cell('upn'),
    notes: cell('notes'),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problem(issue.path[0] as Field, issue.message);
  }
  const fields = parsed.success ? parsed.data : null;

  if (fields?.upn) {
    const other = known.upns.get(fields.upn);
    const earlier = known.seenUpns.get(fields.upn);
    if (other) problem('upn', upnClashMessage(scope.all ? other : null));
    else if (earlier !== undefined) problem('upn', `Row ${earlier} has the same UPN.`);
    else known.seenUpns.set(fields.upn, record.line);
  }
  if (fields && dateOfBirth) {
    const key = nameKey(fields.legalFirstName, fields.legalLastName, dateOfBirth);
    const existing = known.names.get(key);
    const earlier = known.seenNames.get(key);
    if (existing) problem('legalLastName', duplicateMessage(scope.all ? existing : null, 'import'));
    else if (earlier !== undefined) problem('legalLastName', `Row ${earlier} has the same name and date of birth.`);
    else known.seenNames.set(key, record.line);
  }

  const first = cell('legalFirstName');
  const last = cell('legalLastName');
  const row: ImportRow = {
    line: record.line,
    name: `${cell('preferredName') || first} ${last}`.trim(),
    dateOfBirth,
    homeSchool: school?.name ?? like?.[0]?.name ?? (schoolText || null),
    errors,
  };
  const valid = errors.length === 0 && fields !== null && dateOfBirth !== null;
  return {
    row,
    values: valid
      ? newPupilValues({ ...fields, dateOfBirth, senStatus, childInCare, pathway, homeSchoolId: school?.id ?? null }, 0)
      : null,
    newSchool: valid && schoolText && !school ? schoolText : null,
  };
}

async function checkFile(db: Db, scope: PupilScope, csv: string, today: string): Promise<{ preview: ImportPreview; checked: CheckedRow[] }> {
  const file = readCsvFile(csv);
  const layout = layoutOf(file.headers);
  const schools = await listSchools(db);
  const schoolsLike = new Map<string, Array<{ id: string; name: string }>>();
  for (const s of schools) {
    const key = schoolMatchKey(s.name);
    schoolsLike.set(key, [...(schoolsLike.get(key) ?? []), { id: s.id, name: s.name }]);
  }
  const known: Known = {
    schools: new Map(schools.map((s) => [schoolKey(s.name), s])),
    schoolsLike,
    names: new Map((await listPupilNames(db)).map((p) => [nameKey(p.legalFirstName, p.legalLastName, p.dateOfBirth), p])),
    upns: await pupilsWithUpn(db),
    seenNames: new Map(),
    seenUpns: new Map(),
  };
  const checked = file.records.map((record) => checkRow(record, layout, known, scope, today));
  // Only the schools of rows that can be imported: those are the ones importing adds or matches.
  // Spellings of one school ("Elmfield Primary", "Elmfield Primary School") count once, as first written.
  const newSchools = new Map<string, string>();
  const matches = new Map<string, SchoolMatch>();
  for (const c of checked) {
    if (!c.newSchool) continue;
    const key = schoolMatchKey(c.newSchool);
    const onRecord = schoolsLike.get(key);
    if (onRecord) {
      const match = matches.get(key) ?? { written: c.newSchool, lines: [], onRecord };
      match.lines.push(c.row.line);
      matches.set(key, match);
    } else if (!newSchools.has(key)) newSchools.set(key, c.newSchool);
    else c.row.homeSchool = newSchools.get(key)!;
  }
  const valid = checked.filter((c) => c.values).length;
  return {
    checked,
    preview: {
      rows: checked.map((c) => c.row),
      valid,
      invalid: checked.length - valid,
      newSchools: [...newSchools.values()],
      ignoredColumns: layout.ignored,
      schoolMatches: [...matches.values()],
    },
  };
}

/** What importing the file would do, row by row; nothing is written. */
export async function previewImport(db: Db, scope: PupilScope, csv: string, today: string): Promise<ImportPreview> {
  return (await checkFile(db, scope, csv, today)).preview;
}

/**
 * Adds the file's pupils and any home schools they name that are not on record, all in one
 * transaction. While any row is invalid nothing is written, unless staff chose to import only the valid rows.
 * A school that looks like one on record is that one (the first offered, or the one chosen), unless
 * staff chose to add it as a new school.
 */
export async function importPupils(
  db: Db,
  scope: PupilScope,
  csv: string,
  onlyValidRows: boolean,
  today: string,
  now: string,
  schoolChoices: readonly SchoolChoice[] = [],
): Promise<{ imported: number; skipped: number; schoolsAdded: number }> {
  return db.transaction().execute(async (tx) => {
    const { preview, checked } = await checkFile(tx, scope, csv, today);
    if (preview.invalid > 0 && !onlyValidRows) {
      const rows = preview.invalid === 1 ? '1 row has' : `${preview.invalid} rows have`;
      throw new UserError('INVALID_INPUT', `${rows} problems: fix them or choose to import only the valid rows.`, 'csv');
    }
    if (preview.valid === 0) {
      const why = checked.length === 0 ? 'The file has no pupils in it, only the row of column names.' : 'None of the rows can be imported: fix the problems shown first.';
      throw new UserError('INVALID_INPUT', why, 'csv');
    }
    const chosen = new Map(schoolChoices.map((c) => [schoolMatchKey(c.written), c.use]));
    const toAdd = [...preview.newSchools];
    // By schoolMatchKey: the school each spelling in the file stands for.
    const schoolIds = new Map<string, string>();
    for (const match of preview.schoolMatches) {
      const use = chosen.get(schoolMatchKey(match.written)) ?? match.onRecord[0]!.id;
      if (use === 'new') toAdd.push(match.written);
      else if (match.onRecord.some((s) => s.id === use)) schoolIds.set(schoolMatchKey(match.written), use);
      else throw new UserError('INVALID_INPUT', `Choose one of the schools offered for "${match.written}", or add it as a new school.`, 'schoolChoices');
    }
    for (const name of toAdd) {
      const id = randomUUID();
      await insertSchool(tx, { id, name, sencoName: null, phone: null, email: null, address: null }, now);
      schoolIds.set(schoolMatchKey(name), id);
    }
    for (const { values, newSchool } of checked) {
      if (!values) continue;
      const homeSchoolId = newSchool ? (schoolIds.get(schoolMatchKey(newSchool)) ?? null) : values.homeSchoolId;
      await insertPupil(tx, randomUUID(), { ...values, homeSchoolId }, now);
    }
    return { imported: preview.valid, skipped: preview.invalid, schoolsAdded: toAdd.length };
  });
}

const EXPORT_COLUMNS = [...COLUMNS.map((c) => c.label), 'Year group', 'Key stage', 'Status', 'Base', 'Start date', 'End date'] as const;
type ExportColumn = (typeof EXPORT_COLUMNS)[number];

const ukDate = (iso: string | null) => (iso ? formatUkDate(iso) : '');

/**
 * The pupil list (or the pupils chosen) as CSV: the columns an import reads come first, so an export
 * can be imported elsewhere, then where each pupil stands.
 */
export async function exportPupils(
  db: Db,
  scope: PupilScope,
  ids: readonly string[] | undefined,
  today: string,
): Promise<{ fileName: string; csv: string; rows: number }> {
  const wanted = ids ? new Set(ids) : null;
  const listed = (await listVisiblePupils(db, scope, today)).filter(({ pupil }) => !wanted || wanted.has(pupil.id));
  const rows = listed.map(({ pupil, summary }): Record<ExportColumn, string> => ({
    'Legal first name': pupil.legalFirstName,
    'Legal last name': pupil.legalLastName,
    'Preferred name': pupil.preferredName ?? '',
    'Date of birth': formatUkDate(pupil.dateOfBirth),
    Gender: pupil.gender ?? '',
    UPN: pupil.upn ?? '',
    'Home school': pupil.homeSchoolName ?? '',
    'SEN status': SEN_STATUS_LABELS[pupil.senStatus],
    'Child in care': pupil.childInCare ? 'Yes' : 'No',
    Pathway: PATHWAY_LABELS[pupil.pathway],
    Notes: pupil.notes ?? '',
    'Year group': yearGroupLabel(pupil.yearGroup),
    'Key stage': pupil.keyStage ?? '',
    Status: summary.status === 'none' ? 'Not referred' : PLACEMENT_STATUS_LABELS[summary.status],
    Base: summary.baseName ?? '',
    'Start date': ukDate(summary.startDate),
    'End date': ukDate(summary.endDate),
  }));
  return { fileName: `key-desk-pupils-${today}.csv`, csv: toCsv(EXPORT_COLUMNS, rows), rows: rows.length };
}
