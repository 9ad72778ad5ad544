import { describe, expect, it } from 'vitest';
import { describeAuditAction } from '../../../shared/domain/audit';

describe('what an audit entry says it records', () => {
  it('names records as staff do, one at a time', () => {
    expect(describeAuditAction({ action: 'insert', entity: 'pupils' })).toBe('Added pupil');
    expect(describeAuditAction({ action: 'update', entity: 'bases' })).toBe('Changed base');
    expect(describeAuditAction({ action: 'delete', entity: 'staff_bases' })).toBe("Removed staff member's bases");
    expect(describeAuditAction({ action: 'insert', entity: 'some_new_table' })).toBe('Added some new table');
  });

  it('spells out events', () => {
    expect(describeAuditAction({ action: 'sign-in-failed', entity: null })).toBe('Sign in failed');
    expect(describeAuditAction({ action: 'exported-audit-log', entity: null })).toBe('Exported audit log');
  });
});
