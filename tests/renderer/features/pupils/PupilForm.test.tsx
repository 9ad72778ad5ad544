import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Pupil } from '../../../../shared/domain/pupil-record';
import { localIsoDate } from '../../../../shared/domain/dates';
import { academicYearOf, yearGroupFor, yearGroupLabel } from '../../../../shared/domain/pupils';
import { api, ok, refuse, resetApi, signedInAs } from './api-mock';
import { ELMFIELD, PARKGATE } from './fixtures';
import { renderAt } from './render';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./api-mock')).mockedApi }));

const { PupilsPage } = await import('../../../../renderer/features/pupils/PupilsPage');

/** A date of birth that makes a primary pupil whenever the test runs: 7 years ago, as typed and as sent. */
const now = new Date();
const born = new Date(now.getFullYear() - 7, 2, 4);
const dobIso = localIsoDate(born);
const dobTyped = `04/03/${born.getFullYear()}`;
const year = yearGroupFor(dobIso, academicYearOf(localIsoDate(now)));

const existingId = 'c9999999-3333-4333-8333-333333333333';
const newId = 'c8888888-3333-4333-8333-333333333333';

function saved(input: Record<string, unknown>): Pupil {
  return {
    id: newId,
    legalFirstName: String(input.legalFirstName),
    legalLastName: String(input.legalLastName),
    preferredName: null,
    dateOfBirth: String(input.dateOfBirth),
    gender: null,
    upn: null,
    yearGroup: year,
    yearGroupByAge: year,
    keyStage: 'KS1',
    homeSchoolId: null,
    homeSchoolName: null,
    senStatus: 'none',
    childInCare: false,
    virtualSchoolContact: null,
    hasPep: false,
    pathway: 'early-intervention',
    notes: null,
    createdAt: '2026-11-23T09:00:00.000Z',
    updatedAt: '2026-11-23T09:00:00.000Z',
  };
}

beforeEach(() => {
  resetApi();
  api.status.mockImplementation(() => ok(signedInAs(['manager'])));
  api.bases.mockImplementation(() => ok([{ id: PARKGATE, name: 'Parkgate', hostSchool: 'Parkgate Primary School', places: 24, keyStages: ['KS1', 'KS2'], placed: 0 }]));
  api.schools.mockImplementation(() => ok([{ id: ELMFIELD, name: 'Elmfield Primary School', sencoName: null, phone: null, email: null, address: null }]));
  api.list.mockImplementation(() => ok([]));
  api.findDuplicates.mockImplementation(() => ok([]));
  api.create.mockImplementation((input: Record<string, unknown>) => ok(saved(input)));
});

