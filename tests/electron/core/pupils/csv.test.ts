import Papa from 'papaparse';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import { auditRows, lastAuditSeq } from '../sealed-files';
import { expectRefused, insertPlacement, MAYA, pupilsCore, UPN_1, UPN_2, UPN_3, type PupilsCore } from './fixtures';

const cores: PupilsCore[] = [];
afterEach(async () => {
  while (cores.length) await cores.pop()!.cleanup();
});
async function start() {
  const kd = await pupilsCore();
  cores.push(kd);
  return kd;
}

const lines = (...rows: string[]) => rows.join('\r\n');

/** As a school might send it: its own headings, a column Key Desk does not read, a blank row, one bad date. */
const CLASS_LIST = lines(
  'First name,Surname,DOB,Gender,UPN,Home school,SEN status,Child in care,Pathway,Tutor group,Notes',
  `Maya,Okonjo,04/05/2019,Female,${UPN_1},Whitley Abbey Primary School,SEN support,no,Early intervention,3B,`,
  '',
  'Leo,Marsh,31/02/2018,Male,,Whitley Abbey Primary School,None,,,4M,',
  `Ava,Byrne,1/9/2019,,${UPN_2},Stoke Heath Primary,EHCP,Y,specialist-semh,2A,"Walks home, with her brother"`,
);

