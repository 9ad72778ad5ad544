import { describe, expect, it } from 'vitest';
import {
  PROGRESS_SCALE,
  planContentSchema,
  ratingText,
  reviewInputSchema,
  reviewSchedule,
  type ReviewKind,
} from '../../../shared/domain/plans';

/** A 26-week placement from Monday 07/09/2026 to Friday 05/03/2027, reviewed every 6 weeks. */
const START = '2026-09-07';
const END = '2027-03-05';
let n = 0;
const review = (kind: ReviewKind, heldOn: string) => ({ id: `r${++n}`, kind, heldOn });
const schedule = (reviews: ReturnType<typeof review>[], today: string, endDate: string | null = END, everyWeeks = 6) =>
  reviewSchedule({ startDate: START, endDate, everyWeeks, reviews, today });

describe('when plan reviews fall due', () => {
  it('puts a start review on the start date, one every 6 weeks, and an end review on the end date', () => {
    const { points } = schedule([], '2026-09-01');
    expect(points.map((p) => [p.kind, p.due])).toEqual([
      ['start', '2026-09-07'],
      ['interim', '2026-10-19'],
      ['interim', '2026-11-30'],
      ['interim', '2027-01-11'],
      // Not 22/02/2027: an interim review under half an interval before the end is left to the end review.
      ['end', '2027-03-05'],
    ]);
  });

  it('follows the plan’s own interval', () => {
    const { points } = schedule([], '2026-09-01', END, 4);
    expect(points.filter((p) => p.kind === 'interim').map((p) => p.due)).toEqual(['2026-10-05', '2026-11-02', '2026-11-30', '2026-12-28', '2027-01-25']);
  });

  it('keeps scheduling interim reviews, with no end review, while a placement has no end date', () => {
    const { points, nextDue } = schedule([review('start', START)], '2026-09-10', null);
    expect(points.some((p) => p.kind === 'end')).toBe(false);
    // A year ahead of today is scheduled: the last is 09/08/2027.
    expect(points.filter((p) => p.kind === 'interim').map((p) => p.due).at(-1)).toBe('2027-08-09');
    expect(nextDue).toBe('2026-10-19');
  });

  it('is due soon within 14 days, overdue the day after it was due, and scheduled before', () => {
    expect(schedule([], '2026-08-23')).toMatchObject({ nextDue: START, nextKind: 'start', status: 'scheduled' });
    expect(schedule([], '2026-08-24')).toMatchObject({ nextDue: START, status: 'due-soon' });
    expect(schedule([], START)).toMatchObject({ nextDue: START, status: 'due-soon' });
    expect(schedule([], '2026-09-08')).toMatchObject({ nextDue: START, status: 'overdue' });

    const started = [review('start', START)];
    expect(schedule(started, '2026-10-04')).toMatchObject({ nextDue: '2026-10-19', nextKind: 'interim', status: 'scheduled' });
    expect(schedule(started, '2026-10-05')).toMatchObject({ nextDue: '2026-10-19', status: 'due-soon' });
    expect(schedule(started, '2026-10-20')).toMatchObject({ nextDue: '2026-10-19', status: 'overdue' });
  });

  it('lets a late review cover the point it was nearest', () => {
    const start = review('start', START);
    const late = review('interim', '2026-10-28');
    const result = schedule([start, late], '2026-11-02');
    expect(result.points.find((p) => p.due === START)!.reviewId).toBe(start.id);
    expect(result.points.find((p) => p.due === '2026-10-19')!.reviewId).toBe(late.id);
    expect(result).toMatchObject({ nextDue: '2026-11-30', status: 'scheduled' });
  });

  it('does not chase a point that was missed and then overtaken by a later review', () => {
    const result = schedule([review('start', START), review('interim', '2026-12-02')], '2026-12-07');
    expect(result.points.find((p) => p.due === '2026-10-19')!.reviewId).toBeNull();
    expect(result.points.find((p) => p.due === '2026-11-30')!.reviewId).not.toBeNull();
    expect(result).toMatchObject({ nextDue: '2027-01-11', status: 'scheduled' });
  });

  it('leaves the end review due on the end date once the interim reviews are done', () => {
    const reviews = [review('start', START), review('interim', '2026-10-19'), review('interim', '2026-11-30'), review('interim', '2027-01-11')];
    expect(schedule(reviews, '2027-02-25')).toMatchObject({ nextDue: END, nextKind: 'end', status: 'due-soon' });
    expect(schedule(reviews, '2027-03-08')).toMatchObject({ nextDue: END, status: 'overdue' });
  });

  it('is complete once the end review is held, whatever was missed', () => {
    expect(schedule([review('start', START), review('end', '2027-03-04')], '2027-06-01')).toEqual(
      expect.objectContaining({ nextDue: null, nextKind: null, status: 'complete' }),
    );
  });
});

