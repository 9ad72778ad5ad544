import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Base } from '../../../../shared/domain/bases';
import type { Role, StaffMember } from '../../../../shared/domain/staff';
import { ok, signedInAs } from '../../api-mock';
import { renderScreen } from '../../render';

const api = {
  status: vi.fn(),
  bases: vi.fn(),
  list: vi.fn(),
  create: vi.fn(),
  update: vi.fn(),
  setPassword: vi.fn(),
  remove: vi.fn(),
};
vi.mock('../../../../renderer/lib/api', () => ({
  api: {
    app: { status: () => api.status() },
    bases: { list: () => api.bases() },
    staff: {
      list: () => api.list(),
      create: (input: unknown) => api.create(input),
      update: (input: unknown) => api.update(input),
      setPassword: (input: unknown) => api.setPassword(input),
      remove: (input: unknown) => api.remove(input),
      failedSignIns: () => Promise.resolve({ ok: true, value: [] }),
    },
  },
}));

const { StaffPage } = await import('../../../../renderer/features/staff/StaffPage');

const parkgate = { id: '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11', name: 'Parkgate', hostSchool: 'Parkgate Primary School', places: 24, keyStages: ['KS1', 'KS2'], placed: 19 } as Base;
const fredBird = { id: '0b9c4a8e-2b6f-4d0a-8f3e-5c1d2e3f4a5b', name: 'Frederick Bird', hostSchool: 'Frederick Bird Primary', places: 16, keyStages: ['KS2'], placed: 12 } as Base;

const ann: StaffMember = { id: 'a1111111-1111-4111-8111-111111111111', name: 'Ann Smith', username: 'asmith', roles: ['manager', 'administrator'], baseIds: [] };
const bea: StaffMember = { id: 'b2222222-2222-4222-8222-222222222222', name: 'Bea Jones', username: 'bjones', roles: ['teacher'], baseIds: [parkgate.id] };

const renderPage = () => renderScreen(<StaffPage />);

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.status.mockImplementation(() => ok(signedInAs(ann)));
  api.bases.mockImplementation(() => ok([parkgate, fredBird]));
  api.list.mockImplementation(() => ok([ann, bea]));
});

/** Enters a whole value at once, as a paste: typing costs a render a keystroke, and is tested keystroke by keystroke where it matters (the password rule). */
async function enter(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, value: string) {
  await user.click(field);
  await user.paste(value);
}

