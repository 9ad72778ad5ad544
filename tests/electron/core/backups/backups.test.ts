import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKUPS_FOLDER_NAME, backupName } from '../../../../electron/core/backups/backup-files';
import { decodeEnvelope, FORMAT } from '../../../../electron/core/crypto/envelope';
import { Keyring } from '../../../../electron/core/crypto/keyring';
import { newRecoverySecret } from '../../../../electron/core/crypto/recovery-key';
import { DataFile, dataFilePath, SealedDataFile } from '../../../../electron/core/data-file';
import { migrations } from '../../../../electron/core/db/migrations';
import { APPLICATION_ID, LATEST_VERSION, migrate } from '../../../../electron/core/db/open';
import { loadSqlJs } from '../../../../electron/core/db/sqljs';
import { unwrap } from '../../../../shared/api/result';
import { DEMO_PASSWORD, startCore, startDemoCore, tempFolder, TEST_NOW, TEST_SCRYPT } from '../../../helpers/core';
import { auditFunctions } from '../db/audit-functions';
import { auditRows, sha256, withEditedHeader } from '../sealed-files';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function demo(options: { now?: () => Date; checkpointIdleMs?: number; fresh?: boolean } = {}) {
  const started = await startDemoCore({ ...options });
  cleanups.push(started.cleanup);
  const parkgate = unwrap(await started.call('bases.list')).find((b) => b.name === 'Parkgate')!;
  return { ...started, parkgate, backups: join(started.folder, BACKUPS_FOLDER_NAME) };
}

type Demo = Awaited<ReturnType<typeof demo>>;

/**
 * A sealed data file from the version before the latest (the latest migration still to run), alone in
 * a new folder; `original` is its bytes.
 */
async function olderDataFile() {
  const temp = await tempFolder();
  cleanups.push(temp.cleanup);
  const SQL = await loadSqlJs();
  const older = new SQL.Database();
  auditFunctions().register(older);
  older.exec(`PRAGMA foreign_keys = ON; PRAGMA application_id = ${APPLICATION_ID}`);
  migrate(older, ':memory:', migrations.slice(0, -1));
  const keyring = Keyring.create({ demo: true, scrypt: TEST_SCRYPT });
  await keyring.setRecoveryKey(newRecoverySecret());
  const original = keyring.sealFile(older.export());
  older.close();
  await writeFile(dataFilePath(temp.path), original);
  return { temp, keyring, original };
}

async function signOutAndIn(d: Demo) {
  unwrap(await d.call('session.signOut'));
  await d.signIn('demo.manager');
}

/** Everything a plain reader of a backup file could see: no pupil, base or provision names, no SQLite. */
function expectNoPlaintext(bytes: Buffer) {
  for (const text of ['SQLite format 3', 'Parkgate', 'Frederick Bird', 'demo.manager', 'pupils']) {
    expect(bytes.includes(Buffer.from(text, 'utf8')), `backup holds "${text}"`).toBe(false);
  }
  expect(() => decodeEnvelope(bytes)).not.toThrow();
}

