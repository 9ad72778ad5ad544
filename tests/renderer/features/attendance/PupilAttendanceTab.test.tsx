import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PupilAttendance } from '../../../../shared/api/specs/registers';
import { attendanceFigures, weeklyAttendance, type RecordedSession } from '../../../../shared/domain/attendance';
import { mockClient, ok } from '../../api-mock';
import { renderScreen } from '../../render';

const pupilAttendance = vi.fn();
vi.mock('../../../../renderer/lib/api', () => ({ api: mockClient({ 'registers.pupilAttendance': pupilAttendance }) }));

const { PupilAttendanceTab } = await import('../../../../renderer/features/attendance/PupilAttendanceTab');

const pupilId = 'c1111111-3333-4333-8333-333333333333';

// Week of 16/11: 6 present, K, and an I amended to M: 7 of 8 = 87.5 %. Week of 23/11: / and O: 1 of 2 = 50.0 %.
const sessions: RecordedSession[] = [
  ...['16', '17', '18'].flatMap((d) => [
    { date: `2026-11-${d}`, session: 'AM' as const, expected: true, code: '/' },
    { date: `2026-11-${d}`, session: 'PM' as const, expected: true, code: '\\' },
  ]),
  { date: '2026-11-19', session: 'AM', expected: true, code: 'K' },
  { date: '2026-11-19', session: 'PM', expected: true, code: 'M' },
  { date: '2026-11-20', session: 'AM', expected: false, code: null },
  { date: '2026-11-23', session: 'AM', expected: true, code: '/' },
  { date: '2026-11-23', session: 'PM', expected: true, code: 'O' },
];

const data: PupilAttendance = {
  figures: attendanceFigures(sessions),
  weeks: weeklyAttendance(sessions),
  history: sessions.map((s) => ({
    ...s,
    baseName: 'Parkgate',
    minutesLate: null,
    originalCode: s.code === 'M' ? 'I' : s.code,
    amendments:
      s.code === 'M'
        ? [{ oldCode: 'I', oldMinutesLate: null, newCode: 'M', newMinutesLate: null, reason: 'Parent rang: dentist', amendedBy: 'Robin Ashdown', amendedAt: '2026-11-20T10:15:00.000Z' }]
        : [],
  })),
};

beforeEach(() => {
  pupilAttendance.mockReset();
  pupilAttendance.mockReturnValue(ok(data));
});

describe('the pupil’s Attendance tab', () => {
  it('shows the figures with the persistent absence marker', async () => {
    renderScreen(<PupilAttendanceTab pupilId={pupilId} pupilName="Jo Bloggs" />);
    const figures = await screen.findByLabelText("Jo Bloggs's attendance figures");
    const text = figures.textContent ?? '';
    expect(text).toContain('Possible sessions10');
    expect(text).toContain('Present7');
    expect(text).toContain('Approved educational activity1');
    expect(text).toContain('Authorised absence1');
    expect(text).toContain('Unauthorised absence1');
    expect(text).toContain('Attendance80.0%');
    expect(screen.getByText('Persistent absence: below 90%')).toBeInTheDocument();
    expect(pupilAttendance).toHaveBeenCalledWith({ pupilId });
  });

  it('switches the weekly chart to a table of the same numbers', async () => {
    renderScreen(<PupilAttendanceTab pupilId={pupilId} pupilName="Jo Bloggs" />);
    const chart = await screen.findByRole('img', { name: /Weekly attendance %/ });
    expect(chart).toHaveAccessibleName(expect.stringContaining('w/c 16/11/2026 87.5%'));
    await userEvent.click(screen.getByRole('switch', { name: 'Show as table' }));
    const table = screen.getByRole('table', { name: 'Weekly attendance' });
    const rows = within(table).getAllByRole('row').map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Week', 'Possible sessions', 'Attended', 'Attendance %', 'Below 90%'],
      ['w/c 16/11/2026', '8', '7', '87.5%', 'Yes'],
      ['w/c 23/11/2026', '2', '1', '50.0%', 'Yes'],
    ]);
    expect(screen.queryByRole('img', { name: /Weekly attendance %/ })).not.toBeInTheDocument();
  });

  it('lists every recorded session, with the original code and each amendment', async () => {
    renderScreen(<PupilAttendanceTab pupilId={pupilId} pupilName="Jo Bloggs" />);
    const history = await screen.findByRole('table', { name: 'Attendance history' });
    // 10 expected sessions (the home-school Friday is not listed), newest first.
    const rows = within(history).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(10);
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('23/11/2026');
    const amended = rows.find((r) => r.textContent?.includes('Parent rang'))!;
    expect(amended).toHaveTextContent('19/11/2026');
    expect(amended).toHaveTextContent('M – Leave of absence: medical or dental appointment');
    expect(amended).toHaveTextContent('Originally I');
    expect(amended).toHaveTextContent('I → M: Parent rang: dentist (Robin Ashdown, 20/11/2026');
  });
});
