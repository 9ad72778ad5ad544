import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ok, resetApi, signedInAs } from './api-mock';
import { ELMFIELD } from './fixtures';
import { renderAt } from './render';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./api-mock')).mockedApi }));

const { SchoolsPage } = await import('../../../../renderer/features/schools/SchoolsPage');
const { PupilsPage } = await import('../../../../renderer/features/pupils/PupilsPage');

beforeEach(() => {
  resetApi();
  api.status.mockImplementation(() => ok(signedInAs(['manager'])));
  api.bases.mockImplementation(() => ok([]));
  api.schools.mockImplementation(() => ok([{ id: ELMFIELD, name: 'Elmfield Primary School', sencoName: null, phone: null, email: null, address: null }]));
  api.list.mockImplementation(() => ok([]));
  api.findDuplicates.mockImplementation(() => ok([]));
});

async function openAddSchool() {
  const user = userEvent.setup({ delay: null });
  renderAt('/schools', { '/schools': <SchoolsPage /> });
  await user.click(await screen.findByRole('button', { name: 'Add school' }));
  const dialog = await screen.findByRole('dialog', { name: 'Add school' });
  return { user, dialog, name: within(dialog).getByRole('textbox', { name: 'School name' }) };
}

/** The dimmed page behind a dialog: clicking it is "a click outside". */
const overlayOf = (dialog: HTMLElement) => dialog.closest('.mantine-Modal-root')!.querySelector('.mantine-Modal-overlay')!;

describe('a dialog holding a form', () => {
  it('closes at once on Escape, a click outside or Cancel while nothing has been typed', async () => {
    const { user, dialog } = await openAddSchool();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Add school' }));
    fireEvent.click(overlayOf(await screen.findByRole('dialog', { name: 'Add school' })));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Add school' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Add school' })).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(dialog).not.toBeInTheDocument();
  });

  it('asks before Escape throws away what was typed, and keeps it when staff go back to it', async () => {
    const { user, dialog, name } = await openAddSchool();
    await user.type(name, 'Larkspur Vale Primary');
    await user.keyboard('{Escape}');
    const ask = await screen.findByRole('dialog', { name: 'Discard changes?' });
    expect(ask).toHaveTextContent('What you have typed in this form will be lost.');
    // Going back is the safe default: it has the focus.
    expect(within(ask).getByRole('button', { name: 'Keep editing' })).toHaveFocus();
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Discard changes?' })).not.toBeInTheDocument());
    expect(dialog).toBeInTheDocument();
    expect(name).toHaveValue('Larkspur Vale Primary');

    // Escape on the question goes back to the form too, rather than closing everything.
    await user.click(name);
    await user.keyboard('{Escape}');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Discard changes?' })).not.toBeInTheDocument());
    expect(name).toHaveValue('Larkspur Vale Primary');

    await user.click(name);
    await user.keyboard('{Escape}');
    await user.click(within(await screen.findByRole('dialog', { name: 'Discard changes?' })).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.createSchool).not.toHaveBeenCalled();
  });

  it('asks on a click outside, the close button and Cancel once something has changed', async () => {
    const { user, dialog, name } = await openAddSchool();
    await user.type(name, 'L');
    fireEvent.click(overlayOf(dialog));
    await user.click(within(await screen.findByRole('dialog', { name: 'Discard changes?' })).getByRole('button', { name: 'Keep editing' }));
    // The dialog's own close button (the app's theme names it "Close").
    await user.click(dialog.querySelector<HTMLButtonElement>('.mantine-Modal-close')!);
    await user.click(within(await screen.findByRole('dialog', { name: 'Discard changes?' })).getByRole('button', { name: 'Keep editing' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Discard changes?' })).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('closes at once when what was typed is taken back out', async () => {
    const { user, name } = await openAddSchool();
    await user.type(name, 'Lark');
    await user.clear(name);
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('asks only about the school dialog opened from inside the pupil form, and leaves the pupil form open', async () => {
    const user = userEvent.setup({ delay: null });
    renderAt('/pupils', { '/pupils': <PupilsPage /> });
    await user.click(await screen.findByRole('button', { name: 'Add pupil' }));
    const pupilDialog = await screen.findByRole('dialog', { name: 'Add pupil' });
    fireEvent.change(within(pupilDialog).getByRole('textbox', { name: 'Legal first name' }), { target: { value: 'Marigold' } });
    await user.click(within(pupilDialog).getByRole('button', { name: 'Add a school' }));
    const schoolDialog = await screen.findByRole('dialog', { name: 'Add a school' });
    await user.type(within(schoolDialog).getByRole('textbox', { name: 'School name' }), 'Lark');

    await user.keyboard('{Escape}');
    const ask = await screen.findByRole('dialog', { name: 'Discard changes?' });
    await user.click(within(ask).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add a school' })).not.toBeInTheDocument());
    // The pupil form is still open, with what was typed in it.
    expect(screen.queryByRole('dialog', { name: 'Discard changes?' })).not.toBeInTheDocument();
    expect(within(pupilDialog).getByRole('textbox', { name: 'Legal first name' })).toHaveValue('Marigold');
    // The pupil form is a big one to draw on a busy machine.
  }, 60_000);
});
