import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { JournalRef } from '../crypto/envelope';
import { FileRefused } from '../errors';
import { JournalError, readJournal, type JournalContents, type RecordSealer } from './journal-format';

/** The change journal sits beside the snapshot it belongs to. */
export const journalPathFor = (snapshotPath: string) => `${snapshotPath}.journal`;

/** What tells one version of a file from another without reading it: a rename or a write changes it. */
export interface FileStamp {
  ino: number;
  size: number;
  mtimeMs: number;
}

export const stampOf = (info: { ino: number; size: number; mtimeMs: number }): FileStamp => ({ ino: info.ino, size: info.size, mtimeMs: info.mtimeMs });

export const sameStamp = (a: FileStamp | null, b: FileStamp | null) =>
  a !== null && b !== null && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

/**
 * The stamp of the file at `path` now; null when there is none. Other errors are thrown. Synchronous:
 * saves run in the core's worker thread, where an asynchronous stat only adds a hop through Node's
 * thread pool.
 */
export function stampOnDisk(path: string): FileStamp | null {
  try {
    return stampOf(statSync(path));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function refusal(error: JournalError, path: string): FileRefused {
  const name = basename(path);
  switch (error.problem) {
    case 'not-a-journal':
      return new FileRefused(
        'not-ours',
        path,
        `The file ${name} in the data folder is not a Key Desk change journal, so Key Desk cannot tell which changes were saved. Both files have been left as they are: move ${name} out of the folder if it is not Key Desk's, or restore a backup.`,
        { cause: error },
      );
    case 'other-database':
      return new FileRefused(
        'not-ours',
        path,
        `The change journal ${name} does not belong to this data file: it comes from an older copy of the data file or from another provision. Both files have been left as they are: put back the data file that goes with it, or restore a backup.`,
        { cause: error },
      );
    case 'damaged':
      return new FileRefused(
        'corrupt',
        path,
        `The change journal ${name} is damaged (${error.message}), so the changes saved in it cannot be read. Both files have been left as they are: restore a backup or choose another folder.`,
        { cause: error },
      );
  }
}

/** The journal as read when opening: its contents (null when there is none) and its stamp then. */
export interface JournalOnDisk {
  contents: JournalContents | null;
  stamp: FileStamp | null;
}

/**
 * Reads and verifies the journal beside a snapshot that names `expected` (null: a file from before
 * the journal). Only reads. A journal that does not fit is refused, naming it.
 */
export async function readJournalFile(path: string, expected: JournalRef | null, sealer: RecordSealer): Promise<JournalOnDisk> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (expected === null) return { contents: null, stamp: null };
      // The snapshot names a journal, so changes may have been saved in it since: never open without them.
      throw new FileRefused(
        'unreadable',
        path,
        `The change journal ${basename(path)} is missing from the data folder. It holds the changes saved since ${basename(path, '.journal')} was last written, so Key Desk will not open the data without it. Put ${basename(path)} back beside ${basename(path, '.journal')} (when moving Key Desk to another PC, copy both files), or restore a backup. Nothing has been changed.`,
        { cause: error },
      );
    }
    throw new FileRefused('unreadable', path, `The change journal ${basename(path)} could not be read (${code ?? 'unknown error'}). It has been left as it is.`, {
      cause: error,
    });
  }
  try {
    const stamp = stampOf(await handle.stat());
    const bytes = await handle.readFile();
    if (bytes.length !== stamp.size) throw new FileRefused('unreadable', path, `The change journal ${basename(path)} changed while it was being read. Try again.`);
    return { contents: readJournal(bytes, expected, sealer), stamp };
  } catch (error) {
    if (error instanceof JournalError) throw refusal(error, path);
    throw error;
  } finally {
    await handle.close();
  }
}