describe('the Staff screen', () => {
  it('lists current staff with their roles and, for teachers, their bases by name', async () => {
    renderPage();
    const beaRow = await screen.findByRole('row', { name: /Bea Jones/ });
    expect(within(beaRow).getByText('bjones')).toBeInTheDocument();
    expect(within(beaRow).getByText('Teacher')).toBeInTheDocument();
    expect(await within(beaRow).findByText('Parkgate')).toBeInTheDocument();
    const annRow = screen.getByRole('row', { name: /Ann Smith/ });
    expect(within(annRow).getByText('You')).toBeInTheDocument();
    expect(within(annRow).getByText('Manager')).toBeInTheDocument();
    expect(within(annRow).getByText('Every base')).toBeInTheDocument();
  });

  it('says so while loading and when there is nobody', async () => {
    let answer: (value: unknown) => void = () => undefined;
    api.list.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    renderPage();
    expect(screen.getByLabelText('Loading staff')).toBeInTheDocument();
    answer({ ok: true, value: [] });
    expect(await screen.findByText('No staff yet.')).toBeInTheDocument();
  });

  it('shows a manager the list but no way to change it', async () => {
    api.status.mockImplementation(() => ok(signedInAs({ ...ann, roles: ['manager'] as Role[] })));
    renderPage();
    await screen.findByRole('row', { name: /Bea Jones/ });
    expect(screen.queryByRole('button', { name: 'Add member of staff' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove Bea Jones' })).not.toBeInTheDocument();
  });

  it('adds a member of staff: shows the password rule as they type, then the error the core returns under its field', async () => {
    api.create.mockResolvedValue({ ok: false, error: { code: 'CONFLICT', message: 'Someone already has the username cdavies.', field: 'username' } });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findByRole('row', { name: /Bea Jones/ });
    await user.click(await screen.findByRole('button', { name: 'Add member of staff' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add member of staff' });

    await enter(user, within(dialog).getByRole('textbox', { name: 'Name' }), 'Cara Davies');
    await enter(user, within(dialog).getByRole('textbox', { name: 'Username' }), 'cdavies');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Teacher' }));
    expect(within(dialog).getByText(/A teacher with no bases sees no pupils/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('combobox', { name: 'Bases' }));
    await user.click(await screen.findByRole('option', { name: 'Parkgate' }));
    expect(within(dialog).queryByText(/A teacher with no bases sees no pupils/)).not.toBeInTheDocument();

    const password = within(dialog).getByLabelText('Password');
    expect(password).toHaveAccessibleDescription(/At least 10 characters/);
    await user.type(password, 'short');
    expect(password).toHaveAccessibleDescription('Use at least 10 characters.');
    await user.clear(password);
    await user.type(password, 'cdavies-kettle-27');
    expect(password).toHaveAccessibleDescription('Do not use your name or username in your password.');
    await user.clear(password);
    await user.type(password, 'blue kettle orchard');
    expect(password).toHaveAccessibleDescription('This password meets the rules.');

    // Not the same twice: refused here, nothing sent.
    await user.type(within(dialog).getByLabelText('Type the password again'), 'blue kettle');
    await user.click(within(dialog).getByRole('button', { name: 'Add member of staff' }));
    expect(await within(dialog).findByText('The two passwords are not the same.')).toBeInTheDocument();
    expect(api.create).not.toHaveBeenCalled();

    await user.type(within(dialog).getByLabelText('Type the password again'), ' orchard');
    await user.click(within(dialog).getByRole('button', { name: 'Add member of staff' }));
    await waitFor(() => expect(api.create).toHaveBeenCalledTimes(1));
    expect(api.create).toHaveBeenCalledWith({
      name: 'Cara Davies',
      username: 'cdavies',
      roles: ['teacher'],
      baseIds: [parkgate.id],
      password: 'blue kettle orchard',
    });
    const username = within(dialog).getByRole('textbox', { name: 'Username' });
    await waitFor(() => expect(username).toHaveAccessibleDescription(/Someone already has the username cdavies\./));
    expect(username).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('dialog', { name: 'Add member of staff' })).toBeInTheDocument();
  });

  it('puts an error the core does not pin on a field at the top of the form', async () => {
    api.create.mockResolvedValue({ ok: false, error: { code: 'NOT_AVAILABLE', message: 'Key Desk is not answering.' } });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Add member of staff' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add member of staff' });
    await enter(user, within(dialog).getByRole('textbox', { name: 'Name' }), 'Cara Davies');
    await enter(user, within(dialog).getByRole('textbox', { name: 'Username' }), 'cdavies');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Manager' }));
    await enter(user, within(dialog).getByLabelText('Password'), 'blue kettle orchard');
    await enter(user, within(dialog).getByLabelText('Type the password again'), 'blue kettle orchard');
    await user.click(within(dialog).getByRole('button', { name: 'Add member of staff' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Key Desk is not answering.');
  });

  it('edits someone without a password, sending only what changed', async () => {
    api.update.mockImplementation((input: { id: string; name: string }) => ok({ ...bea, ...input }));
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Edit Bea Jones' }));
    const dialog = await screen.findByRole('dialog', { name: "Change Bea Jones's details" });
    expect(within(dialog).queryByLabelText('Password')).not.toBeInTheDocument();
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await enter(user, name, 'Bea Jones-Hall');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.update).toHaveBeenCalledWith({ id: bea.id, name: 'Bea Jones-Hall' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('sets a new password for someone who forgot theirs, checked against their own name', async () => {
    api.setPassword.mockImplementation(() => ok({ changed: true }));
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Set password for Bea Jones' }));
    const dialog = await screen.findByRole('dialog', { name: 'Set a new password for Bea Jones' });
    const password = within(dialog).getByLabelText('New password');
    await user.type(password, 'jones-family-1');
    expect(password).toHaveAccessibleDescription('Do not use your name or username in your password.');
    await user.clear(password);
    await enter(user, password, 'blue kettle orchard');
    await enter(user, within(dialog).getByLabelText('Type the new password again'), 'blue kettle orchard');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    await waitFor(() => expect(api.setPassword).toHaveBeenCalledWith({ id: bea.id, password: 'blue kettle orchard' }));
  });

  it('asks before removing someone, naming them and saying their past actions stay in the audit trail', async () => {
    api.remove.mockImplementation(() => ok({ removed: true }));
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Remove Bea Jones' }));
    let dialog = await screen.findByRole('dialog', { name: 'Remove Bea Jones?' });
    expect(dialog).toHaveTextContent('Bea Jones (bjones) will no longer be able to sign in');
    expect(dialog).toHaveTextContent('Their past actions stay in the audit trail');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.remove).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Remove Bea Jones' }));
    dialog = await screen.findByRole('dialog', { name: 'Remove Bea Jones?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove Bea Jones' }));
    await waitFor(() => expect(api.remove).toHaveBeenCalledWith({ id: bea.id }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.list).toHaveBeenCalledTimes(2);
  });

  it('does not offer to remove your own account, which the core would refuse', async () => {
    renderPage();
    const annRow = await screen.findByRole('row', { name: /Ann Smith/ });
    expect(within(annRow).getByRole('button', { name: 'Edit Ann Smith' })).toBeInTheDocument();
    expect(within(annRow).queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
    expect(within(screen.getByRole('row', { name: /Bea Jones/ })).getByRole('button', { name: 'Remove Bea Jones' })).toBeInTheDocument();
  });

  it('warns under Bases about a teacher with no bases and asks before adding them', async () => {
    api.create.mockImplementation((input: Omit<StaffMember, 'id'>) => ok({ ...input, id: 'c3333333-3333-4333-8333-333333333333' }));
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Add member of staff' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add member of staff' });
    await enter(user, within(dialog).getByRole('textbox', { name: 'Name' }), 'Cara Davies');
    await enter(user, within(dialog).getByRole('textbox', { name: 'Username' }), 'cdavies');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Teacher' }));
    expect(within(dialog).getByRole('combobox', { name: 'Bases' })).toHaveAccessibleDescription('A teacher with no bases sees no pupils. Choose the bases they work at.');
    await enter(user, within(dialog).getByLabelText('Password'), 'blue kettle orchard');
    await enter(user, within(dialog).getByLabelText('Type the password again'), 'blue kettle orchard');
    await user.click(within(dialog).getByRole('button', { name: 'Add member of staff' }));

    // Not added silently: asked first, and Back keeps what was typed.
    expect(await within(dialog).findByText(/Cara Davies will be a teacher with no bases, so they will see no pupils until a base is chosen for them\./)).toBeInTheDocument();
    expect(api.create).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Back to choose bases' }));
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveValue('Cara Davies');
    await user.click(within(dialog).getByRole('button', { name: 'Add member of staff' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Add without bases' }));
    await waitFor(() => expect(api.create).toHaveBeenCalledWith({ name: 'Cara Davies', username: 'cdavies', roles: ['teacher'], baseIds: [], password: 'blue kettle orchard' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('asks before taking the last base away from a teacher, but not for a manager without bases', async () => {
    api.update.mockImplementation((input: Partial<StaffMember>) => ok({ ...bea, ...input }));
    const user = userEvent.setup({ delay: null });
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Edit Bea Jones' }));
    const dialog = await screen.findByRole('dialog', { name: "Change Bea Jones's details" });
    const bases = within(dialog).getByRole('combobox', { name: 'Bases' });
    expect(bases).toHaveAccessibleDescription(/Teachers see only the pupils at these bases/);
    await user.click(bases);
    await user.click(await screen.findByRole('option', { name: 'Parkgate' }));
    expect(bases).toHaveAccessibleDescription('A teacher with no bases sees no pupils. Choose the bases they work at.');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Save without bases' }));
    await waitFor(() => expect(api.update).toHaveBeenCalledWith({ id: bea.id, baseIds: [] }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Edit Bea Jones' }));
    const again = await screen.findByRole('dialog', { name: "Change Bea Jones's details" });
    await user.click(within(again).getByRole('checkbox', { name: 'Manager' }));
    await user.click(within(again).getByRole('checkbox', { name: 'Teacher' }));
    await user.click(within(again).getByRole('combobox', { name: 'Bases' }));
    await user.click(await screen.findByRole('option', { name: 'Parkgate' }));
    expect(within(again).getByRole('combobox', { name: 'Bases' })).toHaveAccessibleDescription(/Managers and administrators see every base/);
    await user.click(within(again).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(api.update).toHaveBeenLastCalledWith({ id: bea.id, roles: ['manager'], baseIds: [] }));
  });
});