async function openForm() {
  const user = userEvent.setup({ delay: null });
  renderAt('/pupils', { '/pupils': <PupilsPage />, '/pupils/:id': <p>A pupil page</p> });
  await user.click(await screen.findByRole('button', { name: 'Add pupil' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add pupil' });
  return { user, dialog };
}

/** Enters the required fields a whole value at a time (as a paste): typing is tested where it matters (the UPN). */
async function fillIn(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement) {
  for (const [name, value] of [['Legal first name', 'Joanna'], ['Legal last name', 'Bloggs'], ['Date of birth', dobTyped]] as const) {
    await user.click(within(dialog).getByRole('textbox', { name }));
    await user.paste(value);
  }
  await user.tab();
}

describe('adding a pupil', () => {
  it('says what is missing, naming each field, and sends nothing', async () => {
    const { user, dialog } = await openForm();
    await user.click(within(dialog).getByRole('button', { name: 'Add pupil' }));
    expect(await within(dialog).findByText('Enter the legal first name.')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter the legal last name.')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter the date of birth.')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Legal first name' })).toHaveAttribute('aria-invalid', 'true');
    expect(api.create).not.toHaveBeenCalled();
  });

  it('checks the UPN as it is typed and refuses a future date of birth', async () => {
    const { user, dialog } = await openForm();
    const upn = within(dialog).getByRole('textbox', { name: 'UPN' });
    await user.type(upn, 'A12345678901');
    expect(upn).toHaveAccessibleDescription(/13 characters/);
    await user.type(upn, '9');
    expect(upn).toHaveAccessibleDescription('That UPN does not check out: look again at each character.');
    await user.type(within(dialog).getByRole('textbox', { name: 'Date of birth' }), `01/01/${now.getFullYear() + 1}`);
    await user.tab();
    await user.click(within(dialog).getByRole('button', { name: 'Add pupil' }));
    expect(await within(dialog).findByText('The date of birth is in the future.')).toBeInTheDocument();
    expect(api.create).not.toHaveBeenCalled();
  });

  it('shows the year group by date of birth, then adds the pupil and opens their page', async () => {
    const { user, dialog } = await openForm();
    await fillIn(user, dialog);
    expect(within(dialog).getByRole('textbox', { name: 'Date of birth' })).toHaveAccessibleDescription(new RegExp(`^${yearGroupLabel(year)} \\(KS\\d\\), by date of birth$`));
    await user.click(within(dialog).getByRole('button', { name: 'Add pupil' }));
    await waitFor(() => expect(api.create).toHaveBeenCalledTimes(1));
    expect(api.create.mock.calls[0]![0]).toMatchObject({ legalFirstName: 'Joanna', legalLastName: 'Bloggs', dateOfBirth: dobIso, upn: null, homeSchoolId: null, senStatus: 'none' });
    expect(api.create.mock.calls[0]![0]).not.toHaveProperty('allowDuplicate');
    await waitFor(() => expect(screen.getByTestId('address')).toHaveTextContent(`/pupils/${newId}`));
  });

  it('allows a year group taught in only one year either side of the age group, saying so under the field as it is chosen', async () => {
    const { user, dialog } = await openForm();
    await fillIn(user, dialog);
    const taughtIn = within(dialog).getByRole('combobox', { name: 'Taught in year group' });
    await user.click(taughtIn);
    await user.click(await screen.findByRole('option', { name: yearGroupLabel(year - 2) }));
    const message = new RegExp(
      `^Taught in year group can be at most one year either side of the year group by date of birth: this child is in ${yearGroupLabel(year)} by date of birth\\. Choose ${yearGroupLabel(year - 1)} or ${yearGroupLabel(year + 1)}, or leave it blank`,
    );
    await waitFor(() => expect(taughtIn).toHaveAccessibleDescription(message));
    expect(taughtIn).toHaveAttribute('aria-invalid', 'true');
    await user.click(within(dialog).getByRole('button', { name: 'Add pupil' }));
    expect(api.create).not.toHaveBeenCalled();

    await user.click(taughtIn);
    await user.click(await screen.findByRole('option', { name: yearGroupLabel(year - 1) }));
    await waitFor(() => expect(taughtIn).not.toHaveAttribute('aria-invalid', 'true'));
    await user.click(within(dialog).getByRole('button', { name: 'Add pupil' }));
    await waitFor(() => expect(api.create).toHaveBeenCalledWith(expect.objectContaining({ yearGroupOverride: year - 1 })));
    // Two choices and two saves typed in full: give a loaded machine time.
  }, 60_000);

  it('puts a problem the core finds under its field', async () => {
    api.create.mockImplementation(() => refuse('CONFLICT', 'That UPN is already on the record of Sam Okafor.', 'upn'));
    const { user, dialog } = await openForm();
    await fillIn(user, dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Add pupil' }));
    const upn = within(dialog).getByRole('textbox', { name: 'UPN' });
    await waitFor(() => expect(upn).toHaveAccessibleDescription(/That UPN is already on the record of Sam Okafor\./));
  });

  it('warns, with a link, when the same name and date of birth are already on record', async () => {
    api.findDuplicates.mockImplementation(() => ok([{ id: existingId, name: 'Jo Bloggs', dateOfBirth: dobIso }]));
    const { user, dialog } = await openForm();
    await fillIn(user, dialog);
    const warning = await within(dialog).findByText(`Jo Bloggs born ${dobTyped} is already on record.`, { exact: false });
    expect(api.findDuplicates).toHaveBeenCalledWith({ legalFirstName: 'Joanna', legalLastName: 'Bloggs', dateOfBirth: dobIso });
    expect(within(warning).getByRole('link', { name: "Open Jo Bloggs's record" })).toHaveAttribute('href', `/pupils/${existingId}`);
  });

  it('when the core says DUPLICATE, adds the pupil only after "Add anyway"', async () => {
    api.create.mockImplementationOnce(() =>
      refuse('DUPLICATE', `Jo Bloggs, born ${dobTyped}, is already on record. Open that record instead, or confirm this is a different child.`, 'legalLastName'),
    );
    const { user, dialog } = await openForm();
    await fillIn(user, dialog);
    await user.click(within(dialog).getByRole('button', { name: 'Add pupil' }));
    const addAnyway = await within(dialog).findByRole('button', { name: 'Add anyway' });
    expect(within(dialog).getByText(/confirm this is a different child/)).toBeInTheDocument();
    expect(screen.getByTestId('address')).toHaveTextContent('/pupils');
    await user.click(addAnyway);
    await waitFor(() => expect(api.create).toHaveBeenCalledTimes(2));
    expect(api.create.mock.calls[1]![0]).toMatchObject({ legalFirstName: 'Joanna', allowDuplicate: true });
    await waitFor(() => expect(screen.getByTestId('address')).toHaveTextContent(`/pupils/${newId}`));
  });

  it('asks about the Virtual School and a PEP only for a child in care', async () => {
    const { user, dialog } = await openForm();
    expect(within(dialog).queryByRole('textbox', { name: 'Virtual School contact' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('checkbox', { name: /Child in care/ }));
    expect(within(dialog).getByRole('textbox', { name: 'Virtual School contact' })).toBeInTheDocument();
    expect(within(dialog).getByRole('checkbox', { name: 'Has a Personal Education Plan (PEP)' })).toBeInTheDocument();
  });

  it('keeps the Virtual School contact when "in care" is unticked by mistake', async () => {
    const { user, dialog } = await openForm();
    await fillIn(user, dialog);
    const inCare = within(dialog).getByRole('checkbox', { name: /Child in care/ });
    await user.click(inCare);
    await user.type(within(dialog).getByRole('textbox', { name: 'Virtual School contact' }), 'Dev Mistry');
    await user.click(inCare);
    await user.click(within(dialog).getByRole('button', { name: 'Add pupil' }));
    await waitFor(() => expect(api.create).toHaveBeenCalledTimes(1));
    expect(api.create.mock.calls[0]![0]).toMatchObject({ childInCare: false, virtualSchoolContact: 'Dev Mistry' });
  });

  it('adds a missing home school from the form and chooses it, without sending the pupil', async () => {
    const brookfield = { id: 'e3333333-3333-4333-8333-333333333333', name: 'Brookfield Primary', sencoName: null, phone: null, email: null, address: null };
    api.createSchool.mockImplementation(() => ok(brookfield));
    const { user, dialog } = await openForm();
    await user.click(within(dialog).getByRole('button', { name: 'Add a school' }));
    const schoolDialog = await screen.findByRole('dialog', { name: 'Add a school' });
    await user.type(within(schoolDialog).getByRole('textbox', { name: 'School name' }), 'Brookfield Primary');
    api.schools.mockImplementation(() => ok([brookfield]));
    await user.click(within(schoolDialog).getByRole('button', { name: 'Add school' }));
    await waitFor(() => expect(api.createSchool).toHaveBeenCalledWith({ name: 'Brookfield Primary', sencoName: null, phone: null, email: null, address: null }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add a school' })).not.toBeInTheDocument());
    await waitFor(() => expect(within(dialog).getByRole('combobox', { name: 'Home school' })).toHaveValue('Brookfield Primary'));
    expect(api.create).not.toHaveBeenCalled();
    expect(within(dialog).queryByText('Enter the legal first name.')).not.toBeInTheDocument();
  });
});
