import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportPreview } from '../../../../shared/api/specs/pupils';
import { api, ok, resetApi, signedInAs } from './api-mock';
import { ELMFIELD } from './fixtures';
import { renderAt } from './render';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./api-mock')).mockedApi }));
vi.mock('../../../../renderer/features/audit/download', () => ({ downloadCsv: vi.fn(), downloadText: vi.fn() }));

const { PupilsPage } = await import('../../../../renderer/features/pupils/PupilsPage');
const { downloadCsv } = await import('../../../../renderer/features/audit/download');

const CSV = [
  'Legal first name,Legal last name,Date of birth,Home school,Favourite colour',
  'Jo,Bloggs,04/03/2019,Elmfield Primary School,Blue',
  'Sam,Okafor,31/02/2019,Elmfield Primary School,Red',
  'Ali,Hussain,12/10/2017,Brookfield Primary,Green',
].join('\r\n');

const preview: ImportPreview = {
  rows: [
    { line: 2, name: 'Jo Bloggs', dateOfBirth: '2019-03-04', homeSchool: 'Elmfield Primary School', errors: [] },
    { line: 3, name: 'Sam Okafor', dateOfBirth: null, homeSchool: 'Elmfield Primary School', errors: [{ column: 'Date of birth', message: '31/02/2019 is not a real date: February 2019 has 28 days.' }] },
    { line: 4, name: 'Ali Hussain', dateOfBirth: '2017-10-12', homeSchool: 'Brookfield Primary', errors: [] },
  ],
  valid: 2,
  invalid: 1,
  newSchools: ['Brookfield Primary'],
  ignoredColumns: ['Favourite colour'],
  schoolMatches: [],
};

beforeEach(() => {
  resetApi();
  vi.mocked(downloadCsv).mockReset();
  api.status.mockImplementation(() => ok(signedInAs(['manager'])));
  api.bases.mockImplementation(() => ok([]));
  api.schools.mockImplementation(() => ok([]));
  api.list.mockImplementation(() => ok([]));
  api.importPreview.mockImplementation(() => ok(preview));
  api.import.mockImplementation(() => ok({ imported: 2, skipped: 1, schoolsAdded: 1 }));
});

async function openImport() {
  const user = userEvent.setup({ delay: null });
  renderAt('/pupils', { '/pupils': <PupilsPage /> });
  await user.click(await screen.findByRole('button', { name: 'Import CSV' }));
  const dialog = await screen.findByRole('dialog', { name: 'Import pupils from a spreadsheet' });
  return { user, dialog };
}

async function choose(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, text = CSV, name = 'pupils.csv') {
  const input = dialog.ownerDocument.querySelector<HTMLInputElement>('input[type="file"]');
  expect(input).not.toBeNull();
  await user.upload(input!, new File([`\uFEFF${text}`], name, { type: 'text/csv' }));
}