describe('pupils.importPreview', () => {
  it('shows each row with its spreadsheet row number, the bad row naming its column, and the schools it would add', async () => {
    const kd = await start();
    unwrap(await kd.call('schools.create', { name: 'Whitley Abbey Primary School' }));
    const before = lastAuditSeq(kd.core);
    const preview = unwrap(await kd.call('pupils.importPreview', { csv: CLASS_LIST }));
    expect(preview).toEqual({
      rows: [
        { line: 2, name: 'Maya Okonjo', dateOfBirth: '2019-05-04', homeSchool: 'Whitley Abbey Primary School', errors: [] },
        {
          line: 4,
          name: 'Leo Marsh',
          dateOfBirth: null,
          homeSchool: 'Whitley Abbey Primary School',
          errors: [{ column: 'DOB', message: '31/02/2018 is not a real date: February 2018 has 28 days.' }],
        },
        { line: 5, name: 'Ava Byrne', dateOfBirth: '2019-09-01', homeSchool: 'Stoke Heath Primary', errors: [] },
      ],
      valid: 2,
      invalid: 1,
      newSchools: ['Stoke Heath Primary'],
      ignoredColumns: ['Tutor group'],
      schoolMatches: [],
    });
    // A preview writes nothing, not even to the audit trail.
    expect(lastAuditSeq(kd.core)).toBe(before);
    expect(unwrap(await kd.call('pupils.list'))).toEqual([]);
  });

  it('checks each row as pupils.create does, against the records and the rest of the file', async () => {
    const kd = await start();
    unwrap(await kd.call('pupils.create', { ...MAYA, upn: UPN_1 }));
    const csv = lines(
      'Legal first name,Legal last name,Date of birth,UPN,SEN status,Child in care,Pathway',
      'MAYA,okonjo,2019-05-04,,,,', // the same child as on record
      `Ava,Byrne,2019-08-31,${UPN_1},,,`, // Maya's UPN
      `Leo,Marsh,2018-01-10,${UPN_3},,,`,
      `Sam,Marsh,2018-01-11,${UPN_3},,,`, // Leo's UPN, earlier in the file
      'Leo,Marsh,10/01/2018,,,,', // Leo again
      'Kai,Reid,2027-01-01,,statement,maybe,detention',
      ',Reid,2019-01-01,A123,,,',
      'Eli,Reid,2012-01-01,,,,',
    );
    const rows = unwrap(await kd.call('pupils.importPreview', { csv })).rows;
    const errorsOn = (line: number) => rows.find((r) => r.line === line)?.errors;
    expect(errorsOn(2)).toEqual([
      { column: 'Legal last name', message: 'Maya Okonjo, born 04/05/2019, is already on record: remove this row, or add the child by hand if they are a different child.' },
    ]);
    expect(errorsOn(3)).toEqual([{ column: 'UPN', message: 'That UPN is already on the record of Maya Okonjo.' }]);
    expect(errorsOn(4)).toEqual([]);
    expect(errorsOn(5)).toEqual([{ column: 'UPN', message: 'Row 4 has the same UPN.' }]);
    expect(errorsOn(6)).toEqual([{ column: 'Legal last name', message: 'Row 4 has the same name and date of birth.' }]);
    expect(errorsOn(7)).toEqual([
      { column: 'Date of birth', message: 'The date of birth is in the future.' },
      { column: 'SEN status', message: 'Write None, SEN support or EHCP.' },
      { column: 'Child in care', message: 'Write yes or no (or leave it blank for no).' },
      { column: 'Pathway', message: 'Write Early intervention, Specialist SEMH or Permanently excluded.' },
    ]);
    expect(errorsOn(8)).toEqual([
      { column: 'Legal first name', message: 'Enter the legal first name.' },
      { column: 'UPN', message: 'A UPN has 13 characters: a letter, then 12 more.' },
    ]);
    expect(errorsOn(9)).toEqual([{ column: 'Date of birth', message: 'That child would be in Year 10 this school year: the Key is for primary pupils (Reception to Year 6). If they are taught in a primary year group, choose it under Taught in year group.' }]);
  });

  it('says a date that is not in the calendar is not a real date, showing it, and what it cannot read', async () => {
    const kd = await start();
    const csv = lines(
      'First name,Last name,Date of birth',
      'Ann,Ames,31/02/2019',
      'Ben,Bell,29/02/2019',
      'Cal,Cole,29/02/2020', // a leap year: a real date
      'Dee,Dale,31/04/2019',
      'Eve,Ells,12/13/2019',
      'Fay,Fox,00/05/2019',
      'Gus,Gill,2019-02-30',
      'Hal,Hart,4th May 2019',
      'Ida,Inns,04/05/19',
    );
    const rows = unwrap(await kd.call('pupils.importPreview', { csv })).rows;
    expect(rows.map((r) => [r.name, r.dateOfBirth, r.errors.map((e) => `${e.column}: ${e.message}`)])).toEqual([
      ['Ann Ames', null, ['Date of birth: 31/02/2019 is not a real date: February 2019 has 28 days.']],
      ['Ben Bell', null, ['Date of birth: 29/02/2019 is not a real date: February 2019 has 28 days.']],
      ['Cal Cole', '2020-02-29', []],
      ['Dee Dale', null, ['Date of birth: 31/04/2019 is not a real date: April 2019 has 30 days.']],
      ['Eve Ells', null, ['Date of birth: 12/13/2019 is not a real date: there is no month 13.']],
      ['Fay Fox', null, ['Date of birth: 00/05/2019 is not a real date: there is no day 0.']],
      ['Gus Gill', null, ['Date of birth: 2019-02-30 is not a real date: February 2019 has 28 days.']],
      ['Hal Hart', null, ['Date of birth: 4th May 2019 is not a date Key Desk can read: enter the date of birth as dd/mm/yyyy.']],
      ['Ida Inns', null, ['Date of birth: 04/05/19 is not a date Key Desk can read: enter the date of birth as dd/mm/yyyy.']],
    ]);
  });

  it('reads headings in any case and punctuation, and the ways staff write dates and choices', async () => {
    const kd = await start();
    const csv = lines(
      'LEGAL_FIRST_NAME;legal last-name;Date of Birth;sen;In care;PATHWAY',
      'Ann;Ames;2019-05-04;EHC plan;Yes;SEMH',
      'Ben;Bell;4/5/2019;K;true;Permanently excluded',
      'Cal;Cole;04.05.2019;none;N;early-intervention',
      'Dee;Dale;04/05/2019 00:00;SEN Support (My Support Plan);;',
    );
    const preview = unwrap(await kd.call('pupils.importPreview', { csv }));
    expect(preview.rows.map((r) => [r.name, r.dateOfBirth, r.errors])).toEqual([
      ['Ann Ames', '2019-05-04', []],
      ['Ben Bell', '2019-05-04', []],
      ['Cal Cole', '2019-05-04', []],
      ['Dee Dale', '2019-05-04', []],
    ]);
    unwrap(await kd.call('pupils.import', { csv }));
    const pupils = await Promise.all(unwrap(await kd.call('pupils.list')).map(async (s) => unwrap(await kd.call('pupils.get', { id: s.id })).pupil));
    expect(pupils.map((p) => [p.legalFirstName, p.senStatus, p.childInCare, p.pathway])).toEqual([
      ['Ann', 'ehcp', true, 'specialist-semh'],
      ['Ben', 'sen-support', true, 'permanently-excluded'],
      ['Cal', 'none', false, 'early-intervention'],
      ['Dee', 'sen-support', false, 'early-intervention'],
    ]);
  });

  it('copes with a byte-order mark, Excel\u2019s sep= line, tabs, quoted commas and line breaks in cells', async () => {
    const kd = await start();
    const withBom = `\uFEFF${lines('Legal first name,Legal last name,Date of birth,Notes', 'Zoë,Ó Briain,04/05/2019,"Line one\nline two, with a comma"', 'Siobhán,Kaur,05/05/2019,')}`;
    const preview = unwrap(await kd.call('pupils.importPreview', { csv: withBom }));
    // The quoted cell runs over two lines of text but is one spreadsheet row.
    expect(preview.rows.map((r) => [r.line, r.name, r.errors])).toEqual([
      [2, 'Zoë Ó Briain', []],
      [3, 'Siobhán Kaur', []],
    ]);
    const sepLine = lines('sep=;', 'First name;Last name;Date of birth', 'Ann;Ames;04/05/2019');
    expect(unwrap(await kd.call('pupils.importPreview', { csv: sepLine })).rows).toEqual([
      { line: 2, name: 'Ann Ames', dateOfBirth: '2019-05-04', homeSchool: null, errors: [] },
    ]);
    const tabs = lines('First name\tLast name\tDate of birth', 'Ann\tAmes\t04/05/2019', '\t\t', '   ');
    expect(unwrap(await kd.call('pupils.importPreview', { csv: tabs })).rows.map((r) => r.name)).toEqual(['Ann Ames']);
    unwrap(await kd.call('pupils.import', { csv: withBom }));
    const zoe = unwrap(await kd.call('pupils.list')).find((p) => p.name === 'Zoë Ó Briain')!;
    expect(unwrap(await kd.call('pupils.get', { id: zoe.id })).pupil.notes).toBe('Line one\nline two, with a comma');
  });

  it('refuses a whole file without the columns it needs, or that is not a CSV file, saying what to do', async () => {
    const kd = await start();
    const refused = (csv: string, message: RegExp) =>
      expectRefused(kd.core, () => kd.call('pupils.importPreview', { csv }), { code: 'INVALID_INPUT', field: 'csv', message });
    await refused(lines('First name,Surname', 'Ann,Ames'), /^The file has no Date of birth column\./);
    await refused(lines('Name,Born', 'Ann Ames,04/05/2019'), /^The file has no Legal first name, Legal last name or Date of birth column\./);
    // An Excel workbook read as text.
    await refused('PK\u0003\u0004\u0014\u0000\u0006\u0000\b\u0000\u0000\u0000!\u0000xl/workbook.xml', /not a CSV file.*CSV UTF-8/);
    // Saved as Windows-1252: the renderer's UTF-8 decoding leaves replacement characters.
    await refused(lines('First name,Last name,Date of birth', 'Zo\uFFFD,Ames,04/05/2019'), /not saved as UTF-8/);
    await refused(lines('First name,Last name,Date of birth', 'Ann,"Ames,04/05/2019'), /quotation mark in row 2 is never closed/);
    await refused('\r\n \r\n', /The file is empty/);
    await expectRefused(kd.core, () => kd.call('pupils.import', { csv: 'First name,Last name,Date of birth\r\n' }), {
      code: 'INVALID_INPUT',
      field: 'csv',
      message: 'The file has no pupils in it, only the row of column names.',
    });
  });
});

