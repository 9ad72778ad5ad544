import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import { demoCoreForFile } from '../../../helpers/demo';

const demo = demoCoreForFile();
const { rows, one } = demo;

describe('the demo support plans', () => {
  it('gives most placed pupils a plan with 3 to 6 outcomes, each with provision', () => {
    const placed = one(`SELECT count(*) FROM placements WHERE decision = 'accepted' AND start_date <= date('now')`);
    const planned = one(`SELECT count(*) FROM support_plans sp JOIN placements p ON p.id = sp.placement_id WHERE p.start_date <= date('now')`);
    expect(planned / placed).toBeGreaterThan(0.75);
    for (const [content] of rows('SELECT content FROM plan_versions')) {
      const outcomes = (JSON.parse(String(content)) as { outcomes: Array<{ provision: unknown[] }> }).outcomes;
      expect(outcomes.length).toBeGreaterThanOrEqual(3);
      expect(outcomes.length).toBeLessThanOrEqual(6);
      expect(outcomes.every((o) => o.provision.length > 0)).toBe(true);
    }
    // The pupil back for a second placement carries on with what the first plan did not achieve.
    expect(one(`SELECT count(*) FROM plan_versions WHERE content LIKE '%"carriedFrom":"%'`)).toBeGreaterThan(0);
  });

  it('has reviews with a mix of ratings, some outcomes achieved, and SDQ and Leuven at two points for most', () => {
    expect(one(`SELECT count(DISTINCT rating) FROM plan_review_ratings WHERE rating IS NOT NULL`)).toBeGreaterThanOrEqual(4);
    expect(one(`SELECT count(*) FROM plan_review_ratings WHERE decision = 'achieved'`)).toBeGreaterThan(0);
    const reviewed = one(`SELECT count(*) FROM (SELECT plan_id FROM plan_reviews GROUP BY plan_id HAVING count(*) >= 2)`);
    expect(reviewed).toBeGreaterThan(5);
    const twoSdq = one(`SELECT count(*) FROM (SELECT placement_id FROM semh_measures WHERE measure = 'sdq-teacher' GROUP BY placement_id HAVING count(*) >= 2)`);
    expect(twoSdq / reviewed).toBeGreaterThan(0.6);
    expect(one(`SELECT count(*) FROM semh_measures WHERE measure = 'leuven'`)).toBeGreaterThan(0);
    expect(one(`SELECT count(*) FROM semh_measures WHERE measure = 'sdq-parent'`)).toBeGreaterThan(0);
    expect(one(`SELECT count(*) FROM semh_measures WHERE measure = 'boxall'`)).toBeGreaterThan(0);
  });

  it('shows the Plans page with some reviews overdue, and the cohort figures for this year', async () => {
    const list = unwrap(await demo.call('plans.list'));
    expect(list.filter((r) => r.status === 'overdue').length).toBeGreaterThan(0);
    expect(list.filter((r) => r.status === 'overdue').length).toBeLessThan(list.length / 2);
    const year = Number(demo.core.today().slice(0, 4)) - (demo.core.today().slice(5) < '09-01' ? 1 : 0);
    const cohort = unwrap(await demo.call('plans.cohort', { year }));
    expect(cohort.totals.pupils).toBeGreaterThan(5);
    expect(cohort.totals.improved).toBeGreaterThan(0);
    expect(cohort.totals.withSdq).toBeGreaterThan(0);
  });
});
