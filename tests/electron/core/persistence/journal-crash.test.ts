import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempFolder } from '../../../helpers/core';
import { crashRounds, makeCrashDataFile, type RoundResult } from './crash-harness';

/**
 * Pulling the plug mid-save, a hundred times: a writer committing changes (single rows, several rows
 * at once, rolled-back transactions that spilled, checkpoints) is SIGKILLed at a random point, and
 * after each kill the files must open with every change it acknowledged, whole and in order.
 * `npm run crash-test` runs many more rounds.
 */
let folder: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.cleanup());

it('keeps every acknowledged change through 100 kills mid-save, and the files always open', async () => {
  const keyring = await makeCrashDataFile(folder.path);
  const results: RoundResult[] = [];
  const problem = await crashRounds(folder.path, keyring, { rounds: 100, seed: 20261201, maxAcks: 12, maxKillMs: 3, onRound: (_round, result) => results.push(result) });
  expect(problem).toBeNull();
  expect(results).toHaveLength(100);
  // The writers got somewhere: the kills landed among saves, not only before the first.
  expect(results.at(-1)!.acknowledged).toBeGreaterThan(200);
}, 600_000);
