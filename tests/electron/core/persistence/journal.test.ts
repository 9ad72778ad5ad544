import { randomBytes } from 'node:crypto';
import { copyFile, readFile, stat, truncate, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeEnvelope } from '../../../../electron/core/crypto/envelope';
import { Keyring } from '../../../../electron/core/crypto/keyring';
import { DataFile, dataFilePath, SealedDataFile } from '../../../../electron/core/data-file';
import { APPLICATION_ID, migrate } from '../../../../electron/core/db/open';
import { loadSqlJs } from '../../../../electron/core/db/sqljs';
import { JOURNAL_HEADER_BYTES } from '../../../../electron/core/persistence/journal-format';
import { JOURNAL_ROOM_BYTES } from '../../../../electron/core/persistence/journalled-store';
import { tempFolder } from '../../../helpers/core';
import { expectUntouched, snapshot } from '../files';
import { makeCrashDataFile, rowsOnDisk } from './crash-harness';
import { CRASH_PASSWORD, CRASH_SCRYPT, CRASH_USERNAME, payloadFor } from './fixtures/journal-rows';

/**
 * The change journal from the outside: what opening makes of a journal cut short by a crash, damaged,
 * shuffled, or belonging to another snapshot, and of a data file from before the journal.
 */
let folder: { path: string; cleanup: () => Promise<void> };
let keyring: Keyring;
const opened: DataFile[] = [];
beforeEach(async () => {
  folder = await tempFolder();
  keyring = await makeCrashDataFile(folder.path);
});
afterEach(async () => {
  for (const file of opened.splice(0)) await file.close().catch(() => undefined);
  await folder.cleanup();
});

const dataPath = () => dataFilePath(folder.path);
const journalPath = () => `${dataPath()}.journal`;

async function open(): Promise<DataFile> {
  const sealed = await SealedDataFile.read(folder.path);
  if (!sealed) throw new Error('no data file');
  const file = await DataFile.unlock(sealed, keyring, { saveDelayMs: 3_600_000, checkpointIdleMs: 3_600_000 });
  opened.push(file);
  return file;
}

/** Adds rows one save each, then stops as a crash would: no checkpoint, the journal left as it is. */
async function saveRowsThenCrash(keys: number[]): Promise<void> {
  const file = await open();
  for (const k of keys) {
    file.sql.run('INSERT INTO crash_rows (k, v) VALUES (?, ?)', [k, payloadFor(k)]);
    await file.flush();
  }
  opened.splice(opened.indexOf(file), 1);
  // Only the open journal handle is let go (a killed process's is closed by the system).
  await (file as unknown as { store: { close(): Promise<void> } }).store.close();
}

/** The journal's records as [start, end) byte ranges: length, check, nonce, sealed bytes each (the room of zeros after them left out). */
function recordRanges(journal: Buffer): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let at = JOURNAL_HEADER_BYTES; at < journal.length && journal.readUInt32BE(at) !== 0; ) {
    const end = at + 8 + journal.readUInt32BE(at);
    ranges.push([at, end]);
    at = end;
  }
  return ranges;
}

async function rowsWhenOpened(): Promise<number[]> {
  const file = await open();
  return ((file.sql.exec('SELECT k FROM crash_rows ORDER BY k')[0]?.values ?? []) as number[][]).map(([k]) => k!);
}

async function expectRefused(kind: string, message: RegExp): Promise<void> {
  const sealed = await SealedDataFile.read(folder.path);
  await expect(DataFile.unlock(sealed!, keyring)).rejects.toMatchObject({ name: 'FileRefused', kind, path: journalPath(), message: expect.stringMatching(message) });
}

