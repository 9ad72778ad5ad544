import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ok, resetApi, signedInAs } from './api-mock';
import { ELMFIELD, FRED_BIRD, jo, PARKGATE, PUPILS, summary, WILLOW, zoe } from './fixtures';
import { renderAt } from './render';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./api-mock')).mockedApi }));
vi.mock('../../../../renderer/features/audit/download', () => ({ downloadCsv: vi.fn(), downloadText: vi.fn() }));

const { PupilsPage, forgetPupilSearch } = await import('../../../../renderer/features/pupils/PupilsPage');
const { downloadCsv } = await import('../../../../renderer/features/audit/download');

const renderPage = () => renderAt('/pupils', { '/pupils': <PupilsPage />, '/pupils/:id': <p>A pupil page</p> });

beforeEach(() => {
  resetApi();
  forgetPupilSearch();
  vi.mocked(downloadCsv).mockReset();
  api.status.mockImplementation(() => ok(signedInAs(['manager'])));
  api.bases.mockImplementation(() =>
    ok([
      { id: PARKGATE, name: 'Parkgate', hostSchool: 'Parkgate Primary School', places: 24, keyStages: ['KS1', 'KS2'], placed: 2 },
      { id: FRED_BIRD, name: 'Frederick Bird', hostSchool: 'Frederick Bird Primary School', places: 12, keyStages: ['KS1'], placed: 1 },
    ]),
  );
  api.schools.mockImplementation(() =>
    ok([
      { id: ELMFIELD, name: 'Elmfield Primary School', sencoName: null, phone: null, email: null, address: null },
      { id: WILLOW, name: 'Willow Park Primary', sencoName: null, phone: null, email: null, address: null },
    ]),
  );
  api.list.mockImplementation(() => ok(PUPILS));
});

const rowNames = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getByRole('link').textContent);

