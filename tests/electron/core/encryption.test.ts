import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GUARD_FILE_NAME } from '../../../electron/core/auth/sign-in-guard';
import { backupName } from '../../../electron/core/backups/backup-files';
import { decodeEnvelope, MAGIC } from '../../../electron/core/crypto/envelope';
import { Keyring } from '../../../electron/core/crypto/keyring';
import { dataFilePath } from '../../../electron/core/data-file';
import { unwrap } from '../../../shared/api/result';
import { DEMO_PASSWORD, startCore, startDemoCore, TEST_MANAGER, TEST_NOW, TEST_SCRYPT, tempFolder } from '../../helpers/core';
import { auditRows, fileState, folderFiles, pupilRows, readEnvelope, slotFor, withEditedHeader, withFreshChecksum } from './sealed-files';

/**
 * Encryption at rest, from the outside: what reaches the disk, and what a wrong password, a recovery
 * key, a damaged, cut-short or swapped file gets you.
 */

/** Every temp file a save writes, read back from disk just before it replaces the real file. */
const tempFiles = vi.hoisted(() => [] as Array<{ path: string; bytes: Buffer }>);
vi.mock('../../../electron/core/persistence/atomic-write', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../electron/core/persistence/atomic-write')>();
  const fs = await import('node:fs/promises');
  return {
    ...original,
    writeFileAtomic: (path: string, bytes: Uint8Array, options: Parameters<typeof original.writeFileAtomic>[2] = {}) =>
      original.writeFileAtomic(path, bytes, {
        ...options,
        beforeRename: async (tempPath) => {
          tempFiles.push({ path: tempPath, bytes: await fs.readFile(tempPath) });
          await options.beforeRename?.(tempPath);
        },
      }),
  };
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function demoCore(options: Parameters<typeof startDemoCore>[0] = {}) {
  const demo = await startDemoCore(options);
  cleanups.push(demo.cleanup);
  return demo;
}

async function coreOn(folder: string) {
  const started = await startCore({ folder });
  cleanups.push(() => started.core.close());
  return started;
}

async function scratchFolder() {
  const folder = await tempFolder();
  cleanups.push(folder.cleanup);
  return folder.path;
}

/** A sealed demo data file, made once: the tampering tests each write a changed copy of it. */
let sealedDemo: Buffer;
/** The (empty) change journal the demo's snapshot names: it goes beside the snapshot, as staff copy both. */
let demoJournal: Buffer;
beforeAll(async () => {
  const demo = await startDemoCore();
  await demo.core.close();
  sealedDemo = await readFile(dataFilePath(demo.folder));
  demoJournal = await readFile(`${dataFilePath(demo.folder)}.journal`);
  await demo.cleanup();
});

/** Opens `bytes` as the data file of a fresh folder and tries to sign in as the demo manager. */
async function tryToOpen(bytes: Uint8Array) {
  const folder = await scratchFolder();
  const path = dataFilePath(folder);
  await writeFile(path, bytes);
  await writeFile(`${path}.journal`, demoJournal);
  const before = await fileState(path);
  const { core, call } = await coreOn(folder);
  const signIn = await call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD });
  const status = await core.status();
  await core.close();
  const after = await fileState(path);
  return { signIn, status, untouched: after.sha256 === before.sha256 && after.mtimeMs === before.mtimeMs && after.ino === before.ino, folder };
}

async function demoSignIn(call: Awaited<ReturnType<typeof startCore>>['call']) {
  expect(unwrap(await call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).state).toBe('ready');
}

/**
 * `open` for each of `items`, up to `at once` at a time (each on its own folder and core: independent,
 * and mostly waiting on the disk), the results in the items' order.
 */
async function eachConcurrently<T, R>(items: readonly T[], open: (item: T) => Promise<R>, atOnce = 8): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await open(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, worker));
  return results;
}

const DAMAGED = /damaged or has been changed since Key Desk saved it.*left as it is/;

