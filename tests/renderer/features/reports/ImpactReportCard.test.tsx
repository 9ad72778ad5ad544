import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient, ok, refuse, signedInAs } from '../../api-mock';
import { renderScreen } from '../../render';

const impact = vi.fn();
const bases = vi.fn();
const status = vi.fn();
const settings = vi.fn();
vi.mock('../../../../renderer/lib/api', () => ({
  api: mockClient({ 'reports.impact': impact, 'bases.list': bases, 'app.status': status, 'settings.get': settings }),
}));
const shown = vi.fn();
vi.mock('@mantine/notifications', () => ({ notifications: { show: (n: unknown) => shown(n) } }));

const { ImpactReportCard } = await import('../../../../renderer/features/reports/ImpactReportCard');

const PARKGATE = 'b9999999-0000-4000-8000-000000000001';
const BIRD = 'b9999999-0000-4000-8000-000000000002';
const pdf = btoa('%PDF-1.7\n');

beforeEach(() => {
  for (const fn of [impact, bases, status, settings, shown]) fn.mockReset();
  bases.mockReturnValue(
    ok([
      { id: PARKGATE, name: 'Parkgate', hostSchool: 'Parkgate Primary School', places: 24, keyStages: ['KS1', 'KS2'], placed: 2 },
      { id: BIRD, name: 'Frederick Bird', hostSchool: 'Frederick Bird Academy', places: 12, keyStages: ['KS3'], placed: 1 },
    ]),
  );
  settings.mockReturnValue(ok({ defaultBaseId: null }));
  URL.createObjectURL = vi.fn(() => 'blob:key-desk/1');
  URL.revokeObjectURL = vi.fn();
});

describe('the Impact report card', () => {
  it('previews this academic year for all bases for a manager', async () => {
    status.mockReturnValue(ok({ ...signedInAs(['manager']), today: '2027-02-10' }));
    impact.mockReturnValue(ok({ fileName: 'Impact report - All bases - 2026-27.pdf', pdf }));
    renderScreen(<ImpactReportCard />);
    expect(await screen.findByRole('combobox', { name: 'Academic year' })).toHaveValue('2026/27');
    expect(await screen.findByRole('combobox', { name: 'Base' })).toHaveValue('All bases');
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(impact).toHaveBeenCalledWith({ year: 2026 });
    const dialog = await screen.findByRole('dialog', { name: 'Impact report 2026/27: All bases' });
    expect(within(dialog).getByText('Impact report - All bases - 2026-27.pdf')).toBeInTheDocument();
  });

  it('offers a teacher their own base only, and shows a refusal plainly', async () => {
    status.mockReturnValue(ok({ ...signedInAs({ id: 'a1111111-1111-4111-8111-111111111111', name: 'Ann Smith', username: 'asmith', roles: ['teacher'], baseIds: [PARKGATE] }), today: '2027-02-10' }));
    impact.mockReturnValue(refuse('NOT_FOUND', 'You can print the impact report only for the bases you work at.', 'baseId'));
    renderScreen(<ImpactReportCard />);
    const base = await screen.findByRole('combobox', { name: 'Base' });
    await vi.waitFor(() => expect(base).toHaveValue('Parkgate'));
    await userEvent.click(base);
    expect(screen.queryByRole('option', { name: 'All bases' })).toBeNull();
    expect(screen.queryByRole('option', { name: 'Frederick Bird' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Preview' }));
    expect(impact).toHaveBeenCalledWith({ year: 2026, baseId: PARKGATE });
    await vi.waitFor(() => expect(shown).toHaveBeenCalledWith(expect.objectContaining({ title: 'The impact report was not made' })));
  });
});
