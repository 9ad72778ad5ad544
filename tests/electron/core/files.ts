import { expect } from 'vitest';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DataFile, dataFilePath } from '../../../electron/core/data-file';
import { fillDemoData } from '../../../electron/core/demo/generate';
import { TEST_NOW } from '../../helpers/core';

/** What a user could notice about a file: its bytes, when it was last written, and whether it was replaced. */
export interface FileSnapshot {
  bytes: Buffer;
  mtimeMs: number;
  ino: number;
  folder: string[];
}

export async function snapshot(path: string): Promise<FileSnapshot> {
  const info = await stat(path);
  return {
    bytes: await readFile(path),
    mtimeMs: info.mtimeMs,
    ino: info.ino,
    folder: (await readdir(dirname(path))).sort(),
  };
}

/** Fails the test when the file (or anything else in its folder) has changed in any way. */
export async function expectUntouched(path: string, before: FileSnapshot): Promise<void> {
  const after = await snapshot(path);
  expect(after.bytes.equals(before.bytes), 'file bytes changed').toBe(true);
  expect(after.mtimeMs).toBe(before.mtimeMs);
  expect(after.ino).toBe(before.ino);
  expect(after.folder).toEqual(before.folder);
}

/** A real Key Desk data file, written the way the app writes one, in `folder`. */
export async function writeRealDataFile(folder: string, demo = true): Promise<string> {
  const today = TEST_NOW.toISOString().slice(0, 10);
  const file = await DataFile.create(folder, async (f) => {
    if (demo) await fillDemoData(f.db, today, TEST_NOW.toISOString());
  });
  await file.close();
  return dataFilePath(folder);
}

export async function writeDataFileBytes(folder: string, bytes: Uint8Array): Promise<string> {
  const path = dataFilePath(folder);
  await writeFile(path, bytes);
  return path;
}

/** Waits for `check` to hold, polling; fails after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
