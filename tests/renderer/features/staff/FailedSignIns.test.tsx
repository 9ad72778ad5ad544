import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Base } from '../../../../shared/domain/bases';
import type { FailedSignIns, Role, StaffMember } from '../../../../shared/domain/staff';
import { ok, signedInAs } from '../../api-mock';
import { renderScreen } from '../../render';

const api = {
  status: vi.fn(),
  list: vi.fn(),
  failedSignIns: vi.fn(),
  clearFailedSignIns: vi.fn(),
};
vi.mock('../../../../renderer/lib/api', () => ({
  api: {
    app: { status: () => api.status() },
    bases: { list: () => Promise.resolve({ ok: true, value: [parkgate] }) },
    staff: {
      list: () => api.list(),
      failedSignIns: () => api.failedSignIns(),
      clearFailedSignIns: (input: unknown) => api.clearFailedSignIns(input),
    },
  },
}));

const { StaffPage } = await import('../../../../renderer/features/staff/StaffPage');

const parkgate = { id: '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11', name: 'Parkgate', hostSchool: 'Parkgate Primary School', places: 24, keyStages: ['KS1', 'KS2'], placed: 19 } as Base;
const ann: StaffMember = { id: 'a1111111-1111-4111-8111-111111111111', name: 'Ann Smith', username: 'asmith', roles: ['administrator'], baseIds: [] };
const bea: StaffMember = { id: 'b2222222-2222-4222-8222-222222222222', name: 'Bea Jones', username: 'bjones', roles: ['teacher'], baseIds: [parkgate.id] };
const cal: StaffMember = { id: 'c3333333-3333-4333-8333-333333333333', name: 'Cal Price', username: 'cprice', roles: ['manager'], baseIds: [] };

/** Local times, so the expected text does not depend on the machine's time zone. */
const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).toISOString();
const beaLockedOut: FailedSignIns = { staffId: bea.id, failures: 6, lastFailedAt: local(2026, 11, 23, 9, 40), waitUntil: local(2026, 11, 23, 9, 55) };
const calOneTry: FailedSignIns = { staffId: cal.id, failures: 1, lastFailedAt: local(2026, 11, 22, 16, 5), waitUntil: null };

const renderPage = () => renderScreen(<StaffPage />);

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.status.mockImplementation(() => ok(signedInAs(ann)));
  api.list.mockImplementation(() => ok([ann, bea, cal]));
  api.failedSignIns.mockImplementation(() => ok([beaLockedOut, calOneTry]));
  api.clearFailedSignIns.mockImplementation(() => ok({ cleared: true }));
});

describe('wrong passwords on the Staff screen', () => {
  it('shows an administrator each person’s wrong passwords and whether they must wait', async () => {
    renderPage();
    expect(await screen.findByRole('columnheader', { name: 'Wrong passwords' })).toBeInTheDocument();
    const beaRow = await screen.findByRole('row', { name: /Bea Jones/ });
    expect(await within(beaRow).findByText('6 wrong passwords, last 23/11/2026 09:40')).toBeInTheDocument();
    expect(within(beaRow).getByText('Must wait until 23/11/2026 09:55')).toBeInTheDocument();
    const calRow = screen.getByRole('row', { name: /Cal Price/ });
    expect(within(calRow).getByText('1 wrong password, last 22/11/2026 16:05')).toBeInTheDocument();
    expect(within(calRow).queryByText(/Must wait/)).not.toBeInTheDocument();
    const annRow = screen.getByRole('row', { name: /Ann Smith/ });
    expect(within(annRow).getByText('None')).toBeInTheDocument();
    expect(within(annRow).queryByRole('button', { name: /try again/ })).not.toBeInTheDocument();
    // An administrator alone sees no pupils, and the Bases column says so.
    expect(within(annRow).getByText('No pupils (staff and settings only)')).toBeInTheDocument();
  });

  it('lets an administrator end a wait at once', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage();
    const beaRow = await screen.findByRole('row', { name: /Bea Jones/ });
    await within(beaRow).findByText(/Must wait until/);
    api.failedSignIns.mockImplementation(() => ok([calOneTry]));
    await user.click(within(beaRow).getByRole('button', { name: 'Let Bea Jones try again now' }));
    await waitFor(() => expect(api.clearFailedSignIns).toHaveBeenCalledWith({ id: bea.id }));
    await waitFor(() => expect(within(beaRow).getByText('None')).toBeInTheDocument());
    expect(within(beaRow).queryByText(/Must wait/)).not.toBeInTheDocument();
  });

  it('shows a manager who is not an administrator no wrong passwords, and does not ask for them', async () => {
    api.status.mockImplementation(() => ok(signedInAs({ ...cal, roles: ['manager'] as Role[] })));
    renderPage();
    await screen.findByRole('row', { name: /Bea Jones/ });
    expect(screen.queryByRole('columnheader', { name: 'Wrong passwords' })).not.toBeInTheDocument();
    expect(screen.queryByText(/wrong password/)).not.toBeInTheDocument();
    expect(api.failedSignIns).not.toHaveBeenCalled();
  });
});
