import { screen, within } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router-dom';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TodayBase, TodaySummary } from '../../../../shared/api/specs/registers';
import type { Base } from '../../../../shared/domain/bases';
import { ok, signedInAs } from '../../api-mock';
import { renderScreen } from '../../render';

const api = { status: vi.fn(), bases: vi.fn(), settings: vi.fn(), today: vi.fn() };
vi.mock('../../../../renderer/lib/api', () => ({
  api: {
    app: { status: () => api.status() },
    bases: { list: () => api.bases() },
    settings: { get: () => api.settings() },
    registers: { today: () => api.today() },
  },
}));

const { TodayPage } = await import('../../../../renderer/features/today/TodayPage');

const parkgate = { id: '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11', name: 'Parkgate', hostSchool: 'Parkgate Primary School', places: 24, keyStages: ['KS1', 'KS2'], placed: 19 } as Base;
const fredBird = { id: '0b9c4a8e-2b6f-4d0a-8f3e-5c1d2e3f4a5b', name: 'Frederick Bird', hostSchool: 'Frederick Bird Primary School', places: 12, keyStages: ['KS1'], placed: 12 } as Base;

const pupil = (n: number, school: string | null = 'Elmfield Primary') => ({ pupilId: `c${n}c${n}c${n}c${n}-1111-4111-8111-111111111111`, name: `Pupil ${n}`, homeSchoolName: school });

const empty = (base: Base): TodayBase => ({
  baseId: base.id,
  baseName: base.name,
  noSchool: null,
  register: { session: 'AM', state: 'not-taken', startsAt: '09:00', closesAt: '09:30', expected: 0, unmarked: 0 },
  atKey: [],
  atHomeSchool: [],
  startingThisWeek: [],
  endingThisWeek: [],
});

function summary(bases: TodayBase[]): TodaySummary {
  return { date: '2026-11-23', weekFrom: '2026-11-23', weekTo: '2026-11-29', bases };
}

function Where() {
  const location = useLocation();
  return <p>Now at {location.pathname + location.search}</p>;
}

function renderToday() {
  return renderScreen(
    <Routes>
      <Route path="/" element={<TodayPage />} />
      <Route path="/registers" element={<Where />} />
    </Routes>,
  );
}

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.status.mockImplementation(() => ok({ ...signedInAs(['manager']), today: '2026-11-23' }));
  api.bases.mockImplementation(() => ok([parkgate, fredBird]));
  api.settings.mockImplementation(() => ok({ defaultBaseId: null }));
});

describe('the Today screen', () => {
  it("shows each base's register for this session, who is where, and this week's starts and ends, on the core's date", async () => {
    api.today.mockImplementation(() =>
      ok(
        summary([
          {
            ...empty(parkgate),
            register: { session: 'PM', state: 'open', startsAt: '13:00', closesAt: '13:30', expected: 3, unmarked: 2 },
            atKey: [pupil(1), pupil(2), pupil(3)],
            atHomeSchool: [pupil(4, 'Willow Lane Primary')],
            startingThisWeek: [{ ...pupil(5), placementId: 'p5', date: '2026-11-25' }],
          },
          { ...empty(fredBird), register: { session: 'AM', state: 'submitted', startsAt: '09:00', closesAt: '09:30', expected: 2, unmarked: 0 } },
        ]),
      ),
    );
    renderToday();
    expect(await screen.findByText('Monday 23/11/2026')).toBeInTheDocument();
    const card = await screen.findByRole('region', { name: 'Parkgate' });
    expect(within(card).getByText('Afternoon register (PM, 13:00–13:30)')).toBeInTheDocument();
    expect(within(card).getByText('Incomplete: 2 pupils unmarked')).toBeInTheDocument();
    expect(within(within(card).getByRole('list', { name: 'At the Key today' })).getAllByRole('listitem')).toHaveLength(3);
    expect(within(card).getByRole('list', { name: 'At their home school today' })).toHaveTextContent('Pupil 4 (Willow Lane Primary)');
    expect(within(card).getByRole('list', { name: 'Starting this week' })).toHaveTextContent('Pupil 5 (Wednesday 25/11/2026)');
    expect(within(card).getByText('No placements end this week.')).toBeInTheDocument();
    expect(within(card).getByText('19 of 24 places filled')).toBeInTheDocument();
    const fred = screen.getByRole('region', { name: 'Frederick Bird' });
    expect(within(fred).getByText('Submitted')).toBeInTheDocument();
    expect(within(fred).getByText('Nobody is expected at the Key today.')).toBeInTheDocument();

    await userEvent.setup({ delay: null }).click(within(card).getByRole('link', { name: 'Open the afternoon register at Parkgate' }));
    expect(await screen.findByText(`Now at /registers?base=${parkgate.id}&date=2026-11-23&session=PM`)).toBeInTheDocument();
  });

  it('says there is no school today and why, on a holiday', async () => {
    api.today.mockImplementation(() => ok(summary([{ ...empty(parkgate), noSchool: 'half term', register: null }])));
    renderToday();
    const card = await screen.findByRole('region', { name: 'Parkgate' });
    expect(await within(card).findByText('No school today at Parkgate (half term)')).toBeInTheDocument();
    expect(within(card).queryByRole('link', { name: /Open the/ })).not.toBeInTheDocument();
    // A teacher at Parkgate only: Frederick Bird shows its places, no register.
    expect(within(screen.getByRole('region', { name: 'Frederick Bird' })).queryByText(/register/)).not.toBeInTheDocument();
  });

  it('shows an administrator (who takes no registers) the places only, without asking for registers', async () => {
    api.status.mockImplementation(() => ok({ ...signedInAs(['administrator']), today: '2026-11-23' }));
    renderToday();
    expect(await screen.findByText('19 of 24 places filled')).toBeInTheDocument();
    expect(api.today).not.toHaveBeenCalled();
  });
});
