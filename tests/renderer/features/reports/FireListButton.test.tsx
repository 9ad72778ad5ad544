import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok, refuse } from '../../api-mock';

const fireList = vi.fn();
vi.mock('../../../../renderer/lib/api', () => ({ api: { reports: { fireList: (input: unknown) => fireList(input) } } }));
const shown = vi.fn();
vi.mock('@mantine/notifications', () => ({ notifications: { show: (n: unknown) => shown(n) } }));

const { FireListButton } = await import('../../../../renderer/features/reports/FireListButton');

const baseId = '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11';
const fileName = 'Fire list - Parkgate - 2026-12-02 0915.pdf';
/** "%PDF-1.7" as the core would send it: base64. */
const pdf = btoa('%PDF-1.7\n');

function renderButton() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <FireListButton baseId={baseId} baseName="Parkgate" />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('the Fire list button', () => {
  const made: Blob[] = [];
  beforeEach(() => {
    fireList.mockReset();
    shown.mockReset();
    made.length = 0;
    // jsdom has no object URLs: count the PDFs made into them.
    URL.createObjectURL = vi.fn((blob: Blob) => {
      made.push(blob);
      return `blob:key-desk/${made.length}`;
    });
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => vi.restoreAllMocks());

  it('asks the core for the base’s fire list and shows it in a preview with Save and Print', async () => {
    fireList.mockReturnValue(ok({ fileName, pdf }));
    renderButton();
    await userEvent.click(screen.getByRole('button', { name: 'Fire list for Parkgate' }));
    expect(fireList).toHaveBeenCalledWith({ baseId });
    const dialog = await screen.findByRole('dialog', { name: 'Fire list: Parkgate' });
    const frame = within(dialog).getByTitle('Fire list: Parkgate: preview');
    expect(frame.getAttribute('src')).toMatch(/^blob:/);
    expect(made[0]?.type).toBe('application/pdf');
    expect(await made[0]?.text()).toBe('%PDF-1.7\n');
    expect(within(dialog).getByText(fileName)).toBeInTheDocument();

    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(clicked.map((a) => a.download)).toEqual([fileName]);
    expect(within(dialog).getByRole('button', { name: 'Print' })).toBeEnabled();
  });

  it('says why when the core refuses, and shows no preview', async () => {
    fireList.mockReturnValue(refuse('NOT_FOUND', 'You can print fire lists only for the bases you work at.', 'baseId'));
    renderButton();
    await userEvent.click(screen.getByRole('button', { name: 'Fire list for Parkgate' }));
    await vi.waitFor(() => expect(shown).toHaveBeenCalledWith(expect.objectContaining({ title: 'The fire list was not made', message: 'You can print fire lists only for the bases you work at.' })));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
