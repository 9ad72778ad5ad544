import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Base } from '../../../../shared/domain/bases';

const update = vi.fn();
vi.mock('../../../../renderer/lib/api', () => ({ api: { bases: { update: (input: unknown) => update(input) } } }));

const { BaseForm } = await import('../../../../renderer/features/settings/BaseForm');

const parkgate: Base = {
  id: '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11',
  name: 'Parkgate',
  hostSchool: 'Parkgate Primary School',
  places: 24,
  keyStages: ['KS1', 'KS2'],
  placed: 19,
};

function renderForm(base: Base = parkgate) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <BaseForm base={base} />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('the base form in Settings', () => {
  beforeEach(() => update.mockReset());

  it('says places cannot go below the pupils placed, and sends nothing', async () => {
    renderForm();
    const places = screen.getByRole('textbox', { name: 'Places' });
    await userEvent.clear(places);
    await userEvent.type(places, '12');
    await userEvent.click(screen.getByRole('button', { name: 'Save Parkgate' }));
    expect(await screen.findByText(/19 pupils are placed at this base/)).toBeInTheDocument();
    expect(update).not.toHaveBeenCalled();
  });

  it('needs a name and at least one key stage', async () => {
    renderForm();
    await userEvent.clear(screen.getByRole('textbox', { name: 'Name' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'KS1' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'KS2' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save Parkgate' }));
    expect(await screen.findByText('Enter a name for the base.')).toBeInTheDocument();
    expect(screen.getByText('Choose at least one key stage.')).toBeInTheDocument();
    expect(update).not.toHaveBeenCalled();
  });

  it('sends a valid change and shows the error the core returns under its field', async () => {
    update.mockResolvedValue({
      ok: false,
      error: { code: 'CONFLICT', message: 'There is already a base called Frederick Bird.', field: 'name' },
    });
    renderForm();
    const name = screen.getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'Frederick Bird');
    await userEvent.click(screen.getByRole('button', { name: 'Save Parkgate' }));
    await waitFor(() => expect(update).toHaveBeenCalledTimes(1));
    expect(update.mock.calls[0]?.[0]).toEqual({
      id: parkgate.id,
      name: 'Frederick Bird',
      hostSchool: 'Parkgate Primary School',
      places: 24,
      keyStages: ['KS1', 'KS2'],
    });
    expect(await screen.findByText('There is already a base called Frederick Bird.')).toBeInTheDocument();
  });
});
