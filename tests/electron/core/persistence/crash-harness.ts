import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Keyring } from '../../../../electron/core/crypto/keyring';
import { DataFile, SealedDataFile } from '../../../../electron/core/data-file';
import { loadDatabase } from '../../../../electron/core/db/open';
import { loadSqlJs } from '../../../../electron/core/db/sqljs';
import { journalPathFor, readJournalFile } from '../../../../electron/core/persistence/journal-file';
import { CRASH_PASSWORD, CRASH_SCRYPT, CRASH_USERNAME, payloadFor } from './fixtures/journal-rows';

/**
 * Pulling the plug on a Key Desk that is saving: a writer process commits changes as fast as it can
 * and is SIGKILLed at a random moment; then the files are opened as the next start would open them.
 * Used by the crash test in the suite and by `npm run crash-test` (more rounds).
 */
const WRITER = fileURLToPath(new URL('./fixtures/journal-writer.ts', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

let bundled: Promise<string> | undefined;

/**
 * The writer as one plain JavaScript file, built once per run: a hundred starts through a TypeScript
 * loader would take minutes on a busy two-core machine. It sits inside node_modules so that sql.js is
 * found from it as from the app.
 */
export function writerScript(): Promise<string> {
  bundled ??= (async () => {
    const outfile = join(PROJECT_ROOT, 'node_modules', '.cache', 'key-desk-crash', `journal-writer-${process.pid}.mjs`);
    await build({ entryPoints: [WRITER], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'silent' });
    return outfile;
  })();
  return bundled;
}

/** A new data file in `folder` with the writer's table (WITHOUT ROWID, as register marks are). */
export async function makeCrashDataFile(folder: string): Promise<Keyring> {
  const keyring = Keyring.create({ demo: false, scrypt: CRASH_SCRYPT });
  await keyring.setPassword('crash-writer', CRASH_USERNAME, CRASH_PASSWORD);
  const file = await DataFile.create(folder, keyring, async (f) => {
    f.sql.exec('CREATE TABLE crash_rows (k INTEGER PRIMARY KEY, v TEXT NOT NULL) STRICT, WITHOUT ROWID');
  });
  await file.close();
  return keyring;
}

/**
 * The rows the files in `folder` hold, read as opening reads them (snapshot, then the journal replayed)
 * and without writing anything. Throws if they do not open, or if any row is not whole.
 */
export async function rowsOnDisk(folder: string, keyring: Keyring): Promise<number[]> {
  const sealed = await SealedDataFile.read(folder);
  if (!sealed) throw new Error(`no data file in ${folder}`);
  const journal = await readJournalFile(journalPathFor(sealed.path), sealed.envelope.header.journal ?? null, keyring);
  const wal = journal.contents?.kind === 'changes' ? journal.contents.wal : undefined;
  const { db } = loadDatabase(await loadSqlJs(), keyring.openFile(sealed.envelope), sealed.path, undefined, wal);
  try {
    const rows = (db.exec('SELECT k, v FROM crash_rows ORDER BY k')[0]?.values ?? []) as Array<[number, string]>;
    for (const [k, v] of rows) if (v !== payloadFor(k)) throw new Error(`row ${k} is not whole`);
    return rows.map(([k]) => k);
  } finally {
    db.close();
  }
}

export interface RoundResult {
  /** The highest key the writer acknowledged before it was killed. */
  acknowledged: number;
  /** The keys on disk afterwards. */
  found: number[];
}

/** A writer process, loaded and waiting to be told to open the files. */
interface WarmWriter {
  /** Lets the writer open the files; kills it `killAfterMs` after its `afterAcks`-th acknowledgement (0: after it is ready). */
  start(afterAcks: number, killAfterMs: number): Promise<{ acknowledged: number }>;
  dispose(): void;
}

async function warmWriter(folder: string, seed: number): Promise<WarmWriter> {
  const child = spawn(process.execPath, [await writerScript(), folder, CRASH_PASSWORD, String(seed)], {
    cwd: PROJECT_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let pending = '';
  let stderr = '';
  let onLine: (word: string, value: number) => void = () => undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [word = '', value = ''] = line.split(' ');
      onLine(word, Number(value));
    }
  });
  // A writer that never gets going has failed to load or to open the files: that is a failure too.
  const giveUp = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const failed = () => new Error(`the writer stopped before it was killed: ${stderr.trim() || 'no message'}`);
  await Promise.race([
    new Promise<void>((resolve) => (onLine = (word) => word === 'warm' && resolve())),
    exited.then(() => Promise.reject(failed())),
  ]);
  return {
    async start(afterAcks, killAfterMs) {
      let acknowledged = 0;
      let acks = 0;
      let killTimer: ReturnType<typeof setTimeout> | undefined;
      const killSoon = () => (killTimer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs));
      onLine = (word, value) => {
        if (word === 'ack') {
          acknowledged = Math.max(acknowledged, value);
          if (++acks >= afterAcks) killSoon();
        }
        if (word === 'ready') {
          acknowledged = Math.max(acknowledged, value - 1);
          if (afterAcks === 0) killSoon();
        }
      };
      child.stdin.end('go\n');
      await exited;
      clearTimeout(giveUp);
      clearTimeout(killTimer);
      if (killTimer === undefined) throw failed();
      return { acknowledged };
    },
    dispose() {
      clearTimeout(giveUp);
      child.kill('SIGKILL');
    },
  };
}

/**
 * Runs `rounds` writers one after another on the files in `folder`, each killed at a random moment
 * (after a random number of its saves, up to `maxAcks`, then up to `maxKillMs` more: mid-append,
 * mid-checkpoint or between), checking the files after every kill. Counting saves rather than time
 * keeps the kills spread over the writer's work however busy the machine is. The next writer loads
 * while the current one runs. Returns the first problem found, or null.
 */
export async function crashRounds(
  folder: string,
  keyring: Keyring,
  options: { rounds: number; seed: number; maxAcks: number; maxKillMs: number; onRound?: (round: number, result: RoundResult) => void },
): Promise<string | null> {
  let seed = options.seed >>> 0 || 1;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  let next = warmWriter(folder, options.seed);
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const writer = await next;
      const running = writer.start(Math.floor(random() * (options.maxAcks + 1)), random() * options.maxKillMs);
      next = round < options.rounds ? warmWriter(folder, options.seed + round) : Promise.resolve({ start: () => Promise.resolve({ acknowledged: 0 }), dispose: () => undefined });
      const { acknowledged } = await running;
      const result = { acknowledged, found: await rowsOnDisk(folder, keyring) };
      options.onRound?.(round, result);
      const problem = checkRound(result);
      if (problem) return `round ${round}: ${problem}`;
    }
    return null;
  } finally {
    await next.then((writer) => writer.dispose()).catch(() => undefined);
  }
}

/** Checks a round: every acknowledged row is there, rows are whole and in sequence (no gaps, nothing rolled back). */
export function checkRound({ acknowledged, found }: RoundResult): string | null {
  const last = found.at(-1) ?? 0;
  if (last < acknowledged) return `acknowledged up to ${acknowledged}, but the file holds only up to ${last}`;
  if (found.some((k, i) => k !== i + 1)) return `rows are missing or out of place (${found.length} rows, last ${last})`;
  return null;
}
