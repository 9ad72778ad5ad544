import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../../../electron/core/persistence/atomic-write';
import { tempFolder } from '../../../helpers/core';

// The real fs, with rename wrapped so a test can make Windows-style refusals happen.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, rename: vi.fn(actual.rename) };
});

const refused = (code: string) => Object.assign(new Error(`${code}: operation not permitted, rename`), { code });

let folder: { path: string; cleanup: () => Promise<void> };
let path: string;
beforeEach(async () => {
  folder = await tempFolder();
  path = join(folder.path, 'keydesk.db');
  await writeFile(path, 'old');
  vi.mocked(rename).mockClear();
});
afterEach(async () => {
  vi.mocked(rename).mockReset();
  await folder.cleanup();
});

describe('writeFileAtomic on a PC where something briefly holds the file (Windows EPERM/EBUSY)', () => {
  it('retries the rename until it goes through', async () => {
    vi.mocked(rename).mockRejectedValueOnce(refused('EPERM')).mockRejectedValueOnce(refused('EBUSY'));
    await writeFileAtomic(path, new TextEncoder().encode('new'));
    expect(vi.mocked(rename)).toHaveBeenCalledTimes(3);
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(folder.path)).toEqual(['keydesk.db']);
  });

  it('gives up after the retry time, keeping the old file and removing the temp file', async () => {
    vi.mocked(rename).mockRejectedValue(refused('EPERM'));
    await expect(writeFileAtomic(path, new TextEncoder().encode('new'), { renameRetryMs: 60 })).rejects.toMatchObject({
      code: 'EPERM',
    });
    expect(vi.mocked(rename).mock.calls.length).toBeGreaterThan(1);
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(folder.path)).toEqual(['keydesk.db']);
  });

  it('does not retry errors that will not clear up by waiting', async () => {
    vi.mocked(rename).mockRejectedValue(refused('ENOSPC'));
    await expect(writeFileAtomic(path, new TextEncoder().encode('new'))).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(vi.mocked(rename)).toHaveBeenCalledTimes(1);
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(folder.path)).toEqual(['keydesk.db']);
  });
});
