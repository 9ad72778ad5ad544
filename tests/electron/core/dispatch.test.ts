import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataFilePath } from '../../../electron/core/data-file';
import { dispatch } from '../../../electron/core/dispatch';
import { handlers } from '../../../electron/core/handlers';
import type { ErrorCode } from '../../../shared/api/result';
import type { Base } from '../../../shared/domain/bases';
import { startCore, startDemoCore, tempFolder } from '../../helpers/core';

let folder: Awaited<ReturnType<typeof tempFolder>>;
let started: Awaited<ReturnType<typeof startCore>>;
let parkgate: Base;
let frederickBird: Base;

async function listBases(): Promise<Base[]> {
  const result = await started.call('bases.list');
  if (!result.ok) throw new Error(result.error.message);
  return result.value as Base[];
}

/** The data file and its change journal, as they stand on disk. */
async function bytesOnDisk(): Promise<Buffer> {
  await started.core.dataFile?.flush();
  const path = dataFilePath(folder.path);
  return Buffer.concat([await readFile(path), await readFile(`${path}.journal`)]);
}

beforeAll(async () => {
  folder = await tempFolder();
  started = await startCore({ folder: folder.path });
  expect(await started.call('setup.createDatabase', { demo: true })).toMatchObject({ ok: true });
});
afterAll(async () => {
  await started.core.close();
  await folder.cleanup();
});
beforeEach(async () => {
  const bases = await listBases();
  [parkgate, frederickBird] = [bases.find((b) => b.name === 'Parkgate')!, bases.find((b) => b.name === 'Frederick Bird')!];
});

interface Refusal {
  what: string;
  input: () => unknown;
  code: ErrorCode;
  field: string;
  message: RegExp;
}

const refusals: Refusal[] = [
  { what: 'places as text', input: () => ({ id: parkgate.id, places: '12' }), code: 'INVALID_INPUT', field: 'places', message: /must be a number/ },
  { what: 'a name that is a number', input: () => ({ id: parkgate.id, name: 42 }), code: 'INVALID_INPUT', field: 'name', message: /Enter a name/ },
  { what: 'key stages as a string', input: () => ({ id: parkgate.id, keyStages: 'KS1' }), code: 'INVALID_INPUT', field: 'keyStages', message: /key stages/ },
  { what: 'a null host school', input: () => ({ id: parkgate.id, hostSchool: null }), code: 'INVALID_INPUT', field: 'hostSchool', message: /^Enter the host school\.$/ },
  { what: 'an id that is a number', input: () => ({ id: 7, places: 3 }), code: 'INVALID_INPUT', field: 'id', message: /not one Key Desk knows/ },
  { what: 'no id', input: () => ({ places: 3 }), code: 'INVALID_INPUT', field: 'id', message: /^Choose a base\.$/ },
  { what: 'an id that is not a UUID', input: () => ({ id: 'parkgate', places: 3 }), code: 'INVALID_INPUT', field: 'id', message: /not one Key Desk knows/ },
  { what: 'a base that does not exist', input: () => ({ id: randomUUID(), places: 3 }), code: 'NOT_FOUND', field: 'id', message: /not one Key Desk knows/ },
  { what: '0 places', input: () => ({ id: parkgate.id, places: 0 }), code: 'INVALID_INPUT', field: 'places', message: /at least 1 place/ },
  { what: '2.5 places', input: () => ({ id: frederickBird.id, places: 2.5 }), code: 'INVALID_INPUT', field: 'places', message: /whole number/ },
  { what: 'negative places', input: () => ({ id: frederickBird.id, places: -3 }), code: 'INVALID_INPUT', field: 'places', message: /at least 1 place/ },
  { what: 'infinite places', input: () => ({ id: frederickBird.id, places: Infinity }), code: 'INVALID_INPUT', field: 'places', message: /./ },
  { what: '201 places', input: () => ({ id: parkgate.id, places: 201 }), code: 'INVALID_INPUT', field: 'places', message: /at most 200/ },
  {
    what: 'places below the pupils placed today',
    input: () => ({ id: parkgate.id, places: parkgate.placed - 1 }),
    code: 'CONFLICT',
    field: 'places',
    message: /pupils are placed/,
  },
  {
    what: 'one place at a base with pupils, alongside a valid rename',
    input: () => ({ id: frederickBird.id, name: 'Frederick Bird Key', places: 1 }),
    code: 'CONFLICT',
    field: 'places',
    message: /pupils are placed/,
  },
  { what: 'an empty name', input: () => ({ id: parkgate.id, name: '' }), code: 'INVALID_INPUT', field: 'name', message: /Enter a name/ },
  { what: 'a name of spaces', input: () => ({ id: parkgate.id, name: '   ' }), code: 'INVALID_INPUT', field: 'name', message: /Enter a name/ },
  { what: 'a name 61 characters long', input: () => ({ id: parkgate.id, name: 'x'.repeat(61) }), code: 'INVALID_INPUT', field: 'name', message: /at most 60/ },
  {
    what: 'the other base’s name in another case',
    input: () => ({ id: parkgate.id, name: ' frederick BIRD ' }),
    code: 'CONFLICT',
    field: 'name',
    message: /already a base called frederick BIRD/,
  },
  { what: 'no key stages', input: () => ({ id: parkgate.id, keyStages: [] }), code: 'INVALID_INPUT', field: 'keyStages', message: /at least one key stage/ },
  // The field is the dotted path to the bad entry.
  { what: 'key stage KS3', input: () => ({ id: parkgate.id, keyStages: ['KS3'] }), code: 'INVALID_INPUT', field: 'keyStages.0', message: /KS1 or KS2/ },
  { what: 'an unknown extra field', input: () => ({ id: parkgate.id, places: 20, colour: 'red' }), code: 'INVALID_INPUT', field: 'colour', message: /does not know the field colour/ },
];

