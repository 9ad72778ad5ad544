import { randomUUID } from 'node:crypto';
import { open, rename, unlink, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Called once the temp file is durable and before it replaces the real file (tests crash here). */
  beforeRename?: (tempPath: string) => Promise<void> | void;
  /** How long to keep retrying a rename that Windows refuses (virus scanners, indexers). */
  renameRetryMs?: number;
}

const RETRYABLE_RENAME = new Set(['EPERM', 'EBUSY', 'EACCES']);

const tempPrefix = (path: string) => `.${basename(path)}.`;
const TEMP_SUFFIX = '.tmp';

async function renameWithRetry(from: string, to: string, retryMs: number): Promise<void> {
  const deadline = Date.now() + retryMs;
  for (let wait = 10; ; wait = Math.min(wait * 2, 200)) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!RETRYABLE_RENAME.has(code) || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** Makes the rename itself durable. Windows cannot open a folder for syncing; NTFS journals it. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `path` with `bytes` (one buffer, or pieces written in order) so that, whatever happens and whenever the power goes, the file on
 * disk is either the old version or the new one, never a mixture: temp file in the same folder,
 * fsync, rename over the old file, fsync the folder.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array | readonly Uint8Array[], options: AtomicWriteOptions = {}): Promise<void> {
  const folder = dirname(path);
  const tempPath = join(folder, `${tempPrefix(path)}${randomUUID()}${TEMP_SUFFIX}`);
  const handle = await open(tempPath, 'wx', 0o600);
  try {
    try {
      // writeFile on a handle writes from the current position: pieces go one after another.
      for (const chunk of bytes instanceof Uint8Array ? [bytes] : bytes) await handle.writeFile(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeRename?.(tempPath);
    await renameWithRetry(tempPath, path, options.renameRetryMs ?? 2000);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** Temp files left by a save that was cut off (power cut, crash). They never hold the only copy. */
export async function removeStaleTempFiles(path: string): Promise<string[]> {
  const folder = dirname(path);
  const prefix = tempPrefix(path);
  const names = await readdir(folder).catch(() => [] as string[]);
  const stale = names.filter((name) => name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX));
  await Promise.all(stale.map((name) => unlink(join(folder, name)).catch(() => undefined)));
  return stale;
}
