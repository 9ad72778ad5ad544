import { describe, expect, it } from 'vitest';
import { navFor } from '../../../../renderer/features/shell/nav';

const labels = (roles: Parameters<typeof navFor>[0]) => navFor(roles).map((item) => item.label);

describe('the navigation', () => {
  it('shows an administrator-only account no pupil screens (and no calendar, whose changes name pupils): staff and settings only', () => {
    expect(labels(['administrator'])).toEqual(['Today', 'Schools', 'Staff', 'Settings']);
  });

  it('shows a manager who is also an administrator every area', () => {
    expect(labels(['manager', 'administrator'])).toEqual([
      'Today',
      'Registers',
      'My actions',
      'Pupils',
      'Places',
      'Referrals',
      'Plans',
      'Reports',
      'Schools',
      'Professionals',
      'School calendar',
      'Staff',
      'Audit trail',
      'Settings',
      'Data and backups',
    ]);
  });

  it('shows a teacher who is also an administrator their pupil screens and staff, but not the audit trail', () => {
    expect(labels(['teacher', 'administrator'])).toEqual(['Today', 'Registers', 'My actions', 'Pupils', 'Places', 'Plans', 'Schools', 'Professionals', 'Staff', 'Settings']);
  });
});
