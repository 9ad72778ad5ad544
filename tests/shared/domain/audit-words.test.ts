import { describe, expect, it } from 'vitest';
import { describeAuditAction } from '../../../shared/domain/audit';
import { auditDetailText, auditFieldLabel, auditRecordName, auditValueRows, auditValueText, idsInEntry, REMOVED_RECORD } from '../../../shared/domain/audit-words';

const PUPIL = 'c3333333-3333-4333-8333-333333333333';
const SCHOOL = 'e4444444-4444-4444-8444-444444444444';
const BASE = '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11';
const NAMES = { [PUPIL]: 'Ava Marlow', [SCHOOL]: 'Elmfield Primary School', [BASE]: 'Parkgate' };
const none = { entityId: null, pupilId: null, before: null, after: null };

describe('audit values in words', () => {
  it('names fields as staff do', () => {
    expect(auditFieldLabel('date_of_birth')).toBe('Date of birth');
    expect(auditFieldLabel('home_school_id')).toBe('Home school');
    expect(auditFieldLabel('sen_status')).toBe('SEN status');
    expect(auditFieldLabel('a_column_added_later_id')).toBe('A column added later');
  });

  it('shows names for ids, UK dates and times, and labels for codes', () => {
    expect(auditValueText('home_school_id', SCHOOL, NAMES)).toBe('Elmfield Primary School');
    expect(auditValueText('base_id', 'a0000000-0000-4000-8000-000000000000', NAMES)).toBe(REMOVED_RECORD);
    expect(auditValueText('date_of_birth', '2019-03-04', NAMES)).toBe('04/03/2019');
    expect(auditValueText('updated_at', '2026-07-01T23:30:00.000Z', NAMES)).toBe('02/07/2026 00:30');
    expect(auditValueText('step', 'start-agreed', NAMES)).toBe('Start date agreed');
    expect(auditValueText('step', 'key-visit-skipped', NAMES)).toBe('Visit to the Key skipped');
    expect(auditValueText('outcome', 'returned-full-time', NAMES)).toBe('Returned full time to the home school');
    expect(auditValueText('pathway', 'specialist-semh', NAMES)).toBe('Specialist SEMH');
    expect(auditValueText('kind', 'inset', NAMES)).not.toBe('inset');
    expect(auditValueText('child_in_care', 1, NAMES)).toBe('Yes');
    expect(auditValueText('has_pep', 0, NAMES)).toBe('No');
    expect(auditValueText('home_school_day', 5, NAMES)).toBe('Friday');
    expect(auditValueText('roles', '["teacher","manager"]', NAMES)).toBe('Teacher, Manager');
    expect(auditValueText('phases', '[{"fromWeek":13,"homeDays":2},{"fromWeek":19,"homeDays":3}]', NAMES)).toBe('2 from week 13; 3 from week 19');
    expect(auditValueText('phases', null, NAMES)).toBe("(the Key's usual pattern)");
    expect(auditValueText('decision', 'accepted', NAMES)).toBe('Accepted');
    expect(auditValueText('notes', null, NAMES)).toBe('(empty)');
    expect(auditValueText('notes', '=1+2\n+3', NAMES)).toBe('=1+2\n+3');
  });

  it('leaves out the record’s own id and marks what changed', () => {
    const rows = auditValueRows({ before: { id: PUPIL, date_of_birth: '2019-03-04', upn: null }, after: { id: PUPIL, date_of_birth: '2019-03-05', upn: null } }, NAMES);
    expect(rows).toEqual([
      { field: 'date_of_birth', label: 'Date of birth', before: '04/03/2019', after: '05/03/2019', changed: true },
      { field: 'upn', label: 'UPN', before: '(empty)', after: '(empty)', changed: false },
    ]);
  });

  it('names ids in free text and finds every id an entry mentions', () => {
    expect(auditDetailText(`this PC's base: ${BASE}`, NAMES)).toBe("this PC's base: Parkgate");
    expect(idsInEntry({ entityId: 'x', pupilId: PUPIL, before: null, after: { home_school_id: SCHOOL, notes: BASE }, detail: `base: ${BASE}` }).sort()).toEqual([BASE, PUPIL, SCHOOL, 'x'].sort());
  });
});

describe('what an entry is about', () => {
  it('names the pupil for anything about a pupil', () => {
    expect(auditRecordName({ ...none, entity: 'placements', entityId: 'p', pupilId: PUPIL }, NAMES)).toBe('Ava Marlow');
    expect(auditRecordName({ ...none, entity: 'placement_events', entityId: 'p', pupilId: PUPIL }, NAMES)).toBe('Ava Marlow');
    expect(auditRecordName({ ...none, entity: 'contacts', pupilId: PUPIL, after: { name: 'Jo Marlow' } }, NAMES)).toBe('Jo Marlow, contact for Ava Marlow');
    // A pupil no longer on file is still named from the entry's own values.
    expect(auditRecordName({ ...none, entity: 'pupils', entityId: 'gone', pupilId: 'gone', before: { legal_first_name: 'Ada', legal_last_name: 'Lane', preferred_name: 'Addy' } }, {})).toBe('Addy Lane');
    expect(auditRecordName({ ...none, entity: 'placements', pupilId: 'gone' }, {})).toBe(REMOVED_RECORD);
  });

  it('names half terms, closures, bases and events', () => {
    expect(auditRecordName({ ...none, entity: 'terms', entityId: '2026', after: { academic_year: 2026, name: 'Autumn 1' } }, NAMES)).toBe('Autumn 1 2026/27');
    expect(auditRecordName({ ...none, entity: 'closures', entityId: '2026-12-25', after: { date: '2026-12-25', name: 'Christmas Day' } }, NAMES)).toBe('Christmas Day, 25/12/2026');
    expect(auditRecordName({ ...none, entity: 'base_key_stages', entityId: BASE, after: { base_id: BASE, key_stage: 'KS1' } }, NAMES)).toBe('Parkgate');
    expect(auditRecordName({ ...none, entity: null }, NAMES)).toBeNull();
  });

  it('says which step of a placement was recorded', () => {
    expect(describeAuditAction({ action: 'insert', entity: 'placement_events', after: { step: 'start-agreed' } })).toBe('Recorded: Start date agreed');
    expect(describeAuditAction({ action: 'insert', entity: 'placement_events', after: { step: 'follow-up' } })).toBe('Recorded: Follow-up visit');
  });
});
