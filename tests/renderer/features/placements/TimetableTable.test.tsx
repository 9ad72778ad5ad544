import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { isoWeekday } from '../../../../shared/domain/bank-holidays';
import { planTimetable } from '../../../../shared/domain/timetable';
import { renderScreen, TODAY } from './support';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./support')).mockedApi }));

const { TimetableTable } = await import('../../../../renderer/features/placements/TimetableTable');
const { thisWeekLine } = await import('../../../../renderer/features/placements/weeks');

/** Weekdays, except October half term (26–30 October 2026) and an INSET day on Friday 6 November. */
const isSchoolDay = (date: string) =>
  isoWeekday(date) <= 5 && !(date >= '2026-10-26' && date <= '2026-10-30') && date !== '2026-11-06' && !(date >= '2026-12-19' && date <= '2027-01-04');

// Starts on a Wednesday, two weeks before half term, with the Key's usual plan (home on Fridays).
const timetable = planTimetable('2026-10-14', isSchoolDay);

describe('the placement timetable', () => {
  it('shows each week Monday to Friday in words: Key, Home or no school, with the holiday as a gap', () => {
    renderScreen(<TimetableTable timetable={timetable} pupilName="Jonny Pike" today={TODAY} />);
    const table = screen.getByRole('table', { name: /Week-by-week timetable for Jonny Pike/ });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[0]!).getAllByRole('columnheader').map((c) => c.textContent)).toEqual(['Week', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri']);

    const week1 = within(table).getByRole('row', { name: /^Week 1\b/ });
    const cells = within(week1).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('Before the start');
    expect(cells[2]).toHaveTextContent('Key14/10/2026');
    expect(cells[3]).toHaveTextContent('Key15/10/2026');
    expect(cells[4]).toHaveTextContent('Home16/10/2026');

    // Half term is a row of its own, not a placement week: the next week is week 3.
    const holidays = within(table).getAllByRole('row', { name: /^No school/ });
    expect(holidays.map((row) => row.textContent)).toEqual([
      'No schoolHoliday: 26/10/2026 to 30/10/2026',
      'No schoolHoliday: 21/12/2026 to 01/01/2027',
    ]);
    const week3 = within(table).getByRole('row', { name: /^Week 3\b/ });
    expect(within(week3).getAllByRole('cell')[0]).toHaveTextContent('Key02/11/2026');
    // The INSET day on Friday 6 November: no school, said in words for a screen reader.
    expect(within(week3).getAllByRole('cell')[4]).toHaveTextContent('No school06/11/2026');
  });

  it('marks this week, says which days the pupil is expected at the Key, and gives the totals', () => {
    renderScreen(<TimetableTable timetable={timetable} pupilName="Jonny Pike" today={TODAY} />);
    const current = screen.getByRole('row', { current: 'date' });
    expect(current).toHaveTextContent('Week 6');
    expect(current).toHaveTextContent('This week');
    expect(screen.getByText('Expected at the Key on: Mon, Tue, Wed, Thu')).toBeInTheDocument();
    expect(screen.getByText('This week: week 6 of the placement, beginning 23/11/2026.')).toBeInTheDocument();
    const totals = screen.getByRole('region', { name: 'Totals' });
    const [y, m, d] = timetable.endDate.split('-');
    expect(totals).toHaveTextContent(`Key days${timetable.keyDays} of 85`);
    expect(totals).toHaveTextContent(`Planned end${d}/${m}/${y}`);
    expect(timetable.days.filter((day) => day.place === 'key')).toHaveLength(timetable.keyDays);
  });

  it('says what is true in weeks without a Key day', () => {
    expect(thisWeekLine(timetable, '2026-10-28')).toBe('No school this week.');
    expect(thisWeekLine(timetable, '2026-09-01')).toBe('The placement starts on 14/10/2026.');
    expect(thisWeekLine(timetable, '2028-01-03')).toMatch(/^The plan ended on /);
    // At the weekend, the week ahead: Sunday 1 November looks at the week of 2 November.
    expect(thisWeekLine(timetable, '2026-11-01')).toBe('Expected at the Key on: Mon, Tue, Wed, Thu');
    expect(thisWeekLine(timetable, '2026-10-25')).toBe('No school this week.');
  });
});