describe('pupils.import', () => {
  it('imports nothing while any row is invalid', async () => {
    const kd = await start();
    await expectRefused(kd.core, () => kd.call('pupils.import', { csv: CLASS_LIST }), {
      code: 'INVALID_INPUT',
      field: 'csv',
      message: '1 row has problems: fix them or choose to import only the valid rows.',
    });
    await expectRefused(kd.core, () => kd.call('pupils.import', { csv: CLASS_LIST, onlyValidRows: false }), { code: 'INVALID_INPUT', field: 'csv' });
  });

  it('imports the valid rows when asked, adding the new home school, in one go', async () => {
    const kd = await start();
    const whitley = unwrap(await kd.call('schools.create', { name: 'Whitley Abbey Primary School' }));
    const seq = lastAuditSeq(kd.core);
    expect(unwrap(await kd.call('pupils.import', { csv: CLASS_LIST, onlyValidRows: true }))).toEqual({ imported: 2, skipped: 1, schoolsAdded: 1 });
    const schools = unwrap(await kd.call('schools.list'));
    expect(schools.map((s) => s.name)).toEqual(['Stoke Heath Primary', 'Whitley Abbey Primary School']);
    const list = unwrap(await kd.call('pupils.list'));
    expect(list.map((p) => [p.name, p.homeSchoolName, p.homeSchoolId])).toEqual([
      ['Ava Byrne', 'Stoke Heath Primary', schools[0]!.id],
      ['Maya Okonjo', 'Whitley Abbey Primary School', whitley.id],
    ]);
    const ava = unwrap(await kd.call('pupils.get', { id: list[0]!.id })).pupil;
    expect(ava).toMatchObject({ upn: UPN_2, senStatus: 'ehcp', childInCare: true, pathway: 'specialist-semh', notes: 'Walks home, with her brother', yearGroup: 2 });
    // Every row written is audited in the importer's name: one school, two pupils.
    expect(auditRows(kd.core, seq).map((r) => [r.action, r.entity, r.staff_name])).toEqual([
      ['insert', 'schools', 'Robin Ashdown'],
      ['insert', 'pupils', 'Robin Ashdown'],
      ['insert', 'pupils', 'Robin Ashdown'],
    ]);
    // Importing the same file again finds them all on record.
    const again = unwrap(await kd.call('pupils.importPreview', { csv: CLASS_LIST }));
    expect(again).toMatchObject({ valid: 0, invalid: 3, newSchools: [] });
  });

  it('refuses when no row at all can be imported, even with only the valid rows chosen', async () => {
    const kd = await start();
    await expectRefused(kd.core, () => kd.call('pupils.import', { csv: lines('First name,Last name,Date of birth', 'Ann,Ames,tomorrow'), onlyValidRows: true }), {
      code: 'INVALID_INPUT',
      field: 'csv',
      message: 'None of the rows can be imported: fix the problems shown first.',
    });
  });
});

