import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashRounds, makeCrashDataFile } from './crash-harness';

/**
 * `npm run crash-test [-- rounds]`: the suite's crash test at length (1,000 kills unless told).
 * Prints progress; exits non-zero on the first acknowledged change lost or file that does not open.
 */
const rounds = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const folder = await mkdtemp(join(tmpdir(), 'keydesk-crash-'));
const started = Date.now();
try {
  const keyring = await makeCrashDataFile(folder);
  process.stdout.write(`Killing a saving writer ${rounds} times (seed ${seed})…\n`);
  const problem = await crashRounds(folder, keyring, {
    rounds,
    seed,
    maxAcks: 40,
    maxKillMs: 5,
    onRound: (round, { acknowledged, found }) => {
      if (round % 50 === 0 || round === rounds) process.stdout.write(`  ${round} kills: ${acknowledged} changes acknowledged, ${found.length} on disk\n`);
    },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (problem) {
    process.stdout.write(`FAILED after ${seconds} s: ${problem} (files kept in ${folder})\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`All ${rounds} kills survived with every acknowledged change, in ${seconds} s.\n`);
  }
} finally {
  if (!process.exitCode) await rm(folder, { recursive: true, force: true });
}