describe('bases.update refuses bad input, names the field, and writes nothing', () => {
  it.each(refusals)('$what', async ({ input, code, field, message }) => {
    const basesBefore = await listBases();
    const bytesBefore = await bytesOnDisk();

    const result = await started.call('bases.update', input());

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toEqual({ code, field, message: expect.stringMatching(message) });
    expect(await listBases()).toEqual(basesBefore);
    expect(started.core.dataFile?.hasUnsavedChanges).toBe(false);
    expect((await bytesOnDisk()).equals(bytesBefore)).toBe(true);
  });

  it('says how many pupils are placed when places would drop below them', async () => {
    expect(parkgate.placed).toBeGreaterThan(1);
    const result = await started.call('bases.update', { id: parkgate.id, places: parkgate.placed - 1 });
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining(`${parkgate.placed} pupils are placed`) } });
  });
});

describe('bases.update accepts good input (so the checks above can tell a write from none)', () => {
  it('allows places equal to the pupils placed, a case change of its own name, and trims text', async () => {
    const bytesBefore = await bytesOnDisk();
    const result = await started.call('bases.update', {
      id: parkgate.id,
      places: parkgate.placed,
      name: '  PARKGATE ',
      keyStages: ['KS2', 'KS1', 'KS2'],
    });
    expect(result).toEqual({ ok: true, value: { ...parkgate, name: 'PARKGATE', places: parkgate.placed, keyStages: ['KS1', 'KS2'] } });
    expect((await bytesOnDisk()).equals(bytesBefore)).toBe(false);
    expect(await started.call('bases.update', { id: parkgate.id, name: 'Parkgate', places: 24 })).toMatchObject({ ok: true });
  });
});

describe('dispatch', () => {
  it.each([['bases.delete'], ['toString'], ['__proto__'], [''], [42], [undefined]])('refuses the unknown call %s', async (name) => {
    const result = await dispatch(started.core, name, {});
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CALL', message: expect.stringMatching(/does not know that request/) } });
  });

  it('checks who is calling before it looks at the input, so a refused caller learns nothing from validation', async () => {
    const other = await startDemoCore();
    try {
      const garbage = { id: 'parkgate', places: 'lots', colour: 'red' };
      expect(await other.call('session.lock')).toMatchObject({ ok: true, value: { state: 'locked' } });
      expect(await other.call('bases.update', garbage)).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
      expect(await other.call('session.signOut')).toMatchObject({ ok: true, value: { state: 'sign-in' } });
      expect(await other.call('bases.update', garbage)).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
      // An unknown call is still named as unknown, signed in or not.
      expect(await dispatch(other.core, 'bases.delete', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
      await other.signIn('demo.teacher');
      expect(await other.call('bases.update', garbage)).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringMatching(/not allowed/) },
      });
      // Calls anyone may make still validate their input.
      expect(await other.call('app.status', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'extra' } });
    } finally {
      await other.cleanup();
    }
  });

  it('refuses input to calls that take none', async () => {
    expect(await started.call('bases.list', { everything: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'everything' },
    });
  });

  it('turns an unexpected failure into a message for staff, without the technical detail', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = { ...handlers, 'bases.list': async () => Promise.reject(new Error('SQLITE_CORRUPT at page 7')) };
    const result = await dispatch(started.core, 'bases.list', undefined, broken);
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/Something went wrong/) } });
    expect(JSON.stringify(result)).not.toContain('SQLITE');
    expect(quiet).toHaveBeenCalled();
    quiet.mockRestore();
  });
});
