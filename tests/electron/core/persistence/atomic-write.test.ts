import { spawn } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFile, DATA_FILE_NAME, SealedDataFile } from '../../../../electron/core/data-file';
import { listBases } from '../../../../electron/core/repositories/bases';
import { removeStaleTempFiles, writeFileAtomic } from '../../../../electron/core/persistence/atomic-write';
import { tempFolder } from '../../../helpers/core';
import { makeRealDataFile, snapshot } from '../files';

const FIXTURE = fileURLToPath(new URL('./fixtures/crash-before-rename.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

let folder: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.cleanup());

const tempFiles = async () => (await readdir(folder.path)).filter((name) => name.endsWith('.tmp'));

/**
 * Runs a real writer in another process, lets it get as far as the rename, then kills it with
 * SIGKILL (no clean-up handlers run): the nearest a test gets to pulling the plug mid-save.
 */
async function killWriterBeforeRename(path: string, size: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, path, String(size)], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const tempPath = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = /before-rename (.+)\n/.exec(stdout);
      if (line?.[1]) resolve(line[1]);
    });
    void exited.then(() => reject(new Error(`writer exited before the rename.\n${stdout}\n${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  expect(stdout).not.toContain('renamed');
  return tempPath;
}

describe('writeFileAtomic when the writer is killed between the temp write and the rename', () => {
  it('leaves the previous data file intact, still opens it, and clears away the leftover temp file', async () => {
    const { path, keyring } = await makeRealDataFile(folder.path);
    const before = await snapshot(path);

    const tempPath = await killWriterBeforeRename(path, 100_000);

    const after = await snapshot(path);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.ino).toBe(before.ino);
    // The cut-off save is left behind in full, beside the real file, under a temp name.
    expect(await tempFiles()).toEqual([basename(tempPath)]);
    expect((await stat(tempPath)).size).toBe(100_000);

    const sealed = await SealedDataFile.read(folder.path);
    expect(sealed).not.toBeNull();
    if (!sealed) return;
    const file = await DataFile.unlock(sealed, keyring);
    const bases = await listBases(file.db, '2026-11-23');
    expect(bases.map((b) => [b.name, b.places])).toEqual([
      ['Parkgate', 24],
      ['Frederick Bird', 12],
    ]);
    expect(bases.every((b) => b.placed > 0)).toBe(true);
    expect(await tempFiles()).toEqual([]);
    await file.close();
    expect((await readFile(path)).equals(before.bytes)).toBe(true);
  });
});

describe('writeFileAtomic', () => {
  it('creates a file that did not exist', async () => {
    const path = join(folder.path, DATA_FILE_NAME);
    await writeFileAtomic(path, new TextEncoder().encode('first'));
    expect(await readFile(path, 'utf8')).toBe('first');
    expect(await readdir(folder.path)).toEqual([DATA_FILE_NAME]);
  });

  it('replaces the whole file by renaming a complete new copy over it, leaving no temp file', async () => {
    const path = join(folder.path, DATA_FILE_NAME);
    await writeFile(path, 'old contents that are longer than the new ones');
    const oldInode = (await stat(path)).ino;
    await writeFileAtomic(path, new TextEncoder().encode('new'));
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).ino).not.toBe(oldInode);
    expect(await readdir(folder.path)).toEqual([DATA_FILE_NAME]);
  });

  it('leaves the old file and no temp file behind when the save fails before the rename', async () => {
    const path = join(folder.path, DATA_FILE_NAME);
    await writeFile(path, 'precious');
    let seenTemp = '';
    await expect(
      writeFileAtomic(path, new TextEncoder().encode('half-baked'), {
        beforeRename: async (tempPath) => {
          seenTemp = tempPath;
          expect(await readFile(tempPath, 'utf8')).toBe('half-baked');
          throw new Error('disk pulled out');
        },
      }),
    ).rejects.toThrow('disk pulled out');
    expect(seenTemp.startsWith(join(folder.path, `.${DATA_FILE_NAME}.`))).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('precious');
    expect(await readdir(folder.path)).toEqual([DATA_FILE_NAME]);
  });

  it('never mixes two saves: the file ends as one of them, whole', async () => {
    const path = join(folder.path, DATA_FILE_NAME);
    const a = new Uint8Array(300_000).fill(0x61);
    const b = new Uint8Array(200_000).fill(0x62);
    await Promise.all([writeFileAtomic(path, a), writeFileAtomic(path, b)]);
    const result = await readFile(path);
    expect(result.equals(Buffer.from(a)) || result.equals(Buffer.from(b))).toBe(true);
    expect(await tempFiles()).toEqual([]);
  });
});

describe('removeStaleTempFiles', () => {
  it('removes only temp files left by saves of this data file', async () => {
    const path = join(folder.path, DATA_FILE_NAME);
    const ours = [`.${DATA_FILE_NAME}.1111.tmp`, `.${DATA_FILE_NAME}.2222.tmp`];
    const others = [DATA_FILE_NAME, '.other.db.3333.tmp', 'notes.tmp', `.${DATA_FILE_NAME}.backup`, `${DATA_FILE_NAME}.tmp`];
    for (const name of [...ours, ...others]) await writeFile(join(folder.path, name), name);
    expect((await removeStaleTempFiles(path)).sort()).toEqual(ours);
    expect((await readdir(folder.path)).sort()).toEqual([...others].sort());
  });

  it('copes with a folder that does not exist', async () => {
    expect(await removeStaleTempFiles(join(folder.path, 'missing', DATA_FILE_NAME))).toEqual([]);
  });
});
