import { vi } from 'vitest';
import { mockClient, resetMocks } from '../../api-mock';

export { ok, refuse, signedInAs } from '../../api-mock';

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

export const mockedApi = mockClient({
  'app.status': api.status,
  'bases.list': api.bases,
  'schools.list': api.schools,
  'schools.create': api.createSchool,
  'schools.update': api.updateSchool,
  'pupils.list': api.list,
  'pupils.get': api.get,
  'pupils.findDuplicates': api.findDuplicates,
  'pupils.create': api.create,
  'pupils.update': api.update,
  'pupils.importPreview': api.importPreview,
  'pupils.import': api.import,
  'pupils.export': api.export,
  'contacts.save': api.saveContact,
  'contacts.remove': api.removeContact,
});

export function resetApi() {
  resetMocks(api);
}