describe('what reaches the disk', () => {
  it('holds no pupil’s name or date of birth, in the data file, any temp file or the guard file', async () => {
    tempFiles.length = 0;
    const demo = await demoCore();
    const { core, call, folder } = demo;
    // One pupil with a name and birthday no random bytes could hold by chance.
    core.requireFile().sql.run(
      "INSERT INTO pupils (id, legal_first_name, legal_last_name, preferred_name, date_of_birth, created_at) VALUES ('6f1c1f7e-0d0e-4d55-9a35-2a8c3f1e9b10', 'Wilhelmina-Rosalind', 'Featherstonehaugh', 'Minnie-Rose', '2017-02-28', '2026-11-23T09:00:00.000Z')",
    );
    const pupils = pupilRows(core);
    // Names of 5 letters or more and every date of birth: a 3- or 4-letter name ("Ava", "Ezra") turns
    // up in a few hundred kilobytes of random ciphertext now and then, so searching for it proves nothing.
    const secrets = [...new Set(pupils.flatMap((p) => [p.legal_first_name, p.legal_last_name, p.preferred_name ?? '', p.date_of_birth]))].filter((s) => s.length >= 5);
    expect(pupils.length).toBeGreaterThan(20);
    expect(secrets.length).toBeGreaterThan(40);
    const staffNames = ['Demo Manager', 'Demo Teacher', 'demo.teacher', 'demo.manager'];

    /**
     * Whether `bytes` holds each secret, in one pass over them rather than one per secret: a secret in
     * printable ASCII can only lie within a run of printable ASCII bytes at least as long, and random
     * ciphertext has few (others, if any, are searched for in the whole of `bytes`).
     */
    const searchIn = (bytes: Buffer) => {
      const runs = bytes.toString('latin1').match(/[\x20-\x7e]{5,}/g)?.join('\n') ?? '';
      return (secret: string) => (/^[\x20-\x7e]+$/.test(secret) ? runs.includes(secret) : bytes.includes(Buffer.from(secret, 'utf8')));
    };
    // The check can fail: the plain database holds every one of them.
    const plain = searchIn(Buffer.from(core.requireFile().sql.export()));
    for (const secret of [...secrets, ...staffNames]) expect(plain(secret), secret).toBe(true);

    // Saves of all kinds: a change, a failed and a good sign-in (the guard file), signing out.
    unwrap(await call('bases.update', { id: unwrap(await call('bases.list'))[0]!.id, hostSchool: 'Parkgate Primary' }));
    await core.requireFile().flush();
    // The change journal as it stands with changes in it (signing out folds it into the snapshot).
    const journal = await readFile(join(folder, 'keydesk.db.journal'));
    expect(journal.length).toBeGreaterThan(1000);
    unwrap(await call('session.signOut'));
    expect(await call('session.signIn', { username: 'demo.teacher', password: 'not-the-password' })).toMatchObject({ ok: false });
    await demo.signIn('demo.teacher');
    unwrap(await call('session.signOut'));

    const onDisk = await folderFiles(folder);
    // The daily backup made at the sign-in is checked with everything else: sealed, no plaintext.
    expect([...onDisk.keys()].sort()).toEqual(['keydesk.db', 'keydesk.db.journal', GUARD_FILE_NAME, backupName(TEST_NOW, 'daily')].map((n) => (n.endsWith('.kdbackup') ? `backups/${n}` : n)).sort());
    const temps = tempFiles.filter((t) => t.path.startsWith(folder));
    expect(temps.filter((t) => t.path.endsWith('.tmp')).length).toBeGreaterThanOrEqual(3);
    const everything = [...[...onDisk].map(([name, bytes]) => ({ path: name, bytes })), ...temps, { path: 'the journal before signing out', bytes: journal }];
    for (const { path, bytes } of everything) {
      expect(bytes.includes(Buffer.from('SQLite format 3')), `${path} is a plain database`).toBe(false);
      const holds = searchIn(bytes);
      for (const secret of [...secrets, ...staffNames]) {
        expect(holds(secret), `${secret} in ${path}`).toBe(false);
      }
    }
    const data = onDisk.get('keydesk.db')!;
    expect(data.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    const temp = temps.find((t) => t.bytes.subarray(0, MAGIC.length).equals(MAGIC));
    expect(temp, 'a temp file of the data file').toBeDefined();
  });

  it.skipIf(process.platform === 'win32')('writes the data file and guard file readable by their owner only', async () => {
    const { call, folder } = await demoCore();
    unwrap(await call('session.signOut'));
    await call('session.signIn', { username: 'demo.teacher', password: 'not-the-password' });
    for (const name of ['keydesk.db', 'keydesk.db.journal', GUARD_FILE_NAME]) {
      expect((await stat(join(folder, name))).mode & 0o077, name).toBe(0);
    }
  });

  it('seals every save under a fresh nonce', async () => {
    const { core, call, folder } = await demoCore();
    const nonces = new Set<string>([(await readEnvelope(folder)).header.body.nonce]);
    const baseId = unwrap(await call('bases.list'))[0]!.id;
    for (const hostSchool of ['One Primary', 'Two Primary', 'Three Primary']) {
      unwrap(await call('bases.update', { id: baseId, hostSchool }));
      await core.requireFile().flush();
    }
    // Each save is one journal record (length, check, nonce, sealed bytes) after the 24-byte header; the
    // zeros after the last are room kept for the next ones.
    const journal = await readFile(join(folder, 'keydesk.db.journal'));
    let records = 0;
    for (let at = 24; at < journal.length && journal.readUInt32BE(at) !== 0; at += 8 + journal.readUInt32BE(at), records++) {
      nonces.add(journal.subarray(at + 8, at + 20).toString('base64'));
    }
    expect(records).toBeGreaterThanOrEqual(3);
    // A checkpoint seals a whole new snapshot, under a nonce of its own too.
    await core.requireFile().checkpoint();
    nonces.add((await readEnvelope(folder)).header.body.nonce);
    expect(nonces.size).toBe(records + 2);
  });
});

describe('passwords and the recovery key', () => {
  it('the wrong password cannot open the file, which is left exactly as it was', async () => {
    const { call, folder } = await demoCore();
    unwrap(await call('session.signOut'));
    const path = dataFilePath(folder);
    const before = await fileState(path);
    expect(await call('session.signIn', { username: 'demo.manager', password: 'try-key-desk!' })).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', field: 'password', message: 'The username or password is not right.' },
    });
    expect(await call('bases.list')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(unwrap(await call('app.status'))).toMatchObject({ state: 'sign-in', user: null, provisionName: null });
    expect(await fileState(path)).toEqual(before);
    // Nor can anyone holding the file and a guess, without Key Desk.
    const envelope = decodeEnvelope(await readFile(path));
    expect(await Keyring.unlockWithPassword(envelope, 'demo.manager', 'try-key-desk!', TEST_SCRYPT)).toBeNull();
    expect(await Keyring.unlockWithPassword(envelope, 'demo.manager', DEMO_PASSWORD, TEST_SCRYPT)).not.toBeNull();
  });

  it('the recovery key opens it and sets a new password for the person named; other passwords still work', async () => {
    const { core, call, folder, recoveryKey, signIn } = await demoCore();
    unwrap(await call('session.signOut'));
    const path = dataFilePath(folder);
    const before = await fileState(path);
    const wrongKey = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await call('session.recover', { recoveryKey: wrongKey, username: 'demo.manager', newPassword: 'copper-lantern-road' })).toEqual({
      ok: false,
      error: { code: 'WRONG_PASSWORD', field: 'recoveryKey', message: 'That recovery key does not open this data file.' },
    });
    expect(await fileState(path)).toEqual(before);

    const recovered = await call('session.recover', { recoveryKey: recoveryKey.toLowerCase(), username: 'demo.manager', newPassword: 'copper-lantern-road' });
    expect(recovered).toMatchObject({ ok: true, value: { state: 'ready', user: { username: 'demo.manager' } } });
    unwrap(await call('session.signOut'));
    expect(await call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    await signIn('demo.manager', 'copper-lantern-road');
    expect(auditRows(core).map((r) => r.action)).toContain('password-reset-with-recovery-key');
    unwrap(await call('session.signOut'));
    await signIn('demo.teacher');
  });

  it('the recovery key with a new password that breaks the rules opens nothing and changes nothing', async () => {
    const { call, folder, recoveryKey } = await demoCore();
    unwrap(await call('session.signOut'));
    const before = await fileState(dataFilePath(folder));
    expect(await call('session.recover', { recoveryKey, username: 'demo.manager', newPassword: 'manager-of-the-key' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'newPassword', message: expect.stringMatching(/name or username/) },
    });
    expect(unwrap(await call('app.status'))).toMatchObject({ state: 'sign-in', user: null });
    expect((await fileState(dataFilePath(folder))).sha256).toBe(before.sha256);
    await demoSignIn(call);
  });

  it('the recovery key with an unknown username opens nothing and changes nothing', async () => {
    const { call, folder, recoveryKey } = await demoCore();
    unwrap(await call('session.signOut'));
    const before = await fileState(dataFilePath(folder));
    expect(await call('session.recover', { recoveryKey, username: 'nobody.here', newPassword: 'copper-lantern-road' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', field: 'username' },
    });
    expect(unwrap(await call('app.status'))).toMatchObject({ state: 'sign-in', user: null });
    expect((await fileState(dataFilePath(folder))).sha256).toBe(before.sha256);
  });
});

describe('a damaged or cut-short file', () => {
  it('a flipped byte anywhere (magic, length, header, key slots, body, checksum) is refused, the file left intact', async () => {
    const envelope = decodeEnvelope(sealedDemo);
    const headerEnd = envelope.aad.length;
    const bodyEnd = sealedDemo.length - 32;
    const step = Math.max(1, Math.floor(sealedDemo.length / 150));
    const positions = new Set<number>([0, 7, 8, 11, 12, 13, headerEnd - 1, headerEnd, headerEnd + 1, bodyEnd - 1, bodyEnd, sealedDemo.length - 1]);
    for (let i = 0; i < sealedDemo.length; i += step) positions.add(i);
    // Every slot's wrapped key, too.
    const headerText = envelope.aad.toString('latin1');
    for (const slot of envelope.header.slots) positions.add(headerText.indexOf(slot.wrapped) + 3);

    const sorted = [...positions].sort((a, b) => a - b);
    // Each flipped copy is opened in a folder of its own: several at once, checked in order below.
    const opened = await eachConcurrently(sorted, (position) => {
      const bytes = Buffer.from(sealedDemo);
      bytes[position] = bytes[position]! ^ 0x01;
      return tryToOpen(bytes);
    });
    for (const [i, position] of sorted.entries()) {
      const { signIn, status, untouched } = opened[i]!;
      expect(signIn.ok, `byte ${position}`).toBe(false);
      expect(status.state, `byte ${position}`).toBe('failed');
      expect(status.problem?.kind, `byte ${position}`).toBe(position < MAGIC.length ? 'not-ours' : 'corrupt');
      if (position >= MAGIC.length) expect(status.problem?.message).toMatch(DAMAGED);
      expect(untouched, `byte ${position} left the file changed`).toBe(true);
    }
  });

  it('a deliberate edit with the checksum recomputed to match is still caught: the seal covers the header and body', async () => {
    const envelope = decodeEnvelope(sealedDemo);
    const headerEnd = envelope.aad.length;
    const bodyEnd = sealedDemo.length - 32;
    const positions = new Set<number>();
    // Through the header (its key slots among it) in steps, and through the body.
    for (let i = 8; i < headerEnd; i += Math.max(1, Math.floor((headerEnd - 8) / 40))) positions.add(i);
    for (let i = headerEnd; i < bodyEnd; i += Math.max(1, Math.floor((bodyEnd - headerEnd) / 20))) positions.add(i);
    positions.add(bodyEnd - 1);
    const edited = [...positions];
    const opened = await eachConcurrently(edited, (position) => {
      const bytes = Buffer.from(sealedDemo);
      bytes[position] = bytes[position]! ^ 0x01;
      return tryToOpen(withFreshChecksum(bytes));
    });
    for (const [i, position] of edited.entries()) {
      const { signIn, status, untouched } = opened[i]!;
      // Either the header no longer reads, the slot no longer unwraps, or the body no longer verifies.
      expect(status.state === 'failed' || (!signIn.ok && signIn.error.code === 'WRONG_PASSWORD'), `byte ${position}: ${JSON.stringify(signIn)}`).toBe(true);
      expect(status.state, `byte ${position}`).not.toBe('ready');
      if (status.state === 'failed') expect(status.problem?.message).toMatch(DAMAGED);
      expect(untouched, `byte ${position} left the file changed`).toBe(true);
    }
  });

  it('a file cut short at any point is refused with a clear message, left intact', async () => {
    const headerEnd = decodeEnvelope(sealedDemo).aad.length;
    const lengths = [0, 1, 7, 8, 12, 100, headerEnd - 1, headerEnd, headerEnd + 100, Math.floor(sealedDemo.length / 2), sealedDemo.length - 33, sealedDemo.length - 32, sealedDemo.length - 1];
    for (const length of lengths) {
      const { signIn, status, untouched } = await tryToOpen(sealedDemo.subarray(0, length));
      expect(signIn.ok, `cut to ${length}`).toBe(false);
      expect(status.state, `cut to ${length}`).toBe('failed');
      expect(status.problem?.kind, `cut to ${length}`).toBe(length === 0 ? 'empty' : length < MAGIC.length ? 'not-ours' : 'corrupt');
      expect(status.problem?.message, `cut to ${length}`).toMatch(/left as it is/);
      expect(untouched, `cut to ${length}`).toBe(true);
    }
  });

  it('the untouched file still opens (the tests above are not refusing everything)', async () => {
    const { signIn, status } = await tryToOpen(sealedDemo);
    expect(signIn).toMatchObject({ ok: true, value: { state: 'ready' } });
    expect(status.state).toBe('ready');
  });
});

describe('a file from another provision', () => {
  async function provision(name: string, password: string) {
    const folder = await scratchFolder();
    const started = await coreOn(folder);
    const { recoveryKey } = unwrap(await started.call('setup.createDatabase', { demo: false, provisionName: name, manager: { ...TEST_MANAGER, password } }));
    await started.core.close();
    return { folder, recoveryKey, bytes: await readFile(dataFilePath(folder)) };
  }

  it('copied into this folder, it opens with none of this provision’s passwords or its recovery key', async () => {
    const ours = await provision('The Key, North', 'amber-willow-river');
    const theirs = await provision('The Key, South', 'slate-heron-meadow');
    await writeFile(dataFilePath(ours.folder), theirs.bytes);
    const { core, call } = await coreOn(ours.folder);
    expect(unwrap(await call('app.status')).state).toBe('sign-in');
    expect(await call('session.signIn', { username: TEST_MANAGER.username, password: 'amber-willow-river' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD', message: 'The username or password is not right.' },
    });
    expect(await call('session.recover', { recoveryKey: ours.recoveryKey, username: TEST_MANAGER.username, newPassword: 'copper-lantern-road' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD', field: 'recoveryKey' },
    });
    expect((await core.status()).state).toBe('sign-in');
    expect((await readFile(dataFilePath(ours.folder))).equals(theirs.bytes)).toBe(true);
  });

  it('a key slot spliced in from another provision’s file does not open this one', async () => {
    const ours = await provision('The Key, North', 'amber-willow-river');
    const theirs = await provision('The Key, South', 'slate-heron-meadow');
    const ourHeader = decodeEnvelope(ours.bytes).header;
    const theirHeader = decodeEnvelope(theirs.bytes).header;
    const ourSlot = ourHeader.slots.find((s) => s.kind === 'password')!;
    const theirSlot = theirHeader.slots.find((s) => s.kind === 'password')!;
    if (ourSlot.kind !== 'password' || theirSlot.kind !== 'password') throw new Error('expected password slots');
    // Their slot, made to be found first under our lookup for the same username, with our staff id.
    const spliced = withEditedHeader(ours.bytes, (header) => ({
      ...header,
      slots: [{ ...theirSlot, id: ourSlot.id, lookup: ourSlot.lookup }, ...header.slots],
    }));
    await writeFile(dataFilePath(ours.folder), spliced);
    const before = await fileState(dataFilePath(ours.folder));
    const { core, call } = await coreOn(ours.folder);
    expect(await call('session.signIn', { username: TEST_MANAGER.username, password: 'slate-heron-meadow' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_PASSWORD' },
    });
    expect((await core.status()).state).not.toBe('ready');
    await core.close();
    expect(await fileState(dataFilePath(ours.folder))).toEqual(before);
    // And at the level of the keys themselves.
    expect(await Keyring.unlockWithPassword(decodeEnvelope(spliced), TEST_MANAGER.username, 'slate-heron-meadow', TEST_SCRYPT)).toBeNull();
    expect(slotFor(decodeEnvelope(spliced), ourSlot.id)).toBeDefined();
  });
});
