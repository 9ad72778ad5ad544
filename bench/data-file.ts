import { readFile } from 'node:fs/promises';
import { decodeEnvelope } from '../electron/core/crypto/envelope';
import { Keyring } from '../electron/core/crypto/keyring';
import { DataFile, dataFilePath, SealedDataFile } from '../electron/core/data-file';
import { floorAppender, rawReadFloor } from './floors';
import { medianOfRuns, mediansTurnAbout, type Measure, type RunOptions } from './measure';

export const OPEN_TARGET_MS = 300;
export const SAVE_TARGET_MS = 10;
/**
 * Saves are timed many times, warm: staff make one change after another (a register is 24 marks),
 * and a median of seven disk flushes moves with every other process's writes.
 */
export const DURABLE_RUNS: RunOptions = { warmup: 20, runs: 41 };

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Who opens the file: a username and password with a key slot in it. */
export interface Account {
  username: string;
  password: string;
}

export async function readOrFail(folder: string): Promise<SealedDataFile> {
  const sealed = await SealedDataFile.read(folder);
  if (!sealed) throw new Error(`no data file in ${folder}`);
  return sealed;
}

/** The data key, unwrapped once by the account's password (slow on purpose; timed on its own below). */
export async function keyringFor(folder: string, account: Account): Promise<Keyring> {
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
 * A teacher changes one thing; the save that follows (one journal record: the log frames deflated,
 * sealed, appended and fdatasynced) is what stands between the change and the disk. Beside it, the
 * raw append+fdatasync of as many bytes as the record, with nothing of ours in the way.
 */
export async function measureDurableSave(folder: string, account: Account, options: RunOptions = DURABLE_RUNS): Promise<Measure[]> {
  const keyring = await keyringFor(folder, account);
  // A debounce far beyond the bench, so only our own saveNow() writes while we time it.
  const file = await DataFile.unlock(await readOrFail(folder), keyring, { saveDelayMs: 3_600_000, checkpointIdleMs: 3_600_000 });
  const floor = floorAppender(folder);
  let medians: [number, number];
  let record = Buffer.alloc(0);
  try {
    // The first save after opening starts the journal afresh if it must; it is not what we time.
    await file.checkpoint();
    const pupilId = String(file.sql.exec('SELECT id FROM pupils ORDER BY id LIMIT 1')[0]?.values[0]?.[0]);
    let edit = 0;
    medians = await mediansTurnAbout(
      async (time) => {
        file.sql.run('UPDATE pupils SET preferred_name = ? WHERE id = ?', [`Bench ${++edit}`, pupilId]);
        const before = file.journalBytes;
        await time(() => file.saveNow());
        if (record.length !== file.journalBytes - before) record = Buffer.alloc(file.journalBytes - before, 0x5a);
      },
      (time) => time(() => floor.append(record)),
      options,
    );
  } finally {
    await file.close();
    await floor.close();
  }
  const [medianMs, floorMs] = medians;
  return [
    {
      name: 'durable save after a one-row change (one journal record)',
      medianMs,
      targetMs: Math.min(SAVE_TARGET_MS, 3 * floorMs),
      floor: { name: `raw append+fdatasync of the record's ${record.length} bytes, timed turn about; target ≤ 10 ms and ≤ 3× floor`, medianMs: floorMs },
    },
  ];
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