describe('automatic backups', () => {
  it('are made at the first sign-in of the day, sealed, once a day', async () => {
    let now = TEST_NOW;
    const d = await demo({ now: () => now });
    expect(await readdir(d.folder)).not.toContain(BACKUPS_FOLDER_NAME);
    await signOutAndIn(d);
    const first = await readdir(d.backups);
    expect(first).toEqual([backupName(TEST_NOW, 'daily')]);
    expectNoPlaintext(await readFile(join(d.backups, first[0]!)));
    // Key Desk's own daily backup is not something anyone did: it is listed, not logged.
    expect(auditRows(d.core).filter((r) => r.action === 'backed-up')).toEqual([]);

    await signOutAndIn(d);
    expect(await readdir(d.backups)).toHaveLength(1);

    now = new Date(TEST_NOW.getTime() + 24 * 60 * 60_000);
    await signOutAndIn(d);
    expect(await readdir(d.backups)).toHaveLength(2);
    const listed = unwrap(await d.call('backups.list'));
    expect(listed).toMatchObject({ folder: d.backups, automatic: true, lastProblem: null });
    expect(listed.backups.map((b) => [b.kind, b.takenAt])).toEqual([
      ['daily', now.toISOString()],
      ['daily', TEST_NOW.toISOString()],
    ]);
    expect(listed.backups[0]!.bytes).toBeGreaterThan(10_000);
  });

  it('are made on a PC left signed in overnight, once saving goes quiet on the new day', async () => {
    let now = TEST_NOW;
    const d = await demo({ now: () => now, checkpointIdleMs: 20 });
    await signOutAndIn(d);
    expect(await readdir(d.backups)).toHaveLength(1);
    now = new Date(TEST_NOW.getTime() + 24 * 60 * 60_000);
    // Locked overnight; the morning's teacher unlocks (no new sign-in) and makes a change.
    expect(await d.call('bases.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    unwrap(await d.call('session.unlock', { password: DEMO_PASSWORD }));
    unwrap(await d.call('bases.update', { id: d.parkgate.id, hostSchool: 'Parkgate Primary School (main building)' }));
    const both = [backupName(TEST_NOW, 'daily'), backupName(now, 'daily')].sort();
    await expect.poll(async () => (await readdir(d.backups)).sort(), { timeout: 5_000 }).toEqual(both);
  });

  it('keep the data file exactly as it was before a migration first saves over it', async () => {
    const { temp, keyring, original } = await olderDataFile();

    const core = await startCore({ folder: temp.path });
    cleanups.push(() => core.core.close());
    const sealed = (await SealedDataFile.read(temp.path))!;
    let onDiskWhenBackedUp: string | null = null;
    const file = await DataFile.unlock(sealed, keyring, {
      beforeMigrationSave: async (from) => {
        onDiskWhenBackedUp = sha256(await readFile(dataFilePath(temp.path)));
        await core.core.backups.beforeMigration(from);
      },
    });
    await file.close();
    // The backup was made while the file on disk was still the old one, and holds exactly its bytes.
    expect(onDiskWhenBackedUp).toBe(sha256(original));
    expect(sha256(await readFile(dataFilePath(temp.path)))).not.toBe(sha256(original));
    const [kept, ...more] = await readdir(join(temp.path, BACKUPS_FOLDER_NAME));
    expect(more).toEqual([]);
    expect(kept).toBe(backupName(TEST_NOW, 'before-migration'));
    expect(sha256(await readFile(join(temp.path, BACKUPS_FOLDER_NAME, kept!)))).toBe(sha256(original));
  });

  it('a migration whose backup cannot be written is not saved, and the data file is left as it was', async () => {
    const { temp, keyring, original } = await olderDataFile();
    // Something that is not a folder where the backups folder should be.
    await writeFile(join(temp.path, BACKUPS_FOLDER_NAME), 'in the way');

    const core = await startCore({ folder: temp.path });
    cleanups.push(() => core.core.close());
    expect(await core.core.unseal(keyring)).toBeNull();
    const status = unwrap(await core.call('app.status'));
    expect(status).toMatchObject({ state: 'failed', problem: { kind: 'folder-unusable' } });
    expect(status.problem?.message).toMatch(/keeps a backup of it first, but the backup could not be written in .*Nothing has been changed\./);
    expect(sha256(await readFile(dataFilePath(temp.path)))).toBe(sha256(original));
  });
});

describe('back up now', () => {
  it('writes a checked backup to a chosen folder (a USB stick), lists it there, and logs who made it', async () => {
    const d = await demo();
    const usb = await tempFolder('keydesk-usb-');
    cleanups.push(usb.cleanup);
    const made = unwrap(await d.call('backups.create', { folder: usb.path }));
    expect(made).toMatchObject({ folder: usb.path, backup: { kind: 'manual', takenAt: TEST_NOW.toISOString() } });
    expect(await readdir(usb.path)).toEqual([made.backup.name]);
    expectNoPlaintext(await readFile(join(usb.path, made.backup.name)));
    expect(unwrap(await d.call('backups.list', { folder: usb.path }))).toMatchObject({ automatic: false, backups: [made.backup] });
    const logged = auditRows(d.core).filter((r) => r.action === 'backed-up');
    expect(logged.at(-1)).toMatchObject({ staff_name: 'Demo Manager', detail: `backup now to ${usb.path}: ${made.backup.name}` });
  });

  it('tidies away temp files an earlier backup left when it was cut off, once they are an hour old', async () => {
    const d = await demo();
    const usb = await tempFolder('keydesk-usb-');
    cleanups.push(usb.cleanup);
    const old = `.${backupName(TEST_NOW, 'manual')}.0b7f3c2e-5d1a-4c8e-9f6b-2a4d8e1c7b90.tmp`;
    const fresh = `.${backupName(TEST_NOW, 'daily')}.1c8f3c2e-5d1a-4c8e-9f6b-2a4d8e1c7b91.tmp`;
    const notOurs = 'notes.tmp';
    for (const name of [old, fresh, notOurs]) await writeFile(join(usb.path, name), 'partial');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(usb.path, old), twoHoursAgo, twoHoursAgo);
    await utimes(join(usb.path, notOurs), twoHoursAgo, twoHoursAgo);
    const made = unwrap(await d.call('backups.create', { folder: usb.path }));
    expect((await readdir(usb.path)).sort()).toEqual([fresh, made.backup.name, notOurs].sort());
  });

  it('says plainly when the folder cannot be written to', async () => {
    const d = await demo();
    const file = join(d.folder, 'not-a-folder');
    await writeFile(file, 'x');
    const refused = await d.call('backups.create', { folder: file });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'folder' } });
    expect(!refused.ok && refused.error.message).toMatch(/^The backup could not be written in .*not-a-folder\./);
    expect(await d.call('backups.create', { folder: 'relative/usb' })).toMatchObject({ ok: false, error: { field: 'folder' } });
  });
});

