import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient, ok } from '../../api-mock';
import { renderScreen } from '../../render';

const passport = vi.fn();
vi.mock('../../../../renderer/lib/api', () => ({ api: mockClient({ 'reports.passport': passport }) }));

const { PassportButton } = await import('../../../../renderer/features/reports/PassportButton');

const placementId = 'c9999999-0000-4000-8000-000000000001';

beforeEach(() => {
  passport.mockReset();
  URL.createObjectURL = vi.fn(() => 'blob:key-desk/1');
  URL.revokeObjectURL = vi.fn();
});

describe('the Pupil passport button', () => {
  it('asks for the placement’s passport and shows it in the preview with its file name', async () => {
    passport.mockReturnValue(ok({ fileName: 'Brook Ada - Pupil passport - 2026-12-02.pdf', pdf: btoa('%PDF-1.7\n') }));
    renderScreen(<PassportButton placementId={placementId} pupilName="Ada Brook" />);
    await userEvent.click(screen.getByRole('button', { name: 'Pupil passport for Ada Brook' }));
    expect(passport).toHaveBeenCalledWith({ placementId });
    const dialog = await screen.findByRole('dialog', { name: 'Pupil passport: Ada Brook' });
    expect(within(dialog).getByText('Brook Ada - Pupil passport - 2026-12-02.pdf')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: /Print/ })).toBeInTheDocument();
  });
});
