import type { Mock } from 'vitest';
import type { CallName } from '../../shared/api/calls';
import type { AppStatus, SignedInUser } from '../../shared/api/status';
import { localIsoDate } from '../../shared/domain/dates';
import type { Role } from '../../shared/domain/staff';

type MockedClient = Record<string, Record<string, (...args: unknown[]) => unknown>>;

/**
 * A stand-in for renderer/lib/api: each call, by its name in the contract ('pupils.list'), passed on
 * to its mock, which a test answers (with `ok` or `refuse`) and checks. Use it from vi.mock.
 */
export function mockClient(calls: Partial<Record<CallName, Mock>>): MockedClient {
  const client: MockedClient = {};
  for (const [name, fn] of Object.entries(calls) as [CallName, Mock][]) {
    const [group, call] = name.split('.') as [string, string];
    client[group] ??= {};
    client[group][call] = (...args: unknown[]) => fn(...args);
  }
  return client;
}

/** Forgets every answer and call of these mocks. */
export function resetMocks(mocks: Record<string, Mock>) {
  for (const fn of Object.values(mocks)) fn.mockReset();
}

/** The core's answer: a value. */
export const ok = <T>(value: T) => Promise.resolve({ ok: true, value });

/** The core's answer: refused, with a code, a message for staff and the field at fault. */
export const refuse = (code: string, message: string, field?: string) => Promise.resolve({ ok: false, error: { code, message, ...(field ? { field } : {}) } });

/** Signed in: as Ann Smith (made up) with these roles, or as this member of staff. */
export function signedInAs(who: Role[] | SignedInUser): AppStatus {
  return {
    state: 'ready',
    dataFolder: '/data',
    isDemo: false,
    provisionName: 'The Key',
    problem: null,
    user: Array.isArray(who) ? { id: 'a1111111-1111-4111-8111-111111111111', name: 'Ann Smith', username: 'asmith', roles: who, baseIds: [] } : { ...who },
    demoAccounts: null,
    autoLockMinutes: 5,
    saveProblem: null,
    saveStopped: false,
    canChooseFolder: false,
    version: '0.1.0',
    // The date the test pins (with vi.setSystemTime), as the core would report it.
    today: localIsoDate(new Date()),
  };
}
