import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeEnvelope, MAGIC } from '../../../electron/core/crypto/envelope';
import type { Keyring } from '../../../electron/core/crypto/keyring';
import { dataFilePath } from '../../../electron/core/data-file';
import { APPLICATION_ID, LATEST_VERSION } from '../../../electron/core/db/open';
import { loadSqlJs } from '../../../electron/core/db/sqljs';
import type { FileProblemKind } from '../../../shared/api/status';
import { DEMO_PASSWORD, TEST_MANAGER, startCore, tempFolder } from '../../helpers/core';
import { expectUntouched, makeRealDataFile, snapshot, writeDataFileBytes, writeRealDataFile } from './files';

/** The bytes of a real (encrypted) demo data file, and the keyring that sealed it, made once. */
let realFile: Buffer;
let realKeyring: Keyring;
beforeAll(async () => {
  const folder = await tempFolder();
  const made = await makeRealDataFile(folder.path);
  realFile = await readFile(made.path);
  realKeyring = made.keyring;
  await folder.cleanup();
});

let folder: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.cleanup());

const CHECKSUM_BYTES = 32;
const headerEnd = (bytes: Buffer) => MAGIC.length + 4 + bytes.readUInt32BE(MAGIC.length);

/** The real file with one byte changed at `at` (negative: from the end). */
function flipped(at: (bytes: Buffer) => number): Buffer {
  const copy = Buffer.from(realFile);
  const index = at(copy);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

/** A plain SQLite database, as bytes. */
async function plainDatabase(sql: string): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.exec(sql);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** The real file's database, changed by `change`, sealed again under the file's own keys. */
async function resealed(change: (db: import('sql.js').Database) => void): Promise<Buffer> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database(realKeyring.openFile(decodeEnvelope(realFile)));
  change(db);
  const bytes = db.export();
  db.close();
  return realKeyring.sealFile(bytes);
}

interface BadFile {
  what: string;
  kind: FileProblemKind;
  message: RegExp;
  bytes: () => Promise<Uint8Array>;
}

/** Files refused as soon as the folder is opened, before anyone signs in. */
const refusedOnOpening: BadFile[] = [
  { what: 'an empty file', kind: 'empty', message: /empty/, bytes: async () => new Uint8Array() },
  { what: 'random garbage', kind: 'not-ours', message: /not a Key Desk data file/, bytes: async () => randomBytes(8192) },
  {
    what: 'a valid SQLite database that belongs to another program',
    kind: 'not-ours',
    message: /unencrypted database, not a Key Desk data file/,
    bytes: () => plainDatabase("PRAGMA application_id = 1234; CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('shopping')"),
  },
  {
    what: 'an unencrypted database stamped as Key Desk’s',
    kind: 'not-ours',
    message: /unencrypted database, not a Key Desk data file/,
    bytes: () => plainDatabase(`PRAGMA application_id = ${APPLICATION_ID}; PRAGMA user_version = 1; CREATE TABLE bases (id TEXT)`),
  },
  {
    what: 'a truncated copy of a real data file',
    kind: 'corrupt',
    message: /damaged/,
    bytes: async () => realFile.subarray(0, Math.floor(realFile.length / 2)),
  },
  {
    what: 'a real data file cut off inside its header',
    kind: 'corrupt',
    message: /damaged/,
    bytes: async () => realFile.subarray(0, MAGIC.length + 2),
  },
  {
    what: 'a real data file with one byte flipped in its header',
    kind: 'corrupt',
    message: /damaged/,
    bytes: async () => flipped(() => MAGIC.length + 4 + 10),
  },
  {
    what: 'a real data file with one byte flipped in its sealed database',
    kind: 'corrupt',
    message: /damaged/,
    bytes: async () => flipped((b) => Math.floor((headerEnd(b) + b.length - CHECKSUM_BYTES) / 2)),
  },
  {
    what: 'a real data file with one byte flipped in its checksum',
    kind: 'corrupt',
    message: /damaged/,
    bytes: async () => flipped((b) => b.length - 1),
  },
  {
    what: 'the Key Desk signature followed by garbage',
    kind: 'corrupt',
    message: /damaged/,
    bytes: async () => Buffer.concat([MAGIC, randomBytes(4096)]),
  },
];

