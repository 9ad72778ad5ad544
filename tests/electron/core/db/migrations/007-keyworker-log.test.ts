import { describe, expect, it } from 'vitest';
import { migration001 } from '../../../../../electron/core/db/migrations/001-bases-pupils-placements';
import { migration002 } from '../../../../../electron/core/db/migrations/002-staff-audit';
import { migration003 } from '../../../../../electron/core/db/migrations/003-pupils-placements-calendar';
import { migration004 } from '../../../../../electron/core/db/migrations/004-shipped-calendar';
import { migration005 } from '../../../../../electron/core/db/migrations/005-registers';
import { migration007 } from '../../../../../electron/core/db/migrations/007-keyworker-log';
import { databaseForEachTest, NOW } from './migration-db';

const BEFORE = [migration001, migration002, migration003, migration004, migration005];
const t = databaseForEachTest([...BEFORE, migration007]);
const { value } = t;

const PUPIL = '11111111-1111-4111-8111-111111111111';
const ENTRY = '22222222-2222-4222-8222-222222222222';

function addPupilAndEntry(): void {
  t.db.exec(`INSERT INTO pupils (id, legal_first_name, legal_last_name, date_of_birth, created_at, updated_at) VALUES ('${PUPIL}', 'Ada', 'Lane', '2018-03-01', '${NOW}', '${NOW}')`);
  t.db.exec(`INSERT INTO log_entries (id, pupil_id, on_date, at_time, contact_type, with_whom, summary, needs_reply, due_on, recorded_at)
           VALUES ('${ENTRY}', '${PUPIL}', '2026-04-30', '10:15', 'phone-call', 'parent-carer', 'Mum rang about transport.', 1, '2026-05-05', '${NOW}')`);
}

describe('migration 007: keyworker log, professionals and follow-up', () => {
  it('brings a version 5 database to version 7 with the default settings', () => {
    const old = t.upgrade(BEFORE, [...BEFORE, migration007]);
    expect(old.exec('SELECT reply_days_call, reply_days_email, school_holidays_count, follow_up_weeks FROM keywork_settings')[0]?.values).toEqual([[2, 10, 1, '[2,6,12]']]);
    old.close();
  });

  it('keeps a log entry: its words cannot be changed or the entry deleted, but its reply can be marked done', () => {
    addPupilAndEntry();
    expect(() => t.db.exec(`UPDATE log_entries SET summary = 'changed' WHERE id = '${ENTRY}'`)).toThrow(/corrected by adding a correction/);
    expect(() => t.db.exec(`UPDATE log_entries SET on_date = '2026-05-01' WHERE id = '${ENTRY}'`)).toThrow(/corrected by adding/);
    expect(() => t.db.exec(`DELETE FROM log_entries WHERE id = '${ENTRY}'`)).toThrow(/never deleted/);
    t.db.exec(`UPDATE log_entries SET done_on = '2026-05-01', done_at = '${NOW}' WHERE id = '${ENTRY}'`);
    expect(value(`SELECT done_on FROM log_entries WHERE id = '${ENTRY}'`)).toBe('2026-05-01');
  });

  it('keeps corrections as they were added', () => {
    addPupilAndEntry();
    t.db.exec(`INSERT INTO log_corrections (entry_id, seq, pupil_id, on_date, at_time, contact_type, with_whom, summary, correction_reason, corrected_at)
             VALUES ('${ENTRY}', 1, '${PUPIL}', '2026-04-30', '10:15', 'phone-call', 'parent-carer', 'Dad rang about transport.', 'It was dad, not mum.', '${NOW}')`);
    expect(() => t.db.exec(`INSERT INTO log_corrections (entry_id, seq, pupil_id, on_date, at_time, contact_type, with_whom, summary, correction_reason, corrected_at)
             VALUES ('${ENTRY}', 2, '${PUPIL}', '2026-04-30', '10:15', 'phone-call', 'parent-carer', 'x', '', '${NOW}')`)).toThrow(/CHECK/);
    expect(() => t.db.exec(`UPDATE log_corrections SET summary = 'x'`)).toThrow(/never changed/);
    expect(() => t.db.exec(`DELETE FROM log_corrections`)).toThrow(/never deleted/);
  });

  it('refuses a reply owed without a due date, and an unknown type of entry', () => {
    t.db.exec(`INSERT INTO pupils (id, legal_first_name, legal_last_name, date_of_birth, created_at, updated_at) VALUES ('${PUPIL}', 'Ada', 'Lane', '2018-03-01', '${NOW}', '${NOW}')`);
    expect(() => t.db.exec(`INSERT INTO log_entries (id, pupil_id, on_date, at_time, contact_type, with_whom, summary, needs_reply, recorded_at)
             VALUES ('${ENTRY}', '${PUPIL}', '2026-04-30', '10:15', 'email', 'parent-carer', 'x', 1, '${NOW}')`)).toThrow(/CHECK/);
    expect(() => t.db.exec(`INSERT INTO log_entries (id, pupil_id, on_date, at_time, contact_type, with_whom, summary, recorded_at)
             VALUES ('${ENTRY}', '${PUPIL}', '2026-04-30', '10:15', 'fax', 'parent-carer', 'x', '${NOW}')`)).toThrow(/CHECK/);
  });

  it('audits each new entry against its pupil', () => {
    addPupilAndEntry();
    expect(value(`SELECT count(*) FROM audit_log WHERE entity = 'log_entries' AND pupil_id = '${PUPIL}' AND action = 'insert'`)).toBe(1);
  });
});
