import { vi } from 'vitest';
import type { AppStatus } from '../../../../shared/api/status';
import type { Role } from '../../../../shared/domain/staff';

/** Every call the pupil and school screens make, as mocks a test can answer. */
export const api = {
  status: vi.fn(),
  bases: vi.fn(),
  schools: vi.fn(),
  createSchool: vi.fn(),
  updateSchool: vi.fn(),
  list: vi.fn(),
  get: vi.fn(),
  findDuplicates: vi.fn(),
  create: vi.fn(),
  update: vi.fn(),
  saveContact: vi.fn(),
  removeContact: vi.fn(),
  importPreview: vi.fn(),
  import: vi.fn(),
  export: vi.fn(),
};

export const mockedApi = {
  app: { status: () => api.status() },
  bases: { list: () => api.bases() },
  schools: {
    list: () => api.schools(),
    create: (input: unknown) => api.createSchool(input),
    update: (input: unknown) => api.updateSchool(input),
  },
  pupils: {
    list: () => api.list(),
    get: (input: unknown) => api.get(input),
    findDuplicates: (input: unknown) => api.findDuplicates(input),
    create: (input: unknown) => api.create(input),
    update: (input: unknown) => api.update(input),
    importPreview: (input: unknown) => api.importPreview(input),
    import: (input: unknown) => api.import(input),
    export: (input: unknown) => api.export(input),
  },
  contacts: {
    save: (input: unknown) => api.saveContact(input),
    remove: (input: unknown) => api.removeContact(input),
  },
  placements: {},
};

export const ok = <T>(value: T) => Promise.resolve({ ok: true, value });
export const refuse = (code: string, message: string, field?: string) => Promise.resolve({ ok: false, error: { code, message, ...(field ? { field } : {}) } });

export function signedInAs(roles: Role[]): AppStatus {
  return {
    state: 'ready',
    dataFolder: '/data',
    isDemo: false,
    provisionName: 'The Key',
    problem: null,
    user: { id: 'a1111111-1111-4111-8111-111111111111', name: 'Ann Smith', username: 'asmith', roles, baseIds: [] },
    demoAccounts: null,
    autoLockMinutes: 5,
    saveProblem: null,
    canChooseFolder: false,
    version: '0.1.0',
  };
}

export function resetApi() {
  for (const fn of Object.values(api)) fn.mockReset();
}
