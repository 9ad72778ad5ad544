import { describe, expect, it } from 'vitest';
import { ACCESS, rolesAllow, type Access } from '../../../shared/api/access';
import { CALL_NAMES } from '../../../shared/api/calls';
import { contract } from '../../../shared/api/contract';
import { ROLES } from '../../../shared/domain/staff';

/**
 * The access table itself. That the core enforces it, call by call, for everyone who could make a
 * call, is checked in tests/electron/core/access/ (one file per caller, sharing access/every-call.ts).
 */

describe('the access table', () => {
  it('names every call in the contract, and nothing else (checked at run time, not only by the compiler)', () => {
    const names = [...CALL_NAMES].sort();
    expect(Object.keys(ACCESS).sort()).toEqual(names);
    expect(Object.keys(contract).sort()).toEqual(names);
    for (const name of CALL_NAMES) expect(Object.hasOwn(ACCESS, name), name).toBe(true);
  });

  it('gives every call a rule the core understands: anyone, setup, signed-in or a non-empty list of roles', () => {
    for (const [name, access] of Object.entries(ACCESS) as Array<[string, Access]>) {
      if (typeof access === 'string') {
        expect(['anyone', 'setup', 'signed-in'], name).toContain(access);
      } else {
        expect(Array.isArray(access), name).toBe(true);
        expect(access.length, name).toBeGreaterThan(0);
        for (const role of access) expect(ROLES, name).toContain(role);
      }
    }
  });

  it('keeps what the issue asks of each role: teachers never manage staff or settings, administrators do', () => {
    for (const name of ['staff.create', 'staff.update', 'staff.setPassword', 'staff.remove', 'settings.update', 'bases.update', 'audit.list', 'audit.export'] as const) {
      expect(rolesAllow(ACCESS[name], ['teacher']), name).toBe(false);
    }
    for (const name of ['staff.create', 'staff.update', 'staff.setPassword', 'staff.remove', 'settings.update'] as const) {
      expect(rolesAllow(ACCESS[name], ['administrator']), name).toBe(true);
    }
    expect(rolesAllow(ACCESS['bases.update'], ['manager'])).toBe(true);
    expect(rolesAllow(ACCESS['audit.list'], ['manager'])).toBe(true);
    expect(rolesAllow(ACCESS['bases.list'], ['teacher'])).toBe(true);
  });
});
