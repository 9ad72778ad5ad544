import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { medianOfRuns, type RunOptions } from './measure';

/** The machine's floor for opening: reading the same file into memory, nothing else. */
export async function rawReadFloor(path: string, options?: RunOptions): Promise<number> {
  return medianOfRuns(async (time) => {
    await time(() => readFile(path));
  }, options);
}

/**
 * The machine's floor for a durable save: one new file of the same size in the same folder,
 * written and fsynced. No export, no rename, no folder fsync: what the disk alone costs.
 */
export async function rawWriteFsyncFloor(folder: string, bytes: Uint8Array, options?: RunOptions): Promise<number> {
  // Not named like the data file's temp files, so DataFile.unlock's tidy-up never touches it.
  const path = join(folder, 'bench-floor-write.bin');
  return medianOfRuns(async (time) => {
    await time(async () => {
      const handle = await open(path, 'w');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    // A fresh file each run, as every save writes a fresh temp file.
    await unlink(path);
  }, options);
}

/** The machine's floor for a journal record: the same number of bytes appended to a file and fdatasynced. */
export async function rawAppendFsyncFloor(folder: string, bytes: Uint8Array, options?: RunOptions): Promise<number> {
  const path = join(folder, 'bench-floor-append.bin');
  const handle = await open(path, 'a');
  try {
    return await medianOfRuns(async (time) => {
      await time(async () => {
        await handle.write(bytes);
        await handle.datasync();
      });
    }, options);
  } finally {
    await handle.close();
    await unlink(path);
  }
}
