import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
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

/**
 * The machine's floor for a journal record: bytes appended to a file of our own in the same folder
 * and fdatasynced, with the same synchronous calls a save makes (the cheapest way Node has to do it).
 */
export function floorAppender(folder: string, name = 'bench-floor-append.bin') {
  const path = join(folder, name);
  const fd = openSync(path, 'a');
  return {
    append(bytes: Uint8Array): void {
      writeSync(fd, bytes);
      fdatasyncSync(fd);
    },
    async close(): Promise<void> {
      closeSync(fd);
      await unlink(path);
    },
  };
}
