import { readFile } from 'node:fs/promises';
import { DataFile, dataFilePath } from '../electron/core/data-file';
import { rawReadFloor, rawWriteFsyncFloor } from './floors';
import { medianOfRuns, type Measure, type RunOptions } from './measure';

export const OPEN_TARGET_MS = 300;
export const SAVE_TARGET_MS = 100;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function openOrFail(folder: string, saveDelayMs?: number): Promise<DataFile> {
  const file = await DataFile.open(folder, saveDelayMs === undefined ? {} : { saveDelayMs });
  if (!file) throw new Error(`no data file in ${folder}`);
  return file;
}

/** Read + load + integrity and migration checks, up to DataFile.open returning. Closing is off the clock. */
export async function measureOpen(folder: string, options?: RunOptions): Promise<Measure> {
  const medianMs = await medianOfRuns(async (time) => {
    const file = await time(() => openOrFail(folder));
    // Nothing changed, so close has nothing to save: the file on disk stays the same for the next run.
    await file.close();
  }, options);
  const floor = await rawReadFloor(dataFilePath(folder), options);
  return { name: 'open', medianMs, targetMs: OPEN_TARGET_MS, floor: { name: 'raw read of same size', medianMs: floor } };
}

/**
 * A teacher changes one thing; the save that follows (export, temp file, fsync, rename, folder
 * fsync) is what stands between the change and the disk.
 */
export async function measureDurableSave(folder: string, options?: RunOptions): Promise<Measure> {
  // A debounce far beyond the bench, so only our own saveNow() writes while we time it.
  const file = await openOrFail(folder, 3_600_000);
  let medianMs: number;
  try {
    const pupilId = String(file.sql.exec('SELECT id FROM pupils ORDER BY id LIMIT 1')[0]?.values[0]?.[0]);
    let edit = 0;
    medianMs = await medianOfRuns(async (time) => {
      file.sql.run('UPDATE pupils SET preferred_name = ? WHERE id = ?', [`Bench ${++edit}`, pupilId]);
      await time(() => file.saveNow());
    }, options);
  } finally {
    await file.close();
  }
  const bytes = await readFile(dataFilePath(folder));
  const floor = await rawWriteFsyncFloor(folder, bytes, options);
  return {
    name: 'durable save after a one-row change',
    medianMs,
    targetMs: SAVE_TARGET_MS,
    floor: { name: `raw write+fsync of ${megabytes(bytes.length)}`, medianMs: floor },
  };
}
