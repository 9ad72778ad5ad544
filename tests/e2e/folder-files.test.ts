import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Cleanup } from './support';
import { readEveryFile, waitForQuietFolder } from './support/files';

// The helpers the security test reads the data folder with, against the race it used to lose: a save
// renames its temporary file over keydesk.db between the folder being listed and the file being read.
let cleanup: Cleanup;
beforeEach(() => {
  cleanup = new Cleanup();
});
afterEach(() => cleanup.run());

async function dataFolder() {
  const folder = await cleanup.folder('files');
  await writeFile(join(folder, 'keydesk.db'), 'sealed, first save');
  await writeFile(join(folder, '.keydesk.db.4711.tmp'), 'sealed, second save');
  await mkdir(join(folder, 'backups'));
  await writeFile(join(folder, 'backups', 'keydesk-1.db'), 'sealed backup');
  return folder;
}

test('reads every file, and leaves out (and names) one a save renamed away after the folder was listed', async () => {
  const folder = await dataFolder();
  const temp = join(folder, '.keydesk.db.4711.tmp');
  const { files, vanished } = await readEveryFile(folder, async (path) => {
    // The save finishes just before the temporary file is read.
    if (path === temp) await rename(temp, join(folder, 'keydesk.db'));
    return readFile(path);
  });
  expect(files.map((file) => file.name).sort()).toEqual(['backups/keydesk-1.db', 'keydesk.db']);
  expect(files.find((file) => file.name === 'backups/keydesk-1.db')?.bytes.toString()).toBe('sealed backup');
  expect(vanished).toEqual(['.keydesk.db.4711.tmp']);
});

test('still fails on anything else that stops a file being read', async () => {
  const folder = await dataFolder();
  const refused = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
  await expect(readEveryFile(folder, () => Promise.reject(refused))).rejects.toThrow('EACCES');
});

test('waits for the folder to stay unchanged before it is read', async () => {
  const folder = await dataFolder();
  let writes = 0;
  const writing = setInterval(() => void writeFile(join(folder, 'keydesk.db'), `save ${++writes}`), 100);
  setTimeout(() => clearInterval(writing), 800);
  const started = Date.now();
  await waitForQuietFolder(folder, { quietMs: 500 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(1_200);
  expect(await readFile(join(folder, 'keydesk.db'), 'utf8')).toBe(`save ${writes}`);
});