describe('opening replays the journal', () => {
  it('finds every saved change, one record each, and writes nothing', async () => {
    await saveRowsThenCrash([1, 2, 3, 4, 5]);
    expect(recordRanges(await readFile(journalPath()))).toHaveLength(5);
    const before = [await snapshot(dataPath()), await snapshot(journalPath())] as const;
    expect(await rowsWhenOpened()).toEqual([1, 2, 3, 4, 5]);
    await expectUntouched(dataPath(), before[0]);
    await expectUntouched(journalPath(), before[1]);
  });

  it('goes on appending after a reopen, and a checkpoint folds everything into the snapshot', async () => {
    await saveRowsThenCrash([1, 2]);
    await saveRowsThenCrash([3]);
    expect(recordRanges(await readFile(journalPath()))).toHaveLength(3);
    const file = await open();
    await file.checkpoint();
    const fresh = await readFile(journalPath());
    expect(recordRanges(fresh)).toHaveLength(0);
    expect(fresh.length).toBe(JOURNAL_HEADER_BYTES + JOURNAL_ROOM_BYTES);
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2, 3]);
  });

  it('writes each record over room of zeros written ahead, so a save does not change the file\'s size, and writes more room when it runs out', async () => {
    await saveRowsThenCrash([1]);
    const sizeAfterFirst = (await stat(journalPath())).size;
    expect(sizeAfterFirst).toBe(JOURNAL_HEADER_BYTES + JOURNAL_ROOM_BYTES);
    await saveRowsThenCrash([2, 3, 4]);
    expect((await stat(journalPath())).size).toBe(sizeAfterFirst);
    // Payloads big enough, even deflated, to need more room than a new journal has.
    const file = await open();
    for (let k = 5; k <= 12; k++) {
      file.sql.run('INSERT INTO crash_rows (k, v) VALUES (?, ?)', [k, randomBytes(90_000).toString('base64')]);
      await file.flush();
    }
    // And a small one, as a mark is: one page.
    file.sql.run("INSERT INTO crash_rows (k, v) VALUES (13, 'small')");
    await file.flush();
    const journal = await readFile(journalPath());
    const ranges = recordRanges(journal);
    expect(ranges).toHaveLength(13);
    const lengths = ranges.map(([start, end]) => end - start);
    // Each big row's pages (over 120 KB of them) are kept deflated; a one-page change as it is (a page is 4 KiB).
    for (const length of lengths.slice(4, 12)) expect(length).toBeLessThan(110_000);
    expect(lengths[12]).toBeGreaterThan(4096);
    expect(lengths[12]).toBeLessThan(4096 + 200);
    expect(journal.length).toBeGreaterThan(sizeAfterFirst);
    // The room after the last record is zeros, at least as much as one save writes ahead.
    expect(journal.subarray(ranges.at(-1)![1]).every((b) => b === 0)).toBe(true);
    // Stopped as a crash would; the big records (kept deflated) and the small ones all read back.
    opened.splice(opened.indexOf(file), 1);
    await (file as unknown as { store: { close(): Promise<void> } }).store.close();
    expect(await rowsWhenOpened()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });
});