describe('importing pupils from a spreadsheet', () => {
  it('checks the file, puts the bad row first with its error, and imports nothing until only valid rows are chosen', async () => {
    const { user, dialog } = await openImport();
    const button = within(dialog).getByRole('button', { name: 'Import pupils' });
    expect(button).toBeDisabled();
    await choose(user, dialog);

    await waitFor(() => expect(api.importPreview).toHaveBeenCalledWith({ csv: CSV }));
    expect(await within(dialog).findByText('2 rows ready, 1 row with problems.')).toBeInTheDocument();
    expect(dialog).toHaveTextContent('Brookfield Primary');
    expect(dialog).toHaveTextContent('Not read (Key Desk has no place for this column): Favourite colour.');

    const rows = within(dialog).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['3', '2', '4']);
    expect(rows[0]).toHaveTextContent('Sam Okafor');
    expect(rows[0]).toHaveTextContent('Date of birth: 31/02/2019 is not a real date: February 2019 has 28 days.');
    expect(rows[1]).toHaveTextContent('Ready');
    expect(rows[1]).toHaveTextContent('04/03/2019');

    const importButton = within(dialog).getByRole('button', { name: 'Import 2 pupils' });
    expect(importButton).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Import only the valid rows (skip 1)' }));
    expect(importButton).toBeEnabled();
    await user.click(importButton);
    await waitFor(() => expect(api.import).toHaveBeenCalledWith({ csv: CSV, onlyValidRows: true }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('imports straight away when every row is valid', async () => {
    api.importPreview.mockImplementation(() => ok({ ...preview, rows: preview.rows.filter((r) => r.errors.length === 0), invalid: 0 }));
    const { user, dialog } = await openImport();
    await choose(user, dialog);
    expect(await within(dialog).findByText('2 rows ready.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('checkbox', { name: /Import only the valid rows/ })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Import 2 pupils' }));
    await waitFor(() => expect(api.import).toHaveBeenCalledWith({ csv: CSV }));
  });

  it('offers the school on record for a name written another way, and sends what staff chose', async () => {
    api.importPreview.mockImplementation(() =>
      ok({
        ...preview,
        rows: [
          { line: 2, name: 'Jo Bloggs', dateOfBirth: '2019-03-04', homeSchool: 'Elmfield Primary School', errors: [] },
          { line: 3, name: 'Sam Okafor', dateOfBirth: '2019-05-01', homeSchool: 'Elmfield Primary School', errors: [] },
        ],
        valid: 2,
        invalid: 0,
        newSchools: [],
        schoolMatches: [{ written: 'Elmfield Primary', lines: [2, 3], onRecord: [{ id: ELMFIELD, name: 'Elmfield Primary School' }] }],
      }),
    );
    const { user, dialog } = await openImport();
    await choose(user, dialog);
    const choice = await within(dialog).findByRole('radiogroup', { name: '"Elmfield Primary" (rows 2 and 3)' });
    const useOnRecord = within(choice).getByRole('radio', { name: 'Use Elmfield Primary School, on record' });
    const addNew = within(choice).getByRole('radio', { name: 'Add "Elmfield Primary" as a new school' });
    expect(useOnRecord).toBeChecked();
    expect(dialog).not.toHaveTextContent('will be added');
    const homeSchools = () => within(dialog).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[2]!.textContent);
    expect(homeSchools()).toEqual(['Elmfield Primary School', 'Elmfield Primary School']);

    // Adding it as a new school shows it with the schools to be added, and on its rows.
    await user.click(addNew);
    expect(dialog).toHaveTextContent('This home school is not on record yet and will be added:Elmfield Primary');
    expect(homeSchools()).toEqual(['Elmfield Primary', 'Elmfield Primary']);
    await user.click(useOnRecord);
    await user.click(within(dialog).getByRole('button', { name: 'Import 2 pupils' }));
    await waitFor(() => expect(api.import).toHaveBeenCalledWith({ csv: CSV, schoolChoices: [{ written: 'Elmfield Primary', use: ELMFIELD }] }));
  });

  it('asks before closing once a file is chosen, and closes at once before', async () => {
    const { user, dialog } = await openImport();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Import CSV' }));
    const again = await screen.findByRole('dialog', { name: 'Import pupils from a spreadsheet' });
    await choose(user, again);
    expect(await within(again).findByText('2 rows ready, 1 row with problems.')).toBeInTheDocument();
    await user.click(within(again).getByRole('button', { name: 'Cancel' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Discard changes?' })).getByRole('button', { name: 'Keep editing' }));
    expect(within(again).getByText('2 rows ready, 1 row with problems.')).toBeInTheDocument();
    expect(dialog).not.toBeInTheDocument();
  });

  it('turns away an Excel file before sending it, and offers a template with the right columns', async () => {
    const { user, dialog } = await openImport();
    await choose(user, dialog, 'not really excel', 'pupils.xlsx');
    expect(await within(dialog).findByText(/Save it as "CSV UTF-8"/)).toBeInTheDocument();
    expect(api.importPreview).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Download a template' }));
    expect(downloadCsv).toHaveBeenCalledWith(
      'key-desk-pupils-template.csv',
      'Legal first name,Legal last name,Preferred name,Date of birth,Gender,UPN,Home school,SEN status,Child in care,Pathway,Notes\r\n',
    );
  });
});
