import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface FolderFile {
  /** Relative to the folder. */
  name: string;
  bytes: Buffer;
}

/** What a folder holds, one line per file: name, size and time written. */
async function fingerprint(folder: string): Promise<string> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const lines = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const path = join(entry.parentPath, entry.name);
        const info = await stat(path).catch(() => null);
        return `${relative(folder, path)} ${info?.size ?? 'gone'} ${info?.mtimeMs ?? ''}`;
      }),
  );
  return lines.sort().join('\n');
}

/**
 * Waits until the app has stopped writing to `folder`: nothing added, removed or changed for `quietMs`
 * (a save follows a change within 250 ms), or `timeoutMs` at most. Settling is not a promise that no
 * save starts afterwards: see readEveryFile.
 */
export async function waitForQuietFolder(folder: string, { quietMs = 1_000, timeoutMs = 15_000 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = await fingerprint(folder);
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 100));
    const now = await fingerprint(folder);
    if (now !== last) [last, since] = [now, Date.now()];
  }
}

/**
 * Every file in `folder` (and below) with its bytes. A save writes a temporary file and renames it
 * over the data file, so a file listed a moment ago may be gone by the time it is read: it is left
 * out, and named in `vanished`. Any other failure to read is thrown. `read` is for tests of this.
 */
export async function readEveryFile(
  folder: string,
  read: (path: string) => Promise<Buffer> = (path) => readFile(path),
): Promise<{ files: FolderFile[]; vanished: string[] }> {
  const entries = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const files: FolderFile[] = [];
  const vanished: string[] = [];
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const name = relative(folder, path);
    try {
      files.push({ name, bytes: await read(path) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      vanished.push(name);
    }
  }
  return { files, vanished };
}
