import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FormModal } from '../../../../renderer/components/FormModal';
import { api, ok, OUTCOME_1, OUTCOME_2, PLACEMENT_ID, refuse, renderScreen, resetApi, supportPlan, TODAY, version, VERSION_ID } from './support';

vi.mock('../../../../renderer/lib/api', async () => ({ api: (await import('./support')).mockedApi }));

const { PlanEditor } = await import('../../../../renderer/features/plans/PlanEditor');
const { ReviewForm } = await import('../../../../renderer/features/plans/ReviewForm');
const { MeasureForm } = await import('../../../../renderer/features/plans/MeasureForm');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${TODAY}T10:00:00`));
  resetApi();
});
afterEach(() => vi.useRealTimers());

const user = () => userEvent.setup({ delay: null });

/** Enters a whole value at once, as a paste: typing costs a render a keystroke, and is tested keystroke by keystroke where it matters (the SDQ scores). */
async function enter(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, value: string) {
  await user.click(field);
  await user.paste(value);
}

describe('the plan editor', () => {
  it('refuses an outcome without success criteria or target date under those fields, and sends nothing', async () => {
    const u = user();
    renderScreen(<PlanEditor version={version({ content: { ...version().content, outcomes: [] } })} pupilName="Jonny Pike" onDone={() => undefined} />);
    await u.click(screen.getByRole('button', { name: 'Add an outcome' }));
    const first = screen.getByRole('group', { name: 'Outcome 1' });
    await enter(u, within(first).getByRole('textbox', { name: 'Outcome' }), 'Asks an adult for help when stuck');
    await u.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await within(first).findByText('Enter the success criteria for the outcome.')).toBeInTheDocument();
    expect(within(first).getByText('Enter the target date as dd/mm/yyyy.')).toBeInTheDocument();
    expect(api.saveDraft).not.toHaveBeenCalled();
  });

  it('sends the content with outcome ids kept and provision added, and shows the core’s refusal under the field it names', async () => {
    api.saveDraft.mockImplementationOnce(() => refuse('INVALID_INPUT', 'The success criteria must say what the adults will see.', 'content.outcomes.1.successCriteria'));
    const done = vi.fn();
    const u = user();
    renderScreen(<PlanEditor version={version()} pupilName="Jonny Pike" onDone={done} />);
    await enter(u, screen.getByRole('textbox', { name: 'My strengths' }), 'Kind to younger pupils');
    const second = screen.getByRole('group', { name: 'Outcome 2' });
    await u.click(within(second).getByRole('button', { name: 'Add provision to outcome 2' }));
    const line = screen.getByRole('group', { name: 'Provision 1 for outcome 2' });
    await enter(u, within(line).getByRole('textbox', { name: 'What' }), 'Lunch club');
    await enter(u, within(line).getByRole('textbox', { name: 'How often' }), 'Daily');
    await u.click(screen.getByRole('button', { name: 'Save draft' }));

    const criteria = within(second).getByRole('textbox', { name: 'Success criteria' });
    expect(await within(second).findByText('The success criteria must say what the adults will see.')).toBeInTheDocument();
    expect(criteria).toHaveFocus();
    expect(done).not.toHaveBeenCalled();
    const sent = api.saveDraft.mock.calls[0]![0] as { versionId: string; content: { aboutMe: { strengths: string }; outcomes: Array<{ id: string; provision: unknown[] }> } };
    expect(sent.versionId).toBe(VERSION_ID);
    expect(sent.content.aboutMe.strengths).toBe('Kind to younger pupils');
    expect(sent.content.outcomes.map((o) => o.id)).toEqual([OUTCOME_1, OUTCOME_2]);
    expect(sent.content.outcomes[1]!.provision).toEqual([{ what: 'Lunch club', who: '', howOften: 'Daily', where: '', fromDate: null }]);

    api.saveDraft.mockImplementationOnce(() => ok(supportPlan()));
    await u.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
  });

  it('asks before Cancel throws away what was typed', async () => {
    const close = vi.fn();
    const u = user();
    renderScreen(
      <FormModal opened onClose={close} title="Edit the plan">
        <PlanEditor version={version()} pupilName="Jonny Pike" onDone={close} />
      </FormModal>,
    );
    const dialog = screen.getByRole('dialog', { name: 'Edit the plan' });
    await enter(u, within(dialog).getByRole('textbox', { name: 'Who I trust' }), 'Mr Hale');
    await u.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('dialog', { name: 'Discard changes?' })).toBeInTheDocument();
    expect(close).not.toHaveBeenCalled();
  });
});

describe('the review form', () => {
  it('starts as the start review the schedule expects, says it locks the version, and does not ask for ratings', async () => {
    api.review.mockImplementation(() => ok(supportPlan()));
    const done = vi.fn();
    const u = user();
    renderScreen(<ReviewForm plan={supportPlan()} pupilName="Jonny Pike" onDone={done} />);
    expect(screen.getByRole('combobox', { name: 'Kind of review' })).toHaveValue('Start review');
    expect(screen.getByText('Recording this review locks version 1')).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup', { name: /Progress/ })).not.toBeInTheDocument();
    await enter(u, screen.getByRole('textbox', { name: 'Who attended' }), 'Mrs Pike (mum), Mr Hale (class teacher)');
    await u.click(screen.getByRole('button', { name: 'Record review' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    const sent = api.review.mock.calls[0]![0] as { kind: string; heldOn: string; ratings: Array<{ outcomeId: string; rating: number | null }> };
    expect(sent).toMatchObject({ versionId: VERSION_ID, kind: 'start', heldOn: TODAY });
    expect(sent.ratings.map((r) => [r.outcomeId, r.rating])).toEqual([
      [OUTCOME_1, null],
      [OUTCOME_2, null],
    ]);
  });

  it('at an interim review asks for a rating on the five-step scale for each outcome not yet achieved', async () => {
    const reviewed = supportPlan({
      versions: [version({ status: 'reviewed', reviewedOn: '2026-11-09' })],
      reviews: [],
      achieved: { [OUTCOME_2]: '2026-11-16' },
      schedule: { points: [], nextDue: '2026-12-21', nextKind: 'interim', status: 'scheduled' },
    });
    api.review.mockImplementation(() => ok(reviewed));
    const u = user();
    renderScreen(<ReviewForm plan={reviewed} pupilName="Jonny Pike" onDone={() => undefined} />);
    expect(screen.getByRole('combobox', { name: 'Kind of review' })).toHaveValue('Review');
    expect(screen.getByText('Version 1 is already locked')).toBeInTheDocument();
    // The achieved outcome is not rated again.
    expect(screen.queryByRole('group', { name: /Eats lunch in the hall/ })).not.toBeInTheDocument();
    const first = screen.getByRole('group', { name: 'Outcome 1: Stays in class for the whole lesson' });
    const scale = within(first).getByRole('radiogroup', { name: /Progress/ });
    expect(within(scale).getAllByRole('radio').map((r) => (r as HTMLInputElement).labels?.[0]?.textContent)).toEqual([
      '-2 Much worse',
      '-1 A little worse',
      '0 No change',
      '+1 Some progress',
      '+2 Good progress',
    ]);
    await enter(u, screen.getByRole('textbox', { name: 'Who attended' }), 'Mr Hale');
    await u.click(screen.getByRole('button', { name: 'Record review' }));
    expect(await within(first).findByText('Choose how much progress there has been towards outcome 1.')).toBeInTheDocument();
    expect(api.review).not.toHaveBeenCalled();

    await u.click(within(scale).getByRole('radio', { name: '+1 Some progress' }));
    await enter(u, within(first).getByRole('textbox', { name: 'Evidence' }), 'Stayed in 3 of 5 maths lessons.');
    await u.click(within(first).getByRole('radio', { name: 'Achieved' }));
    await u.click(screen.getByRole('button', { name: 'Record review' }));
    await waitFor(() => expect(api.review).toHaveBeenCalled());
    expect(api.review.mock.calls[0]![0]).toMatchObject({
      kind: 'interim',
      ratings: [{ outcomeId: OUTCOME_1, rating: 1, evidence: 'Stayed in 3 of 5 maths lessons.', nextSteps: '', decision: 'achieved' }],
    });
  });

  it('shows a date the core refuses under the date', async () => {
    api.review.mockImplementation(() => refuse('INVALID_INPUT', 'A review cannot be dated before the plan started (09/11/2026).', 'heldOn'));
    const u = user();
    renderScreen(<ReviewForm plan={supportPlan()} pupilName="Jonny Pike" onDone={() => undefined} />);
    await enter(u, screen.getByRole('textbox', { name: 'Who attended' }), 'Mr Hale');
    await u.click(screen.getByRole('button', { name: 'Record review' }));
    const date = screen.getByRole('textbox', { name: 'Held on' });
    await waitFor(() => expect(date).toHaveAccessibleDescription('A review cannot be dated before the plan started (09/11/2026).'));
  });
});

describe('the measure form', () => {
  it('works out the SDQ total and bands as the scores are typed, and sends the scores only', async () => {
    api.addMeasure.mockImplementation(() => ok({}));
    const done = vi.fn();
    const u = user();
    renderScreen(<MeasureForm placementId={PLACEMENT_ID} pupilName="Jonny Pike" firstOne onDone={done} />);
    expect(screen.getByRole('combobox', { name: 'When' })).toHaveValue('Baseline');
    expect(screen.getByText(/Enter all five scores to see the total difficulties/)).toBeInTheDocument();
    const scores = { 'Emotional symptoms': '5', 'Conduct problems': '3', 'Hyperactivity and inattention': '8', 'Peer relationship problems': '2', 'Prosocial behaviour': '3' };
    for (const [label, value] of Object.entries(scores)) await u.type(screen.getByRole('textbox', { name: label }), value);
    // 5 + 3 + 8 + 2 = 18: the teacher version's "High" band (16–18); prosocial 3 is "Very low" (4 would be "Low").
    const table = await screen.findByRole('table', { name: 'Total and bands' });
    expect(within(table).getByRole('row', { name: /Total difficulties/ })).toHaveTextContent('18 of 40High');
    expect(within(table).getByRole('row', { name: /Prosocial behaviour/ })).toHaveTextContent('3Very low');
    expect(screen.getByRole('textbox', { name: 'Emotional symptoms' })).toHaveAccessibleDescription('Band: High');

    await enter(u, screen.getByRole('textbox', { name: 'Completed by' }), 'Class teacher');
    await u.click(screen.getByRole('button', { name: 'Record measure' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
    expect(api.addMeasure).toHaveBeenCalledWith({
      placementId: PLACEMENT_ID,
      kind: 'sdq-teacher',
      point: 'baseline',
      takenOn: TODAY,
      completedBy: 'Class teacher',
      scores: { emotional: 5, conduct: 3, hyperactivity: 8, peer: 2, prosocial: 3, impact: null },
    });
  });

  it('refuses a subscale of 11 under that score, and sends nothing', async () => {
    const u = user();
    renderScreen(<MeasureForm placementId={PLACEMENT_ID} pupilName="Jonny Pike" firstOne={false} onDone={() => undefined} />);
    for (const label of ['Emotional symptoms', 'Conduct problems', 'Hyperactivity and inattention', 'Peer relationship problems', 'Prosocial behaviour']) {
      await u.type(screen.getByRole('textbox', { name: label }), label === 'Conduct problems' ? '11' : '2');
    }
    await u.click(screen.getByRole('button', { name: 'Record measure' }));
    const conduct = screen.getByRole('textbox', { name: 'Conduct problems' });
    await waitFor(() => expect(conduct).toHaveAccessibleDescription(expect.stringContaining('The conduct problems score must be from 0 to 10.')));
    expect(api.addMeasure).not.toHaveBeenCalled();
  });

  it('records Leuven levels by their words, and Boxall with only the strands given', async () => {
    api.addMeasure.mockImplementation(() => ok({}));
    const u = user();
    renderScreen(<MeasureForm placementId={PLACEMENT_ID} pupilName="Jonny Pike" firstOne={false} onDone={() => undefined} />);
    await u.click(screen.getByRole('combobox', { name: 'Measure' }));
    await u.click(screen.getByRole('option', { name: 'Leuven scales' }));
    await u.click(within(screen.getByRole('radiogroup', { name: /Wellbeing/ })).getByRole('radio', { name: '4 – High' }));
    await u.click(within(screen.getByRole('radiogroup', { name: /Involvement/ })).getByRole('radio', { name: '2 – Low' }));
    await u.click(screen.getByRole('button', { name: 'Record measure' }));
    await waitFor(() => expect(api.addMeasure).toHaveBeenCalledTimes(1));
    expect(api.addMeasure.mock.calls[0]![0]).toMatchObject({ kind: 'leuven', point: 'review', scores: { wellbeing: 4, involvement: 2 } });

    await u.click(screen.getByRole('combobox', { name: 'Measure' }));
    await u.click(screen.getByRole('option', { name: 'Boxall Profile' }));
    expect(screen.getByRole('group', { name: 'Developmental strands' })).toBeInTheDocument();
    await u.type(screen.getByRole('textbox', { name: 'A. Gives purposeful attention' }), '9');
    await u.type(screen.getByRole('textbox', { name: 'Q. Disengaged' }), '3');
    await u.click(screen.getByRole('button', { name: 'Record measure' }));
    await waitFor(() => expect(api.addMeasure).toHaveBeenCalledTimes(2));
    expect(api.addMeasure.mock.calls[1]![0]).toMatchObject({ kind: 'boxall', scores: { A: 9, Q: 3 } });
    expect(Object.keys((api.addMeasure.mock.calls[1]![0] as { scores: object }).scores)).toEqual(['A', 'Q']);
  });
});