describe('the progress scale', () => {
  it('runs from −2 to +2 with words for each step', () => {
    expect(PROGRESS_SCALE.map((s) => s.value)).toEqual([-2, -1, 0, 1, 2]);
    expect(PROGRESS_SCALE.map((s) => ratingText(s.value))).toEqual(['-2 Much worse', '-1 A little worse', '0 No change', '+1 Some progress', '+2 Good progress']);
  });
});

describe('plan and review input', () => {
  const outcomeId = 'b1111111-1111-4111-8111-111111111111';
  const versionId = 'c1111111-1111-4111-8111-111111111111';
  const outcome = { what: 'Stays in class for the whole of a lesson', area: 'semh', successCriteria: 'Four lessons in five for two weeks', targetDate: '2026-12-18' };
  const issues = (result: { error?: { issues: Array<{ message: string; path: PropertyKey[] }> } }) =>
    result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('fills in the sections left out of a plan', () => {
    const content = planContentSchema.parse({ aboutMe: {}, views: {}, needs: { semh: 'Finds transitions hard' }, outcomes: [outcome] });
    expect(content.aboutMe.strengths).toBe('');
    expect(content.needs.semh).toBe('Finds transitions hard');
    expect(content.outcomes[0]!.provision).toEqual([]);
  });

  it('refuses an outcome without success criteria, naming the field', () => {
    const result = planContentSchema.safeParse({ aboutMe: {}, views: {}, needs: {}, outcomes: [outcome, { ...outcome, successCriteria: '   ' }] });
    expect(issues(result)).toEqual(['outcomes.1.successCriteria: Enter the success criteria for the outcome.']);
    expect(issues(planContentSchema.safeParse({ aboutMe: {}, views: {}, needs: {}, outcomes: [{ ...outcome, area: 'maths' }] }))).toEqual([
      'outcomes.0.area: Choose the area of need for the outcome.',
    ]);
  });

  const reviewInput = (rating: number | null) => ({
    versionId,
    kind: 'interim',
    heldOn: '2026-10-19',
    attendees: 'Class teacher, Mum',
    ratings: [{ outcomeId, rating }],
  });

  it('takes every rating on the scale, and none at a start review', () => {
    for (const rating of [-2, -1, 0, 1, 2, null]) expect(reviewInputSchema.safeParse(reviewInput(rating)).success).toBe(true);
    expect(reviewInputSchema.parse(reviewInput(1)).ratings[0]).toEqual({ outcomeId, rating: 1, evidence: '', nextSteps: '', decision: 'carried-forward' });
  });

  it('refuses a rating of 3 or −3, or between steps, naming the field', () => {
    expect(issues(reviewInputSchema.safeParse(reviewInput(3)))).toEqual(['ratings.0.rating: The rating must be from -2 to +2.']);
    expect(issues(reviewInputSchema.safeParse(reviewInput(-3)))).toEqual(['ratings.0.rating: The rating must be from -2 to +2.']);
    expect(issues(reviewInputSchema.safeParse(reviewInput(0.5)))).toEqual(['ratings.0.rating: The rating must be a whole step from -2 to +2.']);
  });

  it('refuses a review without who attended, or with a date that is not a day', () => {
    expect(issues(reviewInputSchema.safeParse({ ...reviewInput(1), attendees: ' ' }))).toEqual(['attendees: Enter who attended the review.']);
    expect(issues(reviewInputSchema.safeParse({ ...reviewInput(1), heldOn: '2026-02-30' }))).toEqual(['heldOn: Enter the date of the review as dd/mm/yyyy.']);
  });
});
