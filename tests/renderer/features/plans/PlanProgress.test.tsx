import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlanProgress } from '../../../../renderer/features/plans/progress/PlanProgress';
import { EARLIER_PLACEMENT_ID, emptyPupilPlans, makePupilPlans, PLACEMENT_ID } from '../../../helpers/plan-fixtures';
import { renderScreen } from '../../render';

const cells = (table: HTMLElement) => within(table).getAllByRole('row').map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));

async function showTable(section: string) {
  const region = screen.getByRole('region', { name: section });
  await userEvent.click(within(region).getByRole('switch', { name: 'Show as table' }));
  return within(region).getByRole('table', { name: section });
}

describe('a placement’s progress charts', () => {
  it('names each chart, with its numbers in words for a screen reader', () => {
    renderScreen(<PlanProgress plans={makePupilPlans()} placementId={PLACEMENT_ID} />);
    expect(screen.getByRole('img', { name: /^Outcome ratings at each review/ })).toHaveAccessibleName(
      expect.stringContaining('1. Stays in class for a whole lesson: 19/10/2026 +1 Some progress, 30/11/2026 +2 Good progress (Achieved)'),
    );
    expect(screen.getByRole('img', { name: /^SDQ \(teacher\): baseline and latest/ })).toHaveAccessibleName(
      expect.stringContaining('Emotional symptoms: Baseline 08/09/2026 6 Very high, Latest 30/11/2026 4 Slightly raised, Change -2;'),
    );
    expect(screen.getByRole('img', { name: /^SDQ \(parent or carer\): baseline and latest/ })).toHaveAccessibleName(
      expect.stringContaining('Total difficulties: Baseline 10/09/2026 19 Abnormal.'),
    );
    expect(screen.getByRole('img', { name: /^Leuven wellbeing and involvement/ })).toHaveAccessibleName(
      expect.stringContaining('30/11/2026: When Review, Wellbeing 4 – High, Involvement 3 – Moderate.'),
    );
    expect(screen.getByRole('img', { name: /^Weekly attendance %/ })).toHaveAccessibleName(expect.stringContaining('w/c 16/11/2026 75.0%'));
  });

  it('shows each outcome’s ratings as a table, Achieved marked', async () => {
    renderScreen(<PlanProgress plans={makePupilPlans()} placementId={PLACEMENT_ID} />);
    const table = await showTable('Outcome ratings at each review');
    expect(cells(table)).toEqual([
      ['Outcome', '19/10/2026', '30/11/2026'],
      ['1. Stays in class for a whole lesson', '+1 Some progress', '+2 Good progress (Achieved)'],
      ['2. Asks an adult for help when upset', '0 No change', '-1 A little worse'],
      ['3. Plays a team game at break', '–', '+1 Some progress'],
    ]);
    expect(screen.queryByRole('img', { name: /^Outcome ratings/ })).not.toBeInTheDocument();
  });

  it('shows the SDQ scores, bands and change as a table', async () => {
    renderScreen(<PlanProgress plans={makePupilPlans()} placementId={PLACEMENT_ID} />);
    const rows = cells(await showTable('SDQ (teacher): baseline and latest'));
    expect(rows[0]).toEqual(['Scale', 'Baseline 08/09/2026', 'Latest 30/11/2026', 'Change', 'Bands']);
    expect(rows.map((r) => r.slice(0, 4))).toContainEqual(['Prosocial behaviour', '3 Very low', '5 Slightly lowered', '+2']);
    expect(rows.map((r) => r.slice(0, 4))).toContainEqual(['Total difficulties', '22 Very high', '16 High', '-6']);
  });

  it('shows Leuven and attendance as tables', async () => {
    renderScreen(<PlanProgress plans={makePupilPlans()} placementId={PLACEMENT_ID} />);
    expect(cells(await showTable('Leuven wellbeing and involvement'))[1]).toEqual(['08/09/2026', 'Baseline', '2 – Low', '2 – Low']);
    const attendance = screen.getByRole('region', { name: 'Weekly attendance %' });
    await userEvent.click(within(attendance).getByRole('switch', { name: 'Show as table' }));
    expect(cells(within(attendance).getByRole('table', { name: 'Weekly attendance' }))[1]).toEqual(['w/c 16/11/2026', '4', '3', '75.0%', 'Yes']);
  });

  it('says plainly what has not been recorded yet', () => {
    renderScreen(<PlanProgress plans={emptyPupilPlans()} placementId={PLACEMENT_ID} />);
    expect(screen.getByText('No reviews with ratings yet.')).toBeInTheDocument();
    expect(screen.getByText('No SDQ recorded yet.')).toBeInTheDocument();
    expect(screen.getByText('No Leuven scales recorded yet.')).toBeInTheDocument();
    expect(screen.getByText('No registers recorded in these weeks.')).toBeInTheDocument();
    // The parent version appears only when one was recorded.
    expect(screen.queryByRole('region', { name: /parent or carer/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('draws an earlier placement from its own measures, without the newest placement’s attendance', () => {
    const plans = makePupilPlans();
    plans.placements.push({ ...plans.placements[0]!, placementId: EARLIER_PLACEMENT_ID, status: 'ended', plan: null });
    renderScreen(<PlanProgress plans={plans} placementId={EARLIER_PLACEMENT_ID} />);
    expect(screen.getByRole('img', { name: /^SDQ \(teacher\)/ })).toHaveAccessibleName(expect.stringContaining('Emotional symptoms: Baseline 01/10/2025 7 Very high'));
    expect(screen.getByText('No reviews with ratings yet.')).toBeInTheDocument();
    expect(screen.getByText('No Leuven scales recorded yet.')).toBeInTheDocument();
    expect(screen.getByText('Attendance from the registers is shown for the newest placement.')).toBeInTheDocument();
  });
});

describe('the charts as drawn', () => {
  // jsdom lays nothing out: give each chart a size, and text a width, so recharts draws.
  const original = HTMLElement.prototype.getBoundingClientRect;
  beforeEach(() => {
    HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
      const text = this.tagName === 'SPAN';
      const width = text ? (this.textContent ?? '').length * 7 : 640;
      const height = text ? 14 : this.classList.contains('recharts-responsive-container') ? 300 : 24;
      return { width, height, x: 0, y: 0, top: 0, left: 0, right: width, bottom: height, toJSON: () => ({}) } as DOMRect;
    };
  });
  afterEach(() => {
    HTMLElement.prototype.getBoundingClientRect = original;
  });

  const texts = (el: Element) => [...el.querySelectorAll('text')].map((t) => t.textContent);

  it('puts the progress words on the axis, a marker on every rating and “Achieved” by its point', () => {
    renderScreen(<PlanProgress plans={makePupilPlans()} placementId={PLACEMENT_ID} />);
    const chart = screen.getByRole('img', { name: /^Outcome ratings at each review/ });
    expect(texts(chart)).toEqual(expect.arrayContaining(['-2 Much worse', '0 No change', '+2 Good progress', '19/10/2026', '30/11/2026', 'Achieved']));
    // 2 + 2 + 1 ratings, each a marker; each outcome's line its own dash.
    expect(chart.querySelectorAll('.recharts-line-dots .recharts-symbols')).toHaveLength(5);
    const dashes = [...chart.querySelectorAll('.recharts-line-curve')].map((l) => l.getAttribute('stroke-dasharray') ?? '');
    expect(new Set(dashes).size).toBe(3);
  });

  it('labels each SDQ bar with its score and band, baseline hatched beside latest solid', () => {
    renderScreen(<PlanProgress plans={makePupilPlans()} placementId={PLACEMENT_ID} />);
    const chart = screen.getByRole('img', { name: /^SDQ \(teacher\)/ });
    expect(texts(chart)).toEqual(expect.arrayContaining(['6 Very high', '4 Slightly raised', '3 Very low', '5 Slightly lowered', '22 Very high', '16 High']));
    expect(chart.querySelector('pattern')).not.toBeNull();
    // Behind each of the 5 + 1 scales' two bars, its four bands shaded in grey steps.
    const shading = chart.querySelectorAll('.sdq-bands');
    expect(shading).toHaveLength(12);
    // Emotional symptoms: close to average 0–3, slightly raised 4, high 5, very high 6–10.
    const widths = [...shading[0]!.querySelectorAll('rect')].map((r) => Number(r.getAttribute('width')));
    const whole = widths.reduce((a, b) => a + b, 0);
    expect(widths.map((w) => Math.round((w / whole) * 20) / 2)).toEqual([3.5, 1, 1, 4.5]);
  });
});