describe('home schools written another way', () => {
  const FILE = lines(
    'First name,Last name,Date of birth,Home school',
    'Ann,Ames,04/05/2019,Elmfield Primary',
    'Ben,Bell,05/05/2019,ELMFIELD PRIMARY SCHOOL.',
    'Cal,Cole,06/05/2019,Saint Mary & St John Catholic Primary',
    'Dee,Dale,07/05/2019,Elmfield Infant School', // a different school: Infant counts
    'Eve,Ells,08/05/2019,Elmfield Infant',
    'Fay,Fox,31/02/2019,Elmfield', // not importable: its school is not offered
  );

  async function withSchools() {
    const kd = await start();
    const elmfield = unwrap(await kd.call('schools.create', { name: 'Elmfield Primary School' }));
    const stMary = unwrap(await kd.call('schools.create', { name: "St Mary and St John's Catholic Primary School" }));
    return { kd, elmfield, stMary };
  }

  it('offers the school on record for a name that leaves out School or Primary, or writes St, & or capitals differently', async () => {
    const { kd, elmfield, stMary } = await withSchools();
    const preview = unwrap(await kd.call('pupils.importPreview', { csv: FILE }));
    expect(preview.schoolMatches).toEqual([
      { written: 'Elmfield Primary', lines: [2, 3], onRecord: [{ id: elmfield.id, name: 'Elmfield Primary School' }] },
      { written: 'Saint Mary & St John Catholic Primary', lines: [4], onRecord: [{ id: stMary.id, name: "St Mary and St John's Catholic Primary School" }] },
    ]);
    // Two spellings of one new school are one school, as first written.
    expect(preview.newSchools).toEqual(['Elmfield Infant School']);
    expect(preview.rows.map((r) => r.homeSchool)).toEqual([
      'Elmfield Primary School',
      'Elmfield Primary School',
      "St Mary and St John's Catholic Primary School",
      'Elmfield Infant School',
      'Elmfield Infant School',
      'Elmfield Primary School',
    ]);
  });

  it('imports to the school on record unless staff choose to add it as a new school', async () => {
    const { kd, elmfield, stMary } = await withSchools();
    expect(unwrap(await kd.call('pupils.import', { csv: FILE, onlyValidRows: true }))).toEqual({ imported: 5, skipped: 1, schoolsAdded: 1 });
    const schools = unwrap(await kd.call('schools.list'));
    expect(schools.map((s) => s.name)).toEqual(['Elmfield Infant School', 'Elmfield Primary School', "St Mary and St John's Catholic Primary School"]);
    const infant = schools[0]!.id;
    const list = unwrap(await kd.call('pupils.list'));
    expect(list.map((p) => [p.name, p.homeSchoolId])).toEqual([
      ['Ann Ames', elmfield.id],
      ['Ben Bell', elmfield.id],
      ['Cal Cole', stMary.id],
      ['Dee Dale', infant],
      ['Eve Ells', infant],
    ]);
  });

  it('adds the school as written when staff choose to, and refuses a school that was not offered', async () => {
    const { kd, elmfield } = await withSchools();
    const stranger = unwrap(await kd.call('schools.create', { name: 'Stoke Heath Primary School' }));
    await expectRefused(
      kd.core,
      () => kd.call('pupils.import', { csv: FILE, onlyValidRows: true, schoolChoices: [{ written: 'Elmfield Primary', use: stranger.id }] }),
      { code: 'INVALID_INPUT', field: 'schoolChoices', message: 'Choose one of the schools offered for "Elmfield Primary", or add it as a new school.' },
    );
    expect(unwrap(await kd.call('pupils.list'))).toEqual([]);
    const result = unwrap(
      await kd.call('pupils.import', {
        csv: FILE,
        onlyValidRows: true,
        schoolChoices: [{ written: 'Elmfield Primary', use: 'new' }],
      }),
    );
    expect(result).toEqual({ imported: 5, skipped: 1, schoolsAdded: 2 });
    const schools = unwrap(await kd.call('schools.list'));
    const added = schools.find((s) => s.name === 'Elmfield Primary')!;
    expect(added.id).not.toBe(elmfield.id);
    const list = unwrap(await kd.call('pupils.list'));
    expect(list.filter((p) => p.homeSchoolId === added.id).map((p) => p.name)).toEqual(['Ann Ames', 'Ben Bell']);
  });
});

