import { expect } from 'vitest';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Keyring } from '../../../electron/core/crypto/keyring';
import { DataFile, dataFilePath, SealedDataFile } from '../../../electron/core/data-file';
import { loadDatabase } from '../../../electron/core/db/open';
import { loadSqlJs } from '../../../electron/core/db/sqljs';
import { journalPathFor, readJournalFile } from '../../../electron/core/persistence/journal-file';
import { fillDemoData } from '../../../electron/core/demo/generate';
import { listBases } from '../../../electron/core/repositories/bases';
import { createProvision } from '../../../electron/core/repositories/provision';
import { addStaffMember } from '../../../electron/core/services/staff';
import { LOCK_FILE_NAME } from '../../../electron/core/persistence/folder-lock';
import { readDataFile, tempFolder, TEST_MANAGER, TEST_NOW, TEST_SCRYPT, writeDataFile, type DataFileBytes } from '../../helpers/core';
import { madeOncePerRun } from '../../helpers/run-cache';

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
    // The lock file comes and goes with whoever has the folder open; it is not part of the data.
    folder: (await readdir(dirname(path))).filter((name) => name !== LOCK_FILE_NAME).sort(),
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

/**
 * A real Key Desk data file, written the way the app writes one, in `folder`, with the keyring that
 * seals it. Demo data has the demo accounts (DEMO_PASSWORD); otherwise TEST_MANAGER is the one account.
 */
export async function makeRealDataFile(folder: string, demo = true): Promise<{ path: string; keyring: Keyring }> {
  const today = TEST_NOW.toISOString().slice(0, 10);
  const now = TEST_NOW.toISOString();
  const keyring = Keyring.create({ demo, scrypt: TEST_SCRYPT });
  const file = await DataFile.create(
    folder,
    keyring,
    async (f) => {
      if (demo) return fillDemoData(f, today, now);
      await createProvision(f.db, { name: 'The Key', isDemo: false }, now);
      const baseIds = (await listBases(f.db, today)).map((b) => b.id);
      await addStaffMember(f, { ...TEST_MANAGER, roles: ['manager', 'administrator'], baseIds }, today, now);
    },
    { clock: () => TEST_NOW },
  );
  await file.close();
  return { path: dataFilePath(folder), keyring };
}

/** The files of a real data file made once (demo or not) and kept as bytes; making demo data takes seconds. */
const realDataFiles = new Map<boolean, Promise<DataFileBytes>>();

/**
 * A real Key Desk data file in `folder`, as makeRealDataFile writes one, without its keyring: a copy of
 * one made on first use (so every call's file is the same file, with the same keys).
 */
export async function writeRealDataFile(folder: string, demo = true): Promise<string> {
  let made = realDataFiles.get(demo);
  if (!made) {
    // Made once a run, whichever worker asks first (tests/helpers/run-cache.ts).
    made = madeOncePerRun(`real data file, ${demo ? 'demo' : 'not demo'}, made at ${TEST_NOW.toISOString()}`, async () => {
      const temp = await tempFolder();
      try {
        await makeRealDataFile(temp.path, demo);
        return { files: await readDataFile(temp.path), meta: {} };
      } finally {
        await temp.cleanup();
      }
    }).then(({ files }) => files);
    realDataFiles.set(demo, made);
    made.catch(() => realDataFiles.delete(demo));
  }
  const files = await made;
  await mkdir(folder, { recursive: true });
  await writeDataFile(files, folder);
  return dataFilePath(folder);
}

export async function writeDataFileBytes(folder: string, bytes: Uint8Array): Promise<string> {
  const path = dataFilePath(folder);
  await writeFile(path, bytes);
  return path;
}

/**
 * The plain database the data file in `folder` holds on disk now (its snapshot with the change journal
 * replayed), opened with `keyring`, as opening does and without writing anything.
 */
export async function databaseOnDisk(folder: string, keyring: Keyring): Promise<import('sql.js').Database> {
  const sealed = await SealedDataFile.read(folder);
  if (!sealed) throw new Error(`no data file in ${folder}`);
  const journal = await readJournalFile(journalPathFor(sealed.path), sealed.envelope.header.journal ?? null, keyring);
  const SQL = await loadSqlJs();
  const wal = journal.contents?.kind === 'changes' ? journal.contents.wal : undefined;
  return loadDatabase(SQL, keyring.openFile(sealed.envelope), sealed.path, undefined, wal).db;
}

/** Waits for `check` to hold, polling; fails after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
