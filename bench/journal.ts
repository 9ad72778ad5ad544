import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFile, dataFilePath } from '../electron/core/data-file';
import { journalPathFor } from '../electron/core/persistence/journal-file';
import { keyringFor, OPEN_TARGET_MS, readOrFail, type Account } from './data-file';
import { rawReadFloor, rawWriteFsyncFloor } from './floors';
import { medianOfRuns, type Measure, type RunOptions } from './measure';

export const CHECKPOINT_TARGET_MS = 150;
export const JOURNAL_CHANGES = 1000;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The change journal on the ten-year file: opening a snapshot with a journal of 1,000 one-row changes
 * behind it (each saved as its own record, as staff make them), and a checkpoint (the journal folded
 * into a new sealed snapshot, written atomically, and a new journal started).
 */
export async function measureJournal(folder: string, account: Account, options?: RunOptions): Promise<Measure[]> {
  const keyring = await keyringFor(folder, account);
  // No checkpoint of its own while the journal grows: the bench decides when.
  const file = await DataFile.unlock(await readOrFail(folder), keyring, { saveDelayMs: 3_600_000, checkpointIdleMs: 3_600_000, journalLimitBytes: 2 ** 30 });
  const stash = join(folder, '..', 'journal-stash');
  const openFolder = join(folder, '..', 'open-with-journal');
  let journalBytes: number;
  let checkpointMs: number;
  try {
    await file.checkpoint();
    const pupils = (file.sql.exec('SELECT id FROM pupils ORDER BY id')[0]?.values ?? []).map(([id]) => String(id));
    for (let i = 0; i < JOURNAL_CHANGES; i++) {
      file.sql.run('UPDATE pupils SET preferred_name = ? WHERE id = ?', [`Journal ${i}`, pupils[i % pupils.length]!]);
      await file.saveNow();
    }
    journalBytes = file.journalBytes;
    await mkdir(stash, { recursive: true });
    await copyFile(dataFilePath(folder), dataFilePath(stash));
    await copyFile(journalPathFor(dataFilePath(folder)), journalPathFor(dataFilePath(stash)));

    let edit = 0;
    checkpointMs = await medianOfRuns(async (time) => {
      file.sql.run('UPDATE pupils SET preferred_name = ? WHERE id = ?', [`Checkpoint ${++edit}`, pupils[0]!]);
      await file.saveNow();
      await time(() => file.checkpoint());
    }, options);
  } finally {
    await file.close();
  }

  const openMs = await medianOfRuns(async (time) => {
    // The same snapshot and journal every run: opening never writes, but closing folds the journal in.
    await rm(openFolder, { recursive: true, force: true });
    await mkdir(openFolder, { recursive: true });
    await copyFile(dataFilePath(stash), dataFilePath(openFolder));
    await copyFile(journalPathFor(dataFilePath(stash)), journalPathFor(dataFilePath(openFolder)));
    const opened = await time(async () => DataFile.unlock(await readOrFail(openFolder), keyring));
    await opened.close();
  }, options);
  const snapshotBytes = (await stat(dataFilePath(stash))).size;
  const readFloor = (await rawReadFloor(dataFilePath(stash), options)) + (await rawReadFloor(journalPathFor(dataFilePath(stash)), options));
  const writeFloor = await rawWriteFsyncFloor(stash, Buffer.alloc(snapshotBytes, 0x5a), options);
  await rm(stash, { recursive: true, force: true });
  await rm(openFolder, { recursive: true, force: true });
  return [
    {
      name: `open: snapshot ${megabytes(snapshotBytes)} + journal of ${JOURNAL_CHANGES} changes (${megabytes(journalBytes)})`,
      medianMs: openMs,
      targetMs: OPEN_TARGET_MS,
      floor: { name: 'raw read of both files', medianMs: readFloor },
    },
    {
      name: 'checkpoint: new snapshot written atomically, new journal',
      medianMs: checkpointMs,
      targetMs: CHECKPOINT_TARGET_MS,
      floor: { name: `raw write+fsync of ${megabytes(snapshotBytes)}`, medianMs: writeFloor },
    },
  ];
}