describe.each(refusedOnOpening)('opening a folder holding $what', ({ kind, message, bytes }) => {
  it(`reports state 'failed' (${kind}) with a clear message and never touches the file`, async () => {
    const path = await writeDataFileBytes(folder.path, await bytes());
    const before = await snapshot(path);

    const { core, call } = await startCore({ folder: folder.path });
    const status = await core.status();
    expect(status.state).toBe('failed');
    expect(status.dataFolder).toBe(folder.path);
    expect(status.user).toBeNull();
    expect(status.problem).toEqual({ kind, message: expect.stringMatching(message), path });
    expect(status.problem?.message).toMatch(/left as it is|has not been changed/);
    expect(status.problem?.message).not.toMatch(/Error:|\bat \w+ \(/); // no stack traces for teachers
    await expectUntouched(path, before);

    await expectEverythingRefused(call, kind);
    await core.close();
    await new Promise((resolve) => setTimeout(resolve, 50)); // longer than the test save delay
    await expectUntouched(path, before);
  });
});

/** Whatever staff try next, nothing opens and the refused file stays exactly as it was. */
async function expectEverythingRefused(call: Awaited<ReturnType<typeof startCore>>['call'], kind: FileProblemKind, when: 'opening' | 'signing-in' = 'opening') {
  expect(await call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({
    ok: false,
    error: { code: 'NO_DATABASE' },
  });
  expect(await call('session.recover', { recoveryKey: 'AAAA-AAAA', username: 'demo.manager', newPassword: 'a-brand-new-password' })).toMatchObject({
    ok: false,
    error: { code: 'NO_DATABASE' },
  });
  expect(await call('bases.list')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  expect(await call('bases.update', { id: crypto.randomUUID(), places: 3 })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  expect(await call('setup.createDatabase', { demo: true })).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', field: 'folder' },
  });
  expect(await call('setup.createDatabase', { demo: false, provisionName: 'The Key', manager: TEST_MANAGER })).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', field: 'folder' },
  });
  const status = await call('app.status');
  const folderNow = status.ok ? status.value.dataFolder : null;
  const again = await call('setup.openFolder', { folder: folderNow });
  if (when === 'opening') {
    expect(again).toMatchObject({ ok: true, value: { state: 'failed', problem: { kind } } });
  } else {
    // Opening the folder again shows the sign-in screen; signing in refuses the file again.
    expect(again).toMatchObject({ ok: true, value: { state: 'sign-in', problem: null } });
    expect(await call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({
      ok: true,
      value: { state: 'failed', problem: { kind } },
    });
  }
  expect(await call('app.status')).toMatchObject({ ok: true, value: { state: 'failed', problem: { kind }, user: null } });
}

/**
 * Files whose envelope is whole, so the sign-in screen shows, but whose inside cannot be used: refused
 * when the right password unseals them.
 */
const refusedOnSigningIn: BadFile[] = [
  {
    what: 'a data file from a newer version of Key Desk',
    kind: 'too-new',
    message: /newer version of Key Desk/,
    bytes: () => resealed((db) => db.exec(`PRAGMA user_version = ${LATEST_VERSION + 1}`)),
  },
  {
    what: 'a data file whose sealed database was changed and its checksum made to match (tampering)',
    kind: 'corrupt',
    message: /damaged or has been changed/,
    bytes: async () => {
      const tampered = flipped((b) => b.length - CHECKSUM_BYTES - 100);
      const content = tampered.subarray(0, tampered.length - CHECKSUM_BYTES);
      createHash('sha256').update(content).digest().copy(tampered, content.length);
      return tampered;
    },
  },
];

describe.each(refusedOnSigningIn)('signing in to $what', ({ kind, message, bytes }) => {
  it(`reports state 'failed' (${kind}) with a clear message and never touches the file`, async () => {
    const path = await writeDataFileBytes(folder.path, await bytes());
    const before = await snapshot(path);

    const { core, call } = await startCore({ folder: folder.path });
    expect(await core.status()).toMatchObject({ state: 'sign-in', isDemo: true, problem: null });

    const signedIn = await call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD });
    expect(signedIn).toEqual({
      ok: true,
      value: expect.objectContaining({ state: 'failed', user: null, provisionName: null, problem: { kind, message: expect.stringMatching(message), path } }),
    });
    expect(signedIn.ok && signedIn.value.problem?.message).toMatch(/left as it is|has not been changed/);
    expect(core.dataFile).toBeNull();
    await expectUntouched(path, before);

    await expectEverythingRefused(call, kind, 'signing-in');
    await core.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
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
      const { core, call, signIn } = await startCore({ folder: folder.path });
      expect((await core.status()).state).toBe('failed');
      const opened = await call('setup.openFolder', { folder: good.path });
      expect(opened).toMatchObject({ ok: true, value: { state: 'sign-in', problem: null, isDemo: true, dataFolder: good.path } });
      expect(await signIn('demo.manager')).toMatchObject({ state: 'ready', problem: null });
      await core.close();
      await expectUntouched(path, before);
    } finally {
      await good.cleanup();
    }
  });
});
