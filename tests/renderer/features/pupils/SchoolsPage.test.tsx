import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ok, refuse, resetApi, signedInAs } from './api-mock';
import { ELMFIELD } from './fixtures';
import { renderAt } from './render';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./api-mock')).mockedApi }));

const { SchoolsPage } = await import('../../../../renderer/features/schools/SchoolsPage');

const elmfield = { id: ELMFIELD, name: 'Elmfield Primary School', sencoName: 'Priya Shah', phone: '024 7600 1111', email: 'senco@elmfield.example', address: null };

beforeEach(() => {
  resetApi();
  api.status.mockImplementation(() => ok(signedInAs(['manager'])));
  api.schools.mockImplementation(() => ok([elmfield]));
});

describe('the Schools screen', () => {
  it('lists home schools with their SENCo, phone and email', async () => {
    renderAt('/schools', { '/schools': <SchoolsPage /> });
    const row = await screen.findByRole('row', { name: /Elmfield Primary School/ });
    expect(row).toHaveTextContent('Priya Shah');
    expect(row).toHaveTextContent('024 7600 1111');
    expect(within(row).getByRole('link', { name: 'senco@elmfield.example' })).toHaveAttribute('href', 'mailto:senco@elmfield.example');
  });

  it('says what to do when there are none', async () => {
    api.schools.mockImplementation(() => ok([]));
    renderAt('/schools', { '/schools': <SchoolsPage /> });
    expect(await screen.findByText('No schools yet.')).toBeInTheDocument();
  });

  it('changes a school, with the core’s complaint under its field', async () => {
    api.updateSchool.mockImplementationOnce(() => refuse('CONFLICT', 'There is already a school called Willow Park Primary.', 'name'));
    api.updateSchool.mockImplementation((input: object) => ok({ ...elmfield, ...input }));
    const user = userEvent.setup({ delay: null });
    renderAt('/schools', { '/schools': <SchoolsPage /> });
    await user.click(await screen.findByRole('button', { name: 'Edit Elmfield Primary School' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change Elmfield Primary School' });
    const name = within(dialog).getByRole('textbox', { name: 'School name' });
    await user.clear(name);
    await user.type(name, 'Willow Park Primary');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(name).toHaveAccessibleDescription('There is already a school called Willow Park Primary.'));
    await user.clear(name);
    await user.type(name, 'Elmfield Church of England Primary');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.updateSchool).toHaveBeenLastCalledWith(expect.objectContaining({ id: ELMFIELD, name: 'Elmfield Church of England Primary' })));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });
});