describe('restore', () => {
  async function withBackup() {
    const d = await demo();
    const { backup } = unwrap(await d.call('backups.create'));
    // A change made after the backup: the restore takes it away.
    unwrap(await d.call('bases.update', { id: d.parkgate.id, places: 30 }));
    await d.core.dataFile?.flush();
    return { ...d, backup };
  }

  it('shows what a backup holds once a password opens it, and refuses a wrong one', async () => {
    const d = await withBackup();
    const summary = unwrap(await d.call('backups.inspect', { name: d.backup.name, password: DEMO_PASSWORD }));
    const pupils = Number(d.core.requireFile().sql.exec('SELECT count(*) FROM pupils')[0]!.values[0]![0]);
    const placements = Number(d.core.requireFile().sql.exec('SELECT count(*) FROM placements')[0]!.values[0]![0]);
    expect(summary).toMatchObject({ name: d.backup.name, takenAt: TEST_NOW.toISOString(), kind: 'manual', provisionName: expect.stringMatching(/\S/), pupils, placements });
    expect(pupils).toBeGreaterThan(0);
    expect(summary.lastChange).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await d.call('backups.inspect', { name: d.backup.name, recoveryKey: d.recoveryKey })).toMatchObject({ ok: true });
    const wrong = await d.call('backups.inspect', { name: d.backup.name, password: 'not-the-password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD', field: 'password' } });
    expect(await d.call('backups.inspect', { name: d.backup.name })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'password' } });
  });

  it('keeps the current data as a backup first, then switches; everyone signs in again to the restored data', async () => {
    const d = await withBackup();
    const restored = unwrap(await d.call('backups.restore', { name: d.backup.name, password: DEMO_PASSWORD }));
    expect(restored.keptAs).toMatch(/-before-restore\.kdbackup$/);
    expect(unwrap(await d.call('app.status'))).toMatchObject({ state: 'sign-in', user: null });
    expect(await readdir(d.folder)).not.toContain('keydesk.lock');

    await d.signIn('demo.manager');
    expect(unwrap(await d.call('bases.list')).find((b) => b.id === d.parkgate.id)?.places).toBe(24);
    const logged = auditRows(d.core).filter((r) => r.action === 'restored-backup');
    expect(logged).toEqual([expect.objectContaining({ staff_name: 'Demo Manager', detail: `from ${d.backup.name}; the data before was kept as ${restored.keptAs}` })]);

    // The data as it was before the restore (30 places) is in the backup kept first, and restores too.
    const back = unwrap(await d.call('backups.restore', { name: restored.keptAs, password: DEMO_PASSWORD }));
    expect(back.keptAs).not.toBe(restored.keptAs);
    await d.signIn('demo.manager');
    expect(unwrap(await d.call('bases.list')).find((b) => b.id === d.parkgate.id)?.places).toBe(30);
  });

  describe('refuses a backup that does not verify, with a clear message, changing nothing', () => {
    async function expectRefused(d: Demo & { backup: { name: string } }, name: string, message: RegExp, folder?: string) {
      const dataBefore = sha256(await readFile(dataFilePath(d.folder)));
      const backupsBefore = await readdir(d.backups);
      for (const call of ['backups.inspect', 'backups.restore'] as const) {
        const refused = await d.call(call, { name, password: DEMO_PASSWORD, ...(folder ? { folder } : {}) });
        expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', field: 'name' } });
        expect(!refused.ok && refused.error.message).toMatch(message);
        expect(!refused.ok && refused.error.message).toContain(name);
      }
      expect(sha256(await readFile(dataFilePath(d.folder)))).toBe(dataBefore);
      expect(await readdir(d.backups)).toEqual(backupsBefore);
      expect(unwrap(await d.call('app.status'))).toMatchObject({ state: 'ready' });
    }

    it('a damaged backup', async () => {
      const d = await withBackup();
      const path = join(d.backups, d.backup.name);
      const bytes = await readFile(path);
      bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
      await writeFile(path, bytes);
      await expectRefused(d, d.backup.name, /is damaged .*It has not been restored, and nothing has been changed\./);
    });

    it('a backup cut short (a copy that did not finish)', async () => {
      const d = await withBackup();
      const path = join(d.backups, d.backup.name);
      await writeFile(path, (await readFile(path)).subarray(0, 5000));
      await expectRefused(d, d.backup.name, /is damaged/);
    });

    it("a backup of another provision's data", async () => {
      const d = await withBackup();
      // Another provision: a data file of its own, not a copy of the one `d` has, whose manager signs in
      // as d's does (so the password given would open its backup). Not demo data: making that takes seconds.
      const otherFolder = await tempFolder();
      cleanups.push(otherFolder.cleanup);
      const other = await startCore({ folder: otherFolder.path });
      cleanups.push(() => other.core.close());
      unwrap(await other.call('setup.createDatabase', { demo: false, provisionName: 'The Key', manager: { name: 'Demo Manager', username: 'demo.manager', password: DEMO_PASSWORD } }));
      const usb = await tempFolder('keydesk-usb-');
      cleanups.push(usb.cleanup);
      const { backup } = unwrap(await other.call('backups.create', { folder: usb.path }));
      await expectRefused(d, backup.name, /is of another provision's data, not this one\. It has not been restored/, usb.path);
    });

    it('a backup from a newer version of Key Desk (file format or database)', async () => {
      const d = await withBackup();
      const path = join(d.backups, d.backup.name);
      const newerFormat = withEditedHeader(await readFile(path), (header) => ({ ...header, format: FORMAT + 1 }) as unknown as typeof header);
      const formatName = backupName(new Date(TEST_NOW.getTime() + 1000), 'manual');
      await writeFile(join(d.backups, formatName), newerFormat);
      await expectRefused(d, formatName, /was made by a newer version of Key Desk\. It has not been restored.*Install the newer version/);

      const SQL = await loadSqlJs();
      const db = new SQL.Database(d.core.requireFile().sql.export());
      db.exec(`PRAGMA user_version = ${LATEST_VERSION + 1}`);
      const schemaName = backupName(new Date(TEST_NOW.getTime() + 2000), 'manual');
      await writeFile(join(d.backups, schemaName), d.core.requireFile().keyring.sealFile(db.export()));
      db.close();
      await expectRefused(d, schemaName, /was made by a newer version of Key Desk/);
    });

    it('a file that is not a Key Desk backup at all', async () => {
      const d = await withBackup();
      const name = backupName(new Date(TEST_NOW.getTime() + 3000), 'daily');
      await mkdir(d.backups, { recursive: true });
      await writeFile(join(d.backups, name), 'holiday photos');
      await expectRefused(d, name, /is not a Key Desk backup/);
    });
  });

  it('is for managers only, and is refused in a read-only window', async () => {
    const d = await withBackup();
    const other = await startCore({ folder: d.folder });
    cleanups.push(() => other.core.close());
    const status = unwrap(await other.call('app.status'));
    expect(status.heldElsewhere).toMatch(/^Key Desk is open in another window on this PC since \d\d:\d\d/);
    const refused = await other.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD });
    expect(refused).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    expect(!refused.ok && refused.error.message).toMatch(/Sign in read-only to look things up, or close Key Desk there and try again\./);

    unwrap(await other.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD, readOnly: true }));
    expect(unwrap(await other.call('app.status'))).toMatchObject({ state: 'ready', readOnly: true });
    expect(unwrap(await other.call('backups.list')).backups.length).toBeGreaterThan(0);
    const restore = await other.call('backups.restore', { name: d.backup.name, password: DEMO_PASSWORD });
    expect(restore).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    expect(!restore.ok && restore.error.message).toMatch(/^Key Desk is open read-only in this window, so nothing can be changed here\. Key Desk is open in another window on this PC/);
    const change = await other.call('bases.update', { id: d.parkgate.id, places: 20 });
    expect(change).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
    // The read-only window shows the data as saved; nothing it does reaches the disk.
    expect(unwrap(await other.call('bases.list')).find((b) => b.id === d.parkgate.id)?.places).toBe(30);
    const before = sha256(await readFile(dataFilePath(d.folder)));
    unwrap(await other.call('session.signOut'));
    expect(sha256(await readFile(dataFilePath(d.folder)))).toBe(before);

    unwrap(await d.call('session.signOut'));
    await d.signIn('demo.teacher');
    expect(await d.call('backups.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
