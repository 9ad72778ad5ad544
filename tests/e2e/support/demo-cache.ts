import { copyFile, mkdir, readdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import { DATA_FILE_NAME } from '../../../electron/core/data-file';
import { makeTempFolder, removeFolder } from './temp';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder for this run's demo data files, one per date (tests/e2e/support/global-setup.ts). */
    e2eDemoCache: string;
  }
}

/** The data file and its change journal: all a demo provision is. Lock files and backups are not copied. */
const DEMO_FILES = [DATA_FILE_NAME, `${DATA_FILE_NAME}.journal`];

/**
 * Fills `folder` (empty) with a demo provision made at `today`: the first test to ask for a date makes
 * it with `make` (browser mode started with --demo, then stopped, which saves and closes the file), and
 * every later test gets a copy. Making the demo takes 15–25 s; a copy takes milliseconds. Each test
 * still works on its own copy, so nothing one test changes reaches another.
 */
export async function copyOfDemo(folder: string, today: string, make: (folder: string) => Promise<void>): Promise<void> {
  const cache = join(inject('e2eDemoCache'), today);
  // Test files run two at a time: one makes a date's demo while another wanting it waits, rather
  // than both making it. A maker that died leaves its claim behind: after MAKING_MS it is ignored.
  const claim = `${cache}.making`;
  await mkdir(inject('e2eDemoCache'), { recursive: true });
  for (;;) {
    if (await exists(cache)) break;
    const claimed = await mkdir(claim).then(
      () => true,
      () => false,
    );
    if (claimed) {
      try {
        await makeInto(cache, today, make);
      } finally {
        await removeFolder(claim);
      }
      break;
    }
    const age = await stat(claim).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (age > MAKING_MS) await removeFolder(claim);
    else await new Promise((done) => setTimeout(done, 250));
  }
  for (const name of DEMO_FILES) await copyFile(join(cache, name), join(folder, name));
}

/** Longer than making a demo ever takes on a busy machine (the start timeout in support/app.ts is 90 s). */
const MAKING_MS = 150_000;

async function makeInto(cache: string, today: string, make: (folder: string) => Promise<void>): Promise<void> {
  if (!(await exists(cache))) {
    const made = await makeTempFolder(`demo-${today}`);
    try {
      await make(made);
      const files = await readdir(made);
      for (const name of DEMO_FILES) if (!files.includes(name)) throw new Error(`Making the demo left no ${name} in ${made} (it has: ${files.join(', ')})`);
      // Whole or not at all: a folder in the cache is only ever a finished demo.
      await mkdir(inject('e2eDemoCache'), { recursive: true });
      await rename(made, cache).catch(async (error: NodeJS.ErrnoException) => {
        if (!(await exists(cache))) throw error;
      });
    } finally {
      await removeFolder(made);
    }
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