describe('the pupil list', () => {
  it('shows each pupil with year group, school, base, status and dates, the name linking to their page', async () => {
    renderPage();
    const row = await screen.findByRole('row', { name: /Jo Bloggs/ });
    expect(within(row).getByRole('link', { name: 'Jo Bloggs' })).toHaveAttribute('href', `/pupils/${jo.id}`);
    expect(row).toHaveTextContent('Legal name: Joanna Bloggs');
    expect(row).toHaveTextContent('Year 2');
    expect(row).toHaveTextContent('Elmfield Primary School');
    expect(row).toHaveTextContent('Parkgate');
    expect(row).toHaveTextContent('Placed');
    expect(row).toHaveTextContent('07/09/2026');
    expect(row).toHaveTextContent('26/03/2027');
    expect(screen.getByRole('row', { name: /Ali Hussain/ })).toHaveTextContent('No referral');
    expect(screen.getByRole('row', { name: /Sam Okafor/ })).toHaveTextContent('Reception');
    expect(screen.getByRole('status')).toHaveTextContent('4 pupils');
  });

  it('narrows the list as you type and counts what is left', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findByRole('row', { name: /Jo Bloggs/ });
    await user.type(screen.getByRole('searchbox', { name: 'Search pupils' }), 'elmfield');
    await waitFor(() => expect(rowNames()).toEqual(['Jo Bloggs', 'Sam Okafor']));
    expect(screen.getByRole('status')).toHaveTextContent('2 of 4 pupils');
  });

  it('opens the pupil when Enter is pressed in the search box and only one matches, and stays when more do', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findByRole('row', { name: /Jo Bloggs/ });
    const search = screen.getByRole('searchbox', { name: 'Search pupils' });
    expect(search).toHaveAccessibleDescription(/Enter opens the pupil when only one matches\./);
    await user.type(search, 'elmfield{Enter}');
    expect(screen.getByTestId('address')).toHaveTextContent('/pupils');
    expect(screen.queryByText('A pupil page')).not.toBeInTheDocument();
    await user.clear(search);
    await user.type(search, 'bloggs{Enter}');
    expect(await screen.findByText('A pupil page')).toBeInTheDocument();
    expect(screen.getByTestId('address')).toHaveTextContent(`/pupils/${jo.id}`);
  });

  it('filters by status, base and key stage from the lists', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findByRole('row', { name: /Jo Bloggs/ });
    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'No referral' }));
    await waitFor(() => expect(rowNames()).toEqual(['Ali Hussain']));
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await user.click(screen.getByRole('combobox', { name: 'Base' }));
    await user.click(await screen.findByRole('option', { name: 'Frederick Bird' }));
    await waitFor(() => expect(rowNames()).toEqual(['Zoë Marlow']));
    await user.click(screen.getByRole('combobox', { name: 'Key stage' }));
    await user.click(await screen.findByRole('option', { name: 'KS1' }));
    expect(await screen.findByText('No pupils match: clear the filters.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    await waitFor(() => expect(rowNames()).toHaveLength(4));
  });

  it('shows 50 pupils a page', async () => {
    const many = Array.from({ length: 120 }, (_, i) => summary({ name: `Pupil ${String(i + 1).padStart(3, '0')} Marlow` }));
    api.list.mockImplementation(() => ok(many));
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findByRole('row', { name: /Pupil 001/ });
    expect(screen.getAllByRole('row')).toHaveLength(51);
    expect(screen.getByRole('status')).toHaveTextContent('120 pupils: showing 1 to 50');
    await user.click(screen.getByRole('button', { name: 'Page 3' }));
    expect(await screen.findByRole('row', { name: /Pupil 101/ })).toBeInTheDocument();
    expect(screen.getAllByRole('row')).toHaveLength(21);
  });

  it('says what to do when there are no pupils yet', async () => {
    api.list.mockImplementation(() => ok([]));
    renderPage();
    expect(await screen.findByText('No pupils yet: add a pupil or import a spreadsheet.')).toBeInTheDocument();
  });

  it('shows a teacher the list without the buttons that change it', async () => {
    api.status.mockImplementation(() => ok(signedInAs(['teacher'])));
    renderPage();
    await screen.findByRole('row', { name: /Jo Bloggs/ });
    expect(screen.queryByRole('button', { name: 'Add pupil' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Import CSV' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export CSV' })).not.toBeInTheDocument();
  });

  it('exports only the pupils the filters leave, and the file downloads', async () => {
    api.export.mockImplementation(() => ok({ fileName: 'key-desk-pupils-2026-11-23.csv', csv: 'Legal first name\r\nJoanna\r\n' }));
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findByRole('row', { name: /Jo Bloggs/ });
    await user.type(screen.getByRole('searchbox', { name: 'Search pupils' }), 'bloggs');
    await waitFor(() => expect(rowNames()).toEqual(['Jo Bloggs']));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(api.export).toHaveBeenCalledWith({ ids: [jo.id] }));
    await waitFor(() => expect(downloadCsv).toHaveBeenCalledWith('key-desk-pupils-2026-11-23.csv', 'Legal first name\r\nJoanna\r\n'));
  });

  it('keeps the search when you come back to the list', async () => {
    const user = userEvent.setup({ delay: null });
    const first = renderPage();
    await screen.findByRole('row', { name: /Jo Bloggs/ });
    await user.type(screen.getByRole('searchbox', { name: 'Search pupils' }), 'zoe');
    first.unmount();
    renderPage();
    await waitFor(() => expect(screen.getByRole('searchbox', { name: 'Search pupils' })).toHaveValue('zoe'));
    await waitFor(() => expect(rowNames()).toEqual([zoe.name]));
  });

  it('never shows one person’s search to the next person who signs in', async () => {
    const user = userEvent.setup({ delay: null });
    const first = renderPage();
    await screen.findByRole('row', { name: /Jo Bloggs/ });
    await user.type(screen.getByRole('searchbox', { name: 'Search pupils' }), 'zoe');
    first.unmount();
    api.status.mockImplementation(() =>
      ok(signedInAs({ id: 'b2222222-2222-4222-8222-222222222222', name: 'Bea Jones', username: 'bjones', roles: ['manager'], baseIds: [] })),
    );
    renderPage();
    await screen.findByRole('row', { name: /Jo Bloggs/ });
    expect(screen.getByRole('searchbox', { name: 'Search pupils' })).toHaveValue('');
  });
});