describe('a journal in the earlier format (records deflated)', () => {
  it('is read, and the first save after writes a snapshot and a journal in the current format, losing nothing', async () => {
    const fixture = new URL('./fixtures/journal-v1/', import.meta.url);
    for (const name of ['keydesk.db', 'keydesk.db.journal']) await copyFile(new URL(name, fixture), join(folder.path, name));
    expect((await readFile(journalPath())).subarray(0, 8).toString('latin1')).toBe('KDJRNL01');
    const sealed = await SealedDataFile.read(folder.path);
    const unlocked = await Keyring.unlockWithPassword(sealed!.envelope, CRASH_USERNAME, CRASH_PASSWORD, CRASH_SCRYPT);
    keyring = unlocked!.keyring;
    const before = [await snapshot(dataPath()), await snapshot(journalPath())] as const;
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2, 3]);
    const file = await open();
    expect(file.sql.exec('SELECT k FROM crash_rows ORDER BY k')[0]?.values).toEqual([[1], [2], [3]]);
    await expectUntouched(dataPath(), before[0]);
    await expectUntouched(journalPath(), before[1]);

    file.sql.run('INSERT INTO crash_rows (k, v) VALUES (4, ?)', [payloadFor(4)]);
    await file.flush();
    expect((await readFile(journalPath())).subarray(0, 8).toString('latin1')).toBe('KDJRNL02');
    expect(recordRanges(await readFile(journalPath()))).toHaveLength(0);
    file.sql.run('INSERT INTO crash_rows (k, v) VALUES (5, ?)', [payloadFor(5)]);
    await file.flush();
    expect(recordRanges(await readFile(journalPath()))).toHaveLength(1);
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('a journal cut short by a crash', () => {
  it('drops a last record cut off part-way (never acknowledged), keeps the rest, and opens without writing', async () => {
    await saveRowsThenCrash([1, 2, 3]);
    const [, , last] = recordRanges(await readFile(journalPath()));
    await truncate(journalPath(), last![0] + Math.floor((last![1] - last![0]) / 2));
    const before = await snapshot(journalPath());
    expect(await rowsWhenOpened()).toEqual([1, 2]);
    await expectUntouched(journalPath(), before);
  });

  it('drops a last record that is all zeros, or zeros where the file grew but nothing landed', async () => {
    await saveRowsThenCrash([1, 2, 3]);
    const journal = await readFile(journalPath());
    const [, , last] = recordRanges(journal);
    journal.fill(0, last![0], last![1]);
    await writeFile(journalPath(), journal);
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2]);
    await writeFile(journalPath(), Buffer.concat([journal.subarray(0, last![0]), Buffer.alloc(4096)]));
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2]);
  });

  it('drops a last record only partly written over the room kept for it, its head or its tail still zeros', async () => {
    await saveRowsThenCrash([1, 2, 3]);
    const journal = await readFile(journalPath());
    const [, , last] = recordRanges(journal);
    const middle = last![0] + Math.floor((last![1] - last![0]) / 2);
    // The tail block did not land.
    await writeFile(journalPath(), Buffer.from(journal).fill(0, middle, last![1]));
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2]);
    // The head block (its length and check) did not land, the rest did.
    await writeFile(journalPath(), Buffer.from(journal).fill(0, last![0], middle));
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2]);
    // And the next save starts afresh, building nothing on the torn record.
    await saveRowsThenCrash([4]);
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2, 4]);
  });

  it('after a torn tail, the next save starts afresh and nothing is built on the torn record', async () => {
    await saveRowsThenCrash([1, 2, 3]);
    const [, , last] = recordRanges(await readFile(journalPath()));
    await truncate(journalPath(), last![1] - 5);
    await saveRowsThenCrash([4]);
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2, 4]);
  });
});

