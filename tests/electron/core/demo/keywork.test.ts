import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import { isoWeekday } from '../../../../shared/domain/bank-holidays';
import { demoCoreForFile } from '../../../helpers/demo';

const demo = demoCoreForFile();
const { rows, one } = demo;

describe("the demo keyworker's record", () => {
  it('has a handful of professionals, some linked to pupils', () => {
    expect(one('SELECT count(*) FROM professionals')).toBeGreaterThanOrEqual(5);
    expect(one('SELECT count(*) FROM pupil_professionals')).toBeGreaterThan(0);
  });

  it('gives every placement at a base a keyworker who works there', () => {
    expect(one("SELECT count(*) FROM placements WHERE decision = 'accepted' AND base_id IS NOT NULL AND id NOT IN (SELECT placement_id FROM keyworker_assignments)")).toBe(0);
    expect(one('SELECT count(*) FROM keyworker_assignments k JOIN placements p ON p.id = k.placement_id WHERE NOT EXISTS (SELECT 1 FROM staff_bases s WHERE s.staff_id = k.staff_id AND s.base_id = p.base_id)')).toBe(0);
  });

  it('has a chronology for most placed pupils, with replies owed on working days only', () => {
    const placed = one("SELECT count(DISTINCT pupil_id) FROM placements WHERE start_date IS NOT NULL");
    const logged = one("SELECT count(DISTINCT pupil_id) FROM log_entries WHERE pupil_id IN (SELECT pupil_id FROM placements WHERE start_date IS NOT NULL)");
    expect(logged / placed).toBeGreaterThan(0.8);
    const bankHolidays = new Set(rows("SELECT date FROM closures WHERE kind = 'bank-holiday'").map((r) => String(r[0])));
    for (const [due] of rows('SELECT due_on FROM log_entries WHERE due_on IS NOT NULL')) {
      expect(isoWeekday(String(due))).toBeLessThanOrEqual(5);
      expect(bankHolidays.has(String(due))).toBe(false);
    }
    expect(one('SELECT count(*) FROM log_corrections')).toBeGreaterThan(0);
  });

  it('leaves the demo teacher some replies overdue', async () => {
    unwrap(await demo.call('session.signOut'));
    await demo.signIn('demo.teacher');
    const actions = unwrap(await demo.call('log.myActions'));
    expect(actions.overdue.length).toBeGreaterThan(0);
    expect(actions.done.length + actions.overdue.length + actions.upcoming.length + actions.dueToday.length).toBeGreaterThan(actions.overdue.length);
  });

  it('records what the follow-up visits of ended placements found', () => {
    const visits = one("SELECT count(*) FROM placement_events WHERE step = 'follow-up'");
    expect(visits).toBeGreaterThan(0);
    expect(one('SELECT count(*) FROM follow_up_findings WHERE attendance_percent IS NOT NULL')).toBe(visits);
  });
});
