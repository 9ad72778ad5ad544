import { execFile } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const SOURCES = ['electron', 'shared', 'renderer', 'resources', 'package.json', 'electron.vite.config.ts'];
/**
 * The tests' own build, laid out as out/ is (main/, preload/, renderer/) but apart from it, so a
 * build or an `npm run web` running at the same time cannot empty it under a test. It sits inside
 * the project so the bundles still find their external packages in node_modules.
 */
export const BUILD_DIR = join(ROOT, 'node_modules/.cache/key-desk-test-build');
const OUTPUTS = ['main/index.js', 'main/web.js', 'main/core-worker.js', 'main/report-worker.js', 'preload/index.cjs', 'renderer/index.html'];
const LOCK = `${BUILD_DIR}.lock`;

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((entry) => newestMtime(join(path, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/** `npm run build`'s output, which `npm test` makes just before the tests and the e2e tests run. */
export const OUT_DIR = join(ROOT, 'out');

/** Whether the build in `dir` is complete and newer than every source file. */
export async function isFresh(dir: string): Promise<boolean> {
  try {
    const built = Math.min(...(await Promise.all(OUTPUTS.map(async (file) => (await stat(join(dir, file))).mtimeMs))));
    const sources = Math.max(...(await Promise.all(SOURCES.map((path) => newestMtime(join(ROOT, path))))));
    return built >= sources;
  } catch {
    return false;
  }
}

/** One builder at a time: test files run in parallel and a build empties out/ first. */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(join(LOCK, '..'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      const held = await stat(LOCK).then((info) => Date.now() - info.mtimeMs, () => 0);
      if (held > 120_000) await rm(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('Timed out waiting for another test file to build the app.');
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

/** Whichever test file asks first in a run decides; the others then use that build, so none is emptied mid-run. */
const RUN_STAMP = `${BUILD_DIR}.run`;
const RUN_ID = String(process.ppid);

/**
 * Makes BUILD_DIR a build newer than every source file: as it is, or copied from a fresh out/ (so
 * `npm test`, which has just built, does not build twice), or built with `electron-vite build`.
 */
export async function ensureBuilt(): Promise<void> {
  const decidedThisRun = async () => (await readFile(RUN_STAMP, 'utf8').catch(() => '')) === RUN_ID;
  if (await decidedThisRun()) return;
  await withLock(async () => {
    if (await decidedThisRun()) return;
    if (await isFresh(OUT_DIR)) {
      await rm(BUILD_DIR, { recursive: true, force: true });
      await cp(OUT_DIR, BUILD_DIR, { recursive: true });
    } else if (!(await isFresh(BUILD_DIR))) {
      await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--logLevel', 'warn', '--outDir', BUILD_DIR], {
        cwd: ROOT,
      });
    }
    await writeFile(RUN_STAMP, RUN_ID);
  });
}