describe('a journal that is damaged or out of order is refused, naming it, and left as it is', () => {
  it('a byte changed in an earlier record', async () => {
    await saveRowsThenCrash([1, 2, 3]);
    const journal = await readFile(journalPath());
    const [first] = recordRanges(journal);
    journal[first![0] + 30]! ^= 0x01;
    await writeFile(journalPath(), journal);
    const before = [await snapshot(dataPath()), await snapshot(journalPath())] as const;
    await expectRefused('corrupt', /^The change journal keydesk\.db\.journal is damaged \(record 1 is damaged\).*Both files have been left as they are/);
    await expectUntouched(dataPath(), before[0]);
    await expectUntouched(journalPath(), before[1]);
  });

  it("a damaged length in an earlier record, which would make it look cut short: the records after it are not dropped", async () => {
    await saveRowsThenCrash([1, 2, 3]);
    const journal = await readFile(journalPath());
    const [, second] = recordRanges(journal);
    journal.writeUInt32BE(0x00ff_ffff, second![0]);
    await writeFile(journalPath(), journal);
    const before = await snapshot(journalPath());
    await expectRefused('corrupt', /record 2 is damaged \(its length is wrong\)/);
    await expectUntouched(journalPath(), before);
  });

  it('two records swapped, or one repeated', async () => {
    await saveRowsThenCrash([1, 2, 3]);
    const journal = await readFile(journalPath());
    const [a, b, c] = recordRanges(journal).map(([start, end]) => journal.subarray(start, end));
    const header = journal.subarray(0, JOURNAL_HEADER_BYTES);
    await writeFile(journalPath(), Buffer.concat([header, b!, a!, c!]));
    await expectRefused('corrupt', /record 1 does not verify/);
    await writeFile(journalPath(), Buffer.concat([header, a!, b!, b!, c!]));
    await expectRefused('corrupt', /record 3 does not verify/);
    // A record dropped from the middle breaks the chain just the same.
    await writeFile(journalPath(), Buffer.concat([header, a!, c!]));
    await expectRefused('corrupt', /record 2 does not verify/);
  });

  it('a journal from another data file, or an older snapshot put back under a newer journal', async () => {
    await saveRowsThenCrash([1]);
    const oldSnapshot = await readFile(dataPath());
    const file = await open();
    await file.checkpoint();
    await file.close();
    opened.splice(0);
    await saveRowsThenCrash([2]);
    // The older snapshot restored by hand, beside the journal that goes with the newer one.
    const newer = await readFile(dataPath());
    await writeFile(dataPath(), oldSnapshot);
    await expectRefused('not-ours', /^The change journal keydesk\.db\.journal does not belong to this data file/);
    await writeFile(dataPath(), newer);

    const other = await tempFolder();
    try {
      await makeCrashDataFile(other.path);
      await writeFile(journalPath(), await readFile(`${dataFilePath(other.path)}.journal`));
      await expectRefused('not-ours', /does not belong to this data file/);
    } finally {
      await other.cleanup();
    }
    await writeFile(journalPath(), Buffer.from('not a journal at all, but long enough to have a header'));
    await expectRefused('not-ours', /is not a Key Desk change journal/);
  });

  it('a missing journal: the snapshot names one, so it is refused rather than opened without the changes in it', async () => {
    await saveRowsThenCrash([1, 2]);
    await unlink(journalPath());
    const before = await snapshot(dataPath());
    await expectRefused('unreadable', /^The change journal keydesk\.db\.journal is missing from the data folder\..*copy both files/);
    await expectUntouched(dataPath(), before);
  });

  it('the journal before a checkpoint, left by a crash just after the new snapshot was written, is skipped: the snapshot has it all', async () => {
    await saveRowsThenCrash([1, 2]);
    const previousJournal = await readFile(journalPath());
    const file = await open();
    await file.checkpoint();
    await file.close();
    opened.splice(0);
    await writeFile(journalPath(), previousJournal);
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2]);
    // The next save starts a journal of its own rather than appending to that one.
    await saveRowsThenCrash([3]);
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2, 3]);
  });
});

describe('a data file from before the journal (format 1, 64 KiB pages)', () => {
  it('opens without writing anything, and the first save writes it afresh with a journal', async () => {
    const SQL = await loadSqlJs();
    const old = new SQL.Database();
    old.exec('PRAGMA page_size = 65536');
    old.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
    migrate(old, ':memory:');
    old.exec('CREATE TABLE crash_rows (k INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT, WITHOUT ROWID');
    old.run('INSERT INTO crash_rows (k, v) VALUES (1, ?)', [payloadFor(1)]);
    await writeFile(dataPath(), keyring.sealFile(old.export()));
    old.close();
    await unlink(journalPath());
    expect(decodeEnvelope(await readFile(dataPath())).header.format).toBe(1);
    const before = await snapshot(dataPath());

    const file = await open();
    expect(file.sql.exec('PRAGMA page_size')[0]?.values[0]?.[0]).toBe(4096);
    expect(file.sql.exec('SELECT k FROM crash_rows')[0]?.values).toEqual([[1]]);
    await expectUntouched(dataPath(), before);

    file.sql.run('INSERT INTO crash_rows (k, v) VALUES (2, ?)', [payloadFor(2)]);
    await file.flush();
    expect(decodeEnvelope(await readFile(dataPath())).header.format).toBe(2);
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2]);
    file.sql.run('INSERT INTO crash_rows (k, v) VALUES (3, ?)', [payloadFor(3)]);
    await file.flush();
    expect(recordRanges(await readFile(journalPath()))).toHaveLength(1);
    expect(await rowsOnDisk(folder.path, keyring)).toEqual([1, 2, 3]);
  });
});
