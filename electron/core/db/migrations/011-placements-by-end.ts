import type { Migration } from './types';

/**
 * Who is placed at a base on a day is asked on every register, board and fire list. Placements end,
 * and ten years of them pile up behind any start date: looked up by their end (still open, or ending
 * on or after the day) the answer reads only the handful of placements that can cover the day.
 */
export const migration011: Migration = {
  version: 11,
  name: 'placements by base and end',
  up(db) {
    db.exec('CREATE INDEX placements_by_base_end ON placements (base_id, end_date, start_date);');
  },
};
