import { describe, expect, it } from 'vitest';
import { comparePlanVersions, provisionText } from '../../../shared/domain/plan-compare';
import { emptyPlanContent, type PlanContent, type PlanOutcome } from '../../../shared/domain/plans';

const O1 = '11111111-1111-4111-8111-111111111111';
const O2 = '22222222-2222-4222-8222-222222222222';
const P1 = '33333333-3333-4333-8333-333333333333';
const P2 = '44444444-4444-4444-8444-444444444444';

const outcome = (id: string, patch: Partial<PlanOutcome> = {}): PlanOutcome => ({
  id,
  what: 'Stays in class for the whole lesson',
  area: 'semh',
  successCriteria: 'Four lessons in five without leaving the room',
  targetDate: '2027-02-12',
  provision: [{ id: P1, what: 'Check-in with keyworker', who: 'Mrs Okafor', howOften: 'Daily', where: 'Nurture room', fromDate: null }],
  carriedFrom: null,
  ...patch,
});

const plan = (patch: Partial<PlanContent> = {}): PlanContent => ({ ...emptyPlanContent(), outcomes: [outcome(O1)], ...patch });

describe('comparing two versions of a plan', () => {
  it('finds nothing when only the spaces around a field differ', () => {
    const before = plan({ aboutMe: { ...emptyPlanContent().aboutMe, strengths: 'Kind to younger pupils' } });
    const after = plan({ aboutMe: { ...emptyPlanContent().aboutMe, strengths: '  Kind to younger pupils \n' } });
    expect(comparePlanVersions(before, after)).toEqual([]);
  });

  it('says a field was added, removed or changed, with its label and the text before and after', () => {
    const base = emptyPlanContent();
    const before = plan({ aboutMe: { ...base.aboutMe, strengths: 'Kind', interests: 'Football' }, views: { ...base.views, pupil: 'I like maths' } });
    const after = plan({ aboutMe: { ...base.aboutMe, strengths: 'Kind and funny', whoITrust: 'Mr Hale' }, views: { ...base.views, pupil: 'I like maths' }, needs: { ...base.needs, semh: 'Anxious at transitions' } });
    expect(comparePlanVersions(before, after)).toEqual([
      { section: 'About me', field: 'My strengths', kind: 'changed', before: 'Kind', after: 'Kind and funny' },
      { section: 'About me', field: 'My interests', kind: 'removed', before: 'Football', after: null },
      { section: 'About me', field: 'Who I trust', kind: 'added', before: null, after: 'Mr Hale' },
      { section: 'Needs', field: 'Social, emotional and mental health', kind: 'added', before: null, after: 'Anxious at transitions' },
    ]);
  });

  it('matches outcomes by id, so a reworded outcome is one change under its new wording', () => {
    const after = plan({ outcomes: [outcome(O1, { what: 'Stays in class for most lessons', area: 'communication-interaction', targetDate: '2027-03-26' })] });
    expect(comparePlanVersions(plan(), after)).toEqual([
      { section: 'Outcome: Stays in class for most lessons', field: 'The outcome', kind: 'changed', before: 'Stays in class for the whole lesson', after: 'Stays in class for most lessons' },
      { section: 'Outcome: Stays in class for most lessons', field: 'Area of need', kind: 'changed', before: 'Social, emotional and mental health', after: 'Communication and interaction' },
      { section: 'Outcome: Stays in class for most lessons', field: 'Target date', kind: 'changed', before: '12/02/2027', after: '26/03/2027' },
    ]);
  });

  it('lists outcomes added and removed', () => {
    const after = plan({ outcomes: [outcome(O2, { what: 'Eats lunch in the hall' })] });
    expect(comparePlanVersions(plan(), after)).toEqual([
      { section: 'Outcome: Eats lunch in the hall', field: 'The outcome', kind: 'added', before: null, after: 'Eats lunch in the hall' },
      { section: 'Outcome: Stays in class for the whole lesson', field: 'The outcome', kind: 'removed', before: 'Stays in class for the whole lesson', after: null },
    ]);
  });

  it('compares provision line by line: changed, added and removed, each as one readable line', () => {
    const changedLine = { id: P1, what: 'Check-in with keyworker', who: 'Mrs Okafor', howOften: 'Twice a day', where: 'Nurture room', fromDate: '2027-01-04' };
    const newLine = { id: P2, what: 'Lego therapy', who: '', howOften: 'Weekly', where: '', fromDate: null };
    const after = plan({ outcomes: [outcome(O1, { provision: [changedLine, newLine] })] });
    const section = 'Outcome: Stays in class for the whole lesson';
    expect(comparePlanVersions(plan(), after)).toEqual([
      {
        section,
        field: 'Provision',
        kind: 'changed',
        before: 'Check-in with keyworker · Mrs Okafor · Daily · Nurture room',
        after: 'Check-in with keyworker · Mrs Okafor · Twice a day · Nurture room · from 04/01/2027',
      },
      { section, field: 'Provision', kind: 'added', before: null, after: 'Lego therapy · Weekly' },
    ]);
    expect(comparePlanVersions(after, plan())).toContainEqual({ section, field: 'Provision', kind: 'removed', before: 'Lego therapy · Weekly', after: null });
    expect(provisionText(newLine)).toBe('Lego therapy · Weekly');
  });
});
