import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files made once per test run and shared, through a folder on disk, by every worker of the run: the
 * node project's workers each have their own modules, and node-isolated files their own per file, so
 * an in-memory cache alone makes demo data once per worker and once per isolated file.
 *
 * An entry is keyed by the run (the vitest process the workers belong to), by everything that could
 * change what is made (the app's sources, the lock file and these helpers, by content) and by its own
 * name. One worker makes it, under a lock; the others wait for it. A worker that finds a lock left by
 * one that died, or waits too long, makes its own.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE_ROOT = join(tmpdir(), 'keydesk-test-run-cache');
/** Entries of runs older than this are removed when a run first uses the cache. */
const KEEP_MS = 6 * 60 * 60 * 1000;
/** A lock older than this was left by a worker that died: the entry is made again. */
const STALE_LOCK_MS = 5 * 60 * 1000;

let sourcesDigest: string | undefined;

/** A digest of everything a made file depends on: the app's sources, the lock file and the test helpers that make them. */
function digestOfSources(): string {
  if (sourcesDigest) return sourcesDigest;
  const hash = createHash('sha256');
  const files = [
    ...['electron', 'shared', 'tests/helpers'].flatMap((folder) =>
      readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8', withFileTypes: false }).map((name) => join(folder, name)),
    ),
    // What makes the real data files the core tests copy (makeRealDataFile).
    'tests/electron/core/files.ts',
    'package-lock.json',
  ].sort();
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(ROOT, file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EISDIR') continue;
      throw error;
    }
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  sourcesDigest = hash.digest('hex').slice(0, 16);
  return sourcesDigest;
}

let pruned: Promise<void> | undefined;

/** Removes what runs long finished left behind. */
function pruneOldRuns(): Promise<void> {
  pruned ??= (async () => {
    const entries = await readdir(CACHE_ROOT).catch(() => [] as string[]);
    const now = Date.now();
    for (const entry of entries) {
      const path = join(CACHE_ROOT, entry);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > KEEP_MS) await rm(path, { recursive: true, force: true }).catch(() => undefined);
    }
  })();
  return pruned;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Files by name, as bytes, and a few words about them. */
export interface CachedFiles {
  files: ReadonlyMap<string, Buffer>;
  meta: Record<string, string>;
}

async function readEntry(folder: string): Promise<CachedFiles | null> {
  let meta: Record<string, string>;
  try {
    meta = JSON.parse(await readFile(join(folder, 'meta.json'), 'utf8')) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const files = new Map<string, Buffer>();
  for (const name of await readdir(join(folder, 'files'))) files.set(name, await readFile(join(folder, 'files', name)));
  return { files, meta };
}

async function writeEntry(folder: string, made: CachedFiles): Promise<void> {
  const temp = `${folder}.${process.pid}.${Date.now()}.tmp`;
  await mkdir(join(temp, 'files'), { recursive: true });
  for (const [name, bytes] of made.files) await writeFile(join(temp, 'files', name), bytes);
  // Written last: an entry with its meta.json is whole.
  await writeFile(join(temp, 'meta.json'), JSON.stringify(made.meta));
  try {
    await rename(temp, folder);
  } catch {
    // Another worker got there first (after a stale lock): theirs is as good.
    await rm(temp, { recursive: true, force: true });
  }
}

/**
 * The files `make` makes, made once per run for `name` by whichever worker asks first; every other
 * worker copies them. `name` must say everything `make` depends on besides the sources.
 */
export async function madeOncePerRun(name: string, make: () => Promise<CachedFiles>, waitMs = 180_000): Promise<CachedFiles> {
  await pruneOldRuns();
  const run = `${digestOfSources()}-${process.ppid}`;
  const folder = join(CACHE_ROOT, run, createHash('sha256').update(name).digest('hex').slice(0, 24));
  await mkdir(join(CACHE_ROOT, run), { recursive: true });
  const lockPath = `${folder}.lock`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = await readEntry(folder);
    if (found) return found;
    let lock;
    try {
      lock = await open(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (lock) {
      try {
        const again = await readEntry(folder);
        if (again) return again;
        const made = await make();
        await writeEntry(folder, made);
        return made;
      } finally {
        await lock.close();
        await rm(lockPath, { force: true });
      }
    }
    // Someone else is making it: wait, unless their lock is stale or we have waited long enough.
    const lockAge = await stat(lockPath).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (lockAge > STALE_LOCK_MS || Date.now() > deadline) {
      await rm(lockPath, { force: true });
      continue;
    }
    await sleep(100);
  }
}
