import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchStatus } from '../../../../shared/api/specs/report-jobs';
import { mockClient, ok, refuse, resetMocks, signedInAs } from '../../api-mock';

const mocks = { status: vi.fn(), bases: vi.fn(), settings: vi.fn(), start: vi.fn(), batch: vi.fn(), cancel: vi.fn() };
vi.mock('../../../../renderer/lib/api', () => ({
  api: mockClient({
    'app.status': mocks.status,
    'bases.list': mocks.bases,
    'settings.get': mocks.settings,
    'reports.batchStart': mocks.start,
    'reports.batchStatus': mocks.batch,
    'reports.batchCancel': mocks.cancel,
  }),
}));

const { BatchExport } = await import('../../../../renderer/features/reports/BatchExport');

const JOB = '9a1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11';
const PARKGATE = { id: '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11', name: 'Parkgate' };
const status = (over: Partial<BatchStatus>): BatchStatus => ({
  jobId: JOB,
  total: 36,
  saved: [],
  failed: [],
  current: null,
  finished: false,
  cancelled: false,
  folder: '/reports',
  ...over,
});

function renderBatch() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false }, queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <BatchExport />
      </QueryClientProvider>
    </MantineProvider>,
  );
}

async function fillIn() {
  await userEvent.type(screen.getByRole('textbox', { name: 'Placements ending from' }), '01/07/2027');
  await userEvent.type(screen.getByRole('textbox', { name: 'to' }), '31/07/2027');
  await userEvent.type(screen.getByRole('textbox', { name: 'Folder to save the reports in' }), '/reports');
}

describe('batch export on the Reports page', () => {
  beforeEach(() => {
    resetMocks(mocks);
    mocks.status.mockReturnValue(ok(signedInAs(['manager'])));
    mocks.bases.mockReturnValue(ok([PARKGATE]));
    mocks.settings.mockReturnValue(ok({ defaultBaseId: null, autoLockMinutes: 5 }));
  });

  it('starts a batch for the dates and folder, shows "12 of 36" and lists what was saved and what failed', async () => {
    mocks.start.mockReturnValue(ok({ jobId: JOB, total: 36 }));
    const saved = Array.from({ length: 11 }, (_v, i) => `Pupil${i} - Reintegration report.pdf`);
    mocks.batch.mockReturnValue(ok(status({ saved, failed: [{ pupilName: 'Noor Faulty', reason: 'The PDF could not be drawn.' }], finished: true, current: null })));
    renderBatch();
    await fillIn();
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(mocks.start).toHaveBeenCalledWith({ from: '2027-07-01', to: '2027-07-31', folder: '/reports' });
    expect(await screen.findByText(/12 of 36/)).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Reports saved: 12 of 36' })).toBeInTheDocument();
    expect(screen.getByText('Noor Faulty: The PDF could not be drawn.')).toBeInTheDocument();
    expect(screen.getByText('Pupil0 - Reintegration report.pdf')).toBeInTheDocument();
  });

  it('offers Cancel while the batch runs', async () => {
    mocks.start.mockReturnValue(ok({ jobId: JOB, total: 36 }));
    mocks.batch.mockReturnValue(ok(status({ saved: ['A.pdf'], current: 'Ben Oak' })));
    mocks.cancel.mockReturnValue(ok(status({ saved: ['A.pdf'], finished: true, cancelled: true })));
    renderBatch();
    await fillIn();
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(await screen.findByText('1 of 36: Ben Oak')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(mocks.cancel).toHaveBeenCalledWith({ jobId: JOB });
  });

  it('shows a folder that cannot be written under the folder field', async () => {
    mocks.start.mockReturnValue(refuse('INVALID_INPUT', 'Key Desk cannot save reports into /reports: there is no such folder. Choose another folder.', 'folder'));
    renderBatch();
    await fillIn();
    await userEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(await screen.findByText(/there is no such folder/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Folder to save the reports in' })).toHaveAccessibleDescription(/there is no such folder/);
  });
});
