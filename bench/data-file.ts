import { readFile } from 'node:fs/promises';
import { decodeEnvelope } from '../electron/core/crypto/envelope';
import { Keyring } from '../electron/core/crypto/keyring';
import { DataFile, dataFilePath, SealedDataFile } from '../electron/core/data-file';
import { rawReadFloor, rawWriteFsyncFloor } from './floors';
import { medianOfRuns, type Measure, type RunOptions } from './measure';

export const OPEN_TARGET_MS = 300;
export const SAVE_TARGET_MS = 100;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Who opens the file: a username and password with a key slot in it. */
export interface Account {
  username: string;
  password: string;
}

async function readOrFail(folder: string): Promise<SealedDataFile> {
  const sealed = await SealedDataFile.read(folder);
  if (!sealed) throw new Error(`no data file in ${folder}`);
  return sealed;
}

/** The data key, unwrapped once by the account's password (slow on purpose; timed on its own below). */
async function keyringFor(folder: string, account: Account): Promise<Keyring> {
  const unlocked = await Keyring.unlockWithPassword((await readOrFail(folder)).envelope, account.username, account.password);
  if (!unlocked) throw new Error(`${account.username} cannot open the data file in ${folder}`);
  return unlocked.keyring;
}

/**
 * Read + decrypt + load + integrity and migration checks, up to DataFile.unlock returning: what
 * follows the password check at sign-in. Closing is off the clock.
 */
export async function measureOpen(folder: string, account: Account, options?: RunOptions): Promise<Measure> {
  const keyring = await keyringFor(folder, account);
  const medianMs = await medianOfRuns(async (time) => {
    const file = await time(async () => DataFile.unlock(await readOrFail(folder), keyring));
    // Nothing changed, so close has nothing to save: the file on disk stays the same for the next run.
    await file.close();
  }, options);
  const floor = await rawReadFloor(dataFilePath(folder), options);
  return { name: 'open', medianMs, targetMs: OPEN_TARGET_MS, floor: { name: 'raw read of same size', medianMs: floor } };
}

/**
 * A teacher changes one thing; the save that follows (export, seal, temp file, fsync, rename, folder
 * fsync) is what stands between the change and the disk.
 */
export async function measureDurableSave(folder: string, account: Account, options?: RunOptions): Promise<Measure> {
  const keyring = await keyringFor(folder, account);
  // A debounce far beyond the bench, so only our own saveNow() writes while we time it.
  const file = await DataFile.unlock(await readOrFail(folder), keyring, { saveDelayMs: 3_600_000 });
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

/**
 * What encryption adds to each open (checksum, header and decrypting the whole database, from the
 * file's bytes in memory) and to each save (sealing it into a whole new file's bytes).
 */
export async function measureEncryption(folder: string, account: Account, options?: RunOptions): Promise<Measure[]> {
  const keyring = await keyringFor(folder, account);
  const fileBytes = await readFile(dataFilePath(folder));
  const database = keyring.openFile(decodeEnvelope(fileBytes));
  const decrypt = await medianOfRuns(async (time) => {
    await time(() => keyring.openFile(decodeEnvelope(fileBytes)));
  }, options);
  const encrypt = await medianOfRuns(async (time) => {
    await time(() => keyring.sealFileChunks(database));
  }, options);
  return [
    { name: `open: of which decrypting ${megabytes(database.length)}`, medianMs: decrypt },
    { name: `durable save: of which encrypting ${megabytes(database.length)}`, medianMs: encrypt },
  ];
}

/** The password check at sign-in and unlock: scrypt at the app's cost, meant to take about half a second (at most 1 s). */
export async function measurePasswordCheck(folder: string, account: Account, options?: RunOptions): Promise<Measure> {
  const sealed = await readOrFail(folder);
  const medianMs = await medianOfRuns(async (time) => {
    const unlocked = await time(() => Keyring.unlockWithPassword(sealed.envelope, account.username, account.password));
    if (!unlocked) throw new Error(`${account.username} cannot open the data file in ${folder}`);
  }, options);
  return { name: 'password check at sign-in (scrypt N=2^17, aim about 500 ms, at most 1 s)', medianMs };
}