describe('pupils.export', () => {
  const parse = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

  it('writes the pupil list with dates as dd/mm/yyyy and where each pupil stands, and records the export', async () => {
    const kd = await start();
    const school = unwrap(await kd.call('schools.create', { name: 'Whitley Abbey Primary School' }));
    const maya = unwrap(
      await kd.call('pupils.create', {
        ...MAYA,
        preferredName: 'May',
        gender: 'Female',
        upn: UPN_1,
        homeSchoolId: school.id,
        senStatus: 'sen-support',
        childInCare: true,
        pathway: 'specialist-semh',
        notes: 'Likes Lego.',
        yearGroupOverride: 2,
      }),
    );
    await insertPlacement(kd.core, maya.id, kd.parkgate.id, { start: '2026-10-05', plannedEnd: '2027-04-30' });
    unwrap(await kd.call('pupils.create', { legalFirstName: 'Ava', legalLastName: 'Byrne', dateOfBirth: '2019-08-31' }));
    const seq = lastAuditSeq(kd.core);

    const exported = unwrap(await kd.call('pupils.export'));
    expect(exported.fileName).toBe('key-desk-pupils-2026-11-23.csv');
    expect(exported.csv.split('\r\n')[0]).toBe(
      'Legal first name,Legal last name,Preferred name,Date of birth,Gender,UPN,Home school,SEN status,Child in care,Pathway,Notes,Year group,Key stage,Status,Base,Start date,End date',
    );
    expect(parse(exported.csv)).toEqual([
      expect.objectContaining({ 'Legal first name': 'Ava', 'Date of birth': '31/08/2019', 'Year group': 'Year 3', Status: 'Not referred', 'Child in care': 'No' }),
      {
        'Legal first name': 'Maya',
        'Legal last name': 'Okonjo',
        'Preferred name': 'May',
        'Date of birth': '04/05/2019',
        Gender: 'Female',
        UPN: UPN_1,
        'Home school': 'Whitley Abbey Primary School',
        'SEN status': 'SEN support (My Support Plan)',
        'Child in care': 'Yes',
        Pathway: 'Specialist SEMH',
        Notes: 'Likes Lego.',
        'Year group': 'Year 2',
        'Key stage': 'KS1',
        Status: 'Placed',
        Base: 'Parkgate',
        'Start date': '05/10/2026',
        'End date': '30/04/2027',
      },
    ]);
    expect(auditRows(kd.core, seq)).toEqual([expect.objectContaining({ action: 'exported-pupils', detail: '2 pupils', staff_name: 'Robin Ashdown' })]);

    const chosen = unwrap(await kd.call('pupils.export', { ids: [maya.id] }));
    expect(parse(chosen.csv).map((r) => r['Legal first name'])).toEqual(['Maya']);
  });

  it('escapes cells a spreadsheet would run as a formula', async () => {
    const kd = await start();
    unwrap(
      await kd.call('pupils.create', {
        ...MAYA,
        preferredName: '@May',
        notes: '=HYPERLINK("http://example.com","click")',
        gender: '-',
      }),
    );
    const row = parse(unwrap(await kd.call('pupils.export')).csv)[0]!;
    expect(row['Notes']).toBe(`'=HYPERLINK("http://example.com","click")`);
    expect(row['Preferred name']).toBe(`'@May`);
    expect(row['Gender']).toBe(`'-`);
  });

  it('escapes a formula that runs on over several lines', async () => {
    const kd = await start();
    const notes = ['=1+2\n+3', '+1\r\n=HYPERLINK("http://example.invalid","click")', '@A1\nsecond line', '-1\n-2'];
    for (const [i, note] of notes.entries()) unwrap(await kd.call('pupils.create', { ...MAYA, legalFirstName: `Maya${'a'.repeat(i)}`, notes: note }));
    const rows = parse(unwrap(await kd.call('pupils.export')).csv);
    expect(rows.map((r) => r['Notes']).sort()).toEqual(notes.map((n) => `'${n}`).sort());
    for (const row of rows) for (const cell of Object.values(row)) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('round-trips: an export imports into another Key Desk as the same pupils', async () => {
    const from = await start();
    const school = unwrap(await from.call('schools.create', { name: 'Whitley Abbey Primary School' }));
    const records = [
      { ...MAYA, preferredName: 'May', gender: 'Female', upn: UPN_1, homeSchoolId: school.id, senStatus: 'ehcp', childInCare: true, pathway: 'permanently-excluded', notes: '=1+1, "quoted"\nand a second line' },
      { legalFirstName: 'Zoë', legalLastName: 'Ó Briain', dateOfBirth: '2021-09-01', upn: UPN_2 },
      { legalFirstName: 'Leo', legalLastName: 'Marsh', dateOfBirth: '2018-01-10', senStatus: 'sen-support', pathway: 'specialist-semh', notes: '+ sticker chart' },
    ] as const;
    for (const record of records) unwrap(await from.call('pupils.create', record));
    const { csv } = unwrap(await from.call('pupils.export'));

    const to = await start();
    const preview = unwrap(await to.call('pupils.importPreview', { csv }));
    expect(preview).toMatchObject({ valid: 3, invalid: 0, newSchools: ['Whitley Abbey Primary School'] });
    expect(preview.ignoredColumns).toEqual(['Year group', 'Key stage', 'Status', 'Base', 'Start date', 'End date']);
    expect(unwrap(await to.call('pupils.import', { csv }))).toEqual({ imported: 3, skipped: 0, schoolsAdded: 1 });

    const fields = async (kd: PupilsCore) =>
      Promise.all(
        unwrap(await kd.call('pupils.list')).map(async ({ id }) => {
          const { pupil } = unwrap(await kd.call('pupils.get', { id }));
          const { id: _id, homeSchoolId: _school, createdAt: _c, updatedAt: _u, ...rest } = pupil;
          return rest;
        }),
      );
    expect(await fields(to)).toEqual(await fields(from));
  });
});
