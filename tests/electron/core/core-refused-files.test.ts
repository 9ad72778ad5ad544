import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dataFilePath } from '../../../electron/core/data-file';
import { LATEST_VERSION } from '../../../electron/core/db/open';
import { loadSqlJs } from '../../../electron/core/db/sqljs';
import type { FileProblemKind } from '../../../shared/api/status';
import { startCore, tempFolder } from '../../helpers/core';
import { expectUntouched, snapshot, writeDataFileBytes, writeRealDataFile } from './files';

/** The bytes of a real demo data file, made once. */
let realFile: Buffer;
beforeAll(async () => {
  const folder = await tempFolder();
  realFile = await readFile(await writeRealDataFile(folder.path));
  await folder.cleanup();
});

let folder: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.cleanup());

async function sqliteFile(change: (db: import('sql.js').Database) => void): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  // sql.js works in the buffer it is given, so hand it a copy.
  const db = new SQL.Database(Uint8Array.from(realFile));
  change(db);
  const bytes = db.export();
  db.close();
  return bytes;
}

const badFiles: Array<{ what: string; kind: FileProblemKind; message: RegExp; bytes: () => Promise<Uint8Array> }> = [
  { what: 'an empty file', kind: 'empty', message: /empty/, bytes: async () => new Uint8Array() },
  { what: 'random garbage', kind: 'not-ours', message: /not a Key Desk data file/, bytes: async () => randomBytes(8192) },
  {
    what: 'a truncated copy of a real data file',
    kind: 'corrupt',
    message: /damaged/,
    bytes: async () => realFile.subarray(0, Math.floor(realFile.length / 2)),
  },
  {
    what: 'a real data file with its pages scrambled after the header',
    kind: 'corrupt',
    message: /damaged/,
    bytes: async () => Buffer.concat([realFile.subarray(0, 4096), randomBytes(realFile.length - 4096)]),
  },
  {
    what: 'a valid SQLite database that belongs to another program',
    kind: 'not-ours',
    message: /not a Key Desk one/,
    bytes: async () => {
      const SQL = await loadSqlJs();
      const db = new SQL.Database();
      db.exec('PRAGMA application_id = 1234; CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (\'shopping\')');
      const bytes = db.export();
      db.close();
      return bytes;
    },
  },
  {
    what: 'a Key Desk file with its application id wiped',
    kind: 'not-ours',
    message: /not a Key Desk one/,
    bytes: () => sqliteFile((db) => db.exec('PRAGMA application_id = 0')),
  },
  {
    what: 'a data file from a newer version of Key Desk',
    kind: 'too-new',
    message: /newer version of Key Desk/,
    bytes: () => sqliteFile((db) => db.exec(`PRAGMA user_version = ${LATEST_VERSION + 1}`)),
  },
];

describe.each(badFiles)('opening a folder holding $what', ({ kind, message, bytes }) => {
  it(`reports state 'failed' (${kind}) with a clear message and never touches the file`, async () => {
    const path = await writeDataFileBytes(folder.path, await bytes());
    const before = await snapshot(path);

    const { core, call } = await startCore({ folder: folder.path });
    const status = await core.status();
    expect(status.state).toBe('failed');
    expect(status.dataFolder).toBe(folder.path);
    expect(status.problem).toEqual({ kind, message: expect.stringMatching(message), path });
    expect(status.problem?.message).toMatch(/left as it is|has not been changed/);
    expect(status.problem?.message).not.toMatch(/Error:|\bat \w+ \(/); // no stack traces for teachers
    await expectUntouched(path, before);

    // Whatever staff try next, the refused file stays exactly as it was.
    expect(await call('bases.list')).toMatchObject({ ok: false, error: { code: 'NO_DATABASE' } });
    expect(await call('bases.update', { id: crypto.randomUUID(), places: 3 })).toMatchObject({
      ok: false,
      error: { code: 'NO_DATABASE' },
    });
    expect(await call('setup.createDatabase', { demo: true })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'folder' },
    });
    expect(await call('setup.createDatabase', { demo: false, provisionName: 'The Key', folder: folder.path })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', field: 'folder' },
    });
    const again = await call('setup.openFolder', { folder: folder.path });
    expect(again).toMatchObject({ ok: true, value: { state: 'failed', problem: { kind } } });
    expect(await call('app.status')).toMatchObject({ ok: true, value: { state: 'failed', problem: { kind } } });
    await core.close();
    await new Promise((resolve) => setTimeout(resolve, 50)); // longer than the test save delay
    await expectUntouched(path, before);
  });
});

describe('a data file that cannot be read at all', () => {
  it('reports unreadable when keydesk.db is a folder, and leaves it alone', async () => {
    await mkdir(join(folder.path, 'keydesk.db', 'inside'), { recursive: true });
    const { core } = await startCore({ folder: folder.path });
    const status = await core.status();
    expect(status.state).toBe('failed');
    expect(status.problem).toMatchObject({ kind: 'unreadable', path: dataFilePath(folder.path) });
    expect(status.problem?.message).toMatch(/could not be read/);
    await core.close();
    expect(await readdir(folder.path)).toEqual(['keydesk.db']);
    expect(await readdir(join(folder.path, 'keydesk.db'))).toEqual(['inside']);
  });
});

describe('moving from a refused file to a good folder', () => {
  it('clears the problem once a healthy folder is opened, still without touching the refused file', async () => {
    const path = await writeDataFileBytes(folder.path, new Uint8Array());
    const before = await snapshot(path);
    const good = await tempFolder();
    try {
      await writeRealDataFile(good.path);
      const { core, call } = await startCore({ folder: folder.path });
      expect((await core.status()).state).toBe('failed');
      const opened = await call('setup.openFolder', { folder: good.path });
      expect(opened).toMatchObject({ ok: true, value: { state: 'ready', problem: null, isDemo: true, dataFolder: good.path } });
      await core.close();
      await expectUntouched(path, before);
    } finally {
      await good.cleanup();
    }
  });
});
