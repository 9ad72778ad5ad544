import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleSizes, formatBundleSizes } from './bundle';
import { measureEventLoopWhileSaving } from './event-loop';
import { DURABLE_RUNS, measureDurableSave, measureEncryption, measureOpen, measurePasswordCheck, type Account } from './data-file';
import { measureJournal } from './journal';
import { measurePlans } from './plans';
import { measurePupilListFiltering } from './pupil-list';
import { DEFAULT_RUNS, DEFAULT_WARMUP, report, type Measure } from './measure';
import { measureRegisters } from './registers';
import { measureReportBatch } from './report-batch';
import { measureFireList, measureImpactReport } from './reports';
import { BENCH_ACCOUNT, buildSyntheticDatabase, SYNTHETIC_DEFAULTS, type SyntheticCounts } from './synthetic';

/**
 * `npm run bench`: times what staff wait for on a ten-year database, beside the machine's floor.
 * `npm run bench -- --json`: one JSON object per measure on stdout, nothing else (progress goes to stderr).
 * It informs; it never fails the build.
 *
 * A later feature adds its measure to `cases` below: a name for the progress line and a function
 * from the synthetic data folder (and the account that opens it) to its Measures.
 */
const json = process.argv.includes('--json');
/** `npm run bench -- --only "fire list"`: only the measures whose names contain that text (the database is still built). */
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const progress = (line: string) => process.stderr.write(`${line}\n`);
const out = (line: string) => process.stdout.write(`${line}\n`);

const cases: ReadonlyArray<{ name: string; run: (folder: string, account: Account, counts: SyntheticCounts) => Promise<Measure | Measure[]> }> = [
  { name: 'open', run: (folder, account) => measureOpen(folder, account) },
  { name: 'durable save', run: (folder, account) => measureDurableSave(folder, account) },
  { name: 'journal: open with 1,000 changes, checkpoint', run: (folder, account) => measureJournal(folder, account) },
  { name: 'encryption', run: (folder, account) => measureEncryption(folder, account) },
  { name: 'password check', run: (folder, account) => measurePasswordCheck(folder, account) },
  { name: 'registers', run: (folder, account) => measureRegisters(folder, account, SYNTHETIC_DEFAULTS.today) },
  { name: 'support plans: the Plan tab and the cohort view', run: (folder, account) => measurePlans(folder, account, SYNTHETIC_DEFAULTS.today) },
  { name: 'main-thread event-loop delay while saving (core in a worker, then on the main thread)', run: (folder, account) => measureEventLoopWhileSaving(folder, account) },
  { name: 'pupil list filtering in Chromium', run: (folder, account, counts) => measurePupilListFiltering(folder, account, counts.pupils) },
  { name: 'fire list', run: (folder, account) => measureFireList(folder, account, SYNTHETIC_DEFAULTS.today) },
  { name: 'impact report for a year', run: (folder, account) => measureImpactReport(folder, account, SYNTHETIC_DEFAULTS.today) },
  { name: 'reintegration reports: one, a batch of 36, memory, Chromium page.pdf()', run: (folder, account) => measureReportBatch(folder, account, SYNTHETIC_DEFAULTS.today) },
];

const TEMP_PREFIX = 'keydesk-bench-';

/** Issue 11: register marks and their history add at most this much to the ten-year file. */
const MARKS_TARGET_MB = 15;
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The sealed file and any journal beside it: what the data folder holds for this file. */
async function sizeOnDisk(path: string): Promise<number> {
  const journal = await stat(`${path}.journal`).then((s) => s.size, () => 0);
  return (await stat(path)).size + journal;
}

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Ctrl-C during the synchronous build gets the bench killed outright (tsx follows up with SIGKILL),
 * so no handler can tidy up; the next run removes the 40 MB folders whose bench is no longer running.
 */
async function removeLeftovers(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const pid = Number.parseInt(name.slice(TEMP_PREFIX.length), 10);
    if (pid > 0 && pid !== process.pid && !isRunning(pid)) await rm(join(tmpdir(), name), { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await removeLeftovers();
  const root = await mkdtemp(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  try {
    const folder = join(root, 'data');
    progress('Building the synthetic ten-year database…');
    const started = performance.now();
    const { path, counts } = await buildSyntheticDatabase(folder);
    const size = await sizeOnDisk(path);
    const journalSize = (await stat(`${path}.journal`).catch(() => ({ size: 0 }))).size;
    progress(`  built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // The same provision (same seed: pupils, placements, schools) with no registers, to weigh what marks add.
    // (Not with --only: the size lines are left out then.)
    if (!only) progress('Building the same file without register marks, to weigh them…');
    const bareSize = only ? 0 : await sizeOnDisk((await buildSyntheticDatabase(join(root, 'without-marks'), { marks: 0 })).path);

    const measures: Measure[] = [];
    for (const c of cases.filter((c) => !only || c.name.includes(only))) {
      progress(`Timing ${c.name} (${DEFAULT_WARMUP} warm-up + ${DEFAULT_RUNS} runs)…`);
      measures.push(...[await c.run(folder, BENCH_ACCOUNT, counts)].flat());
    }

    if (!json) {
      const cpu = cpus();
      out('Key Desk bench');
      const load = loadavg()[0] ?? 0;
      out(`  machine   ${cpu[0]?.model.trim() ?? 'unknown cpu'}, ${cpu.length} cores, ${process.platform}/${process.arch}, node ${process.version}`);
      // A busy machine slows everything; say so rather than let a reader blame the code.
      out(`  load      ${load.toFixed(1)} (1-minute average)${load > cpu.length ? ': busier than its cores, so expect slow, noisy timings' : ''}`);
      out(`  database  ${mb(size)} MB: ${counts.pupils} pupils, ${counts.placements} placements, ${counts.marks} register marks`);
      if (!only) {
        const added = size - bareSize;
        out(
          `  registers ${mb(added)} MB for the marks and their history (target at most ${MARKS_TARGET_MB} MB${added > MARKS_TARGET_MB * 1024 * 1024 ? ': OVER' : ''}); ${mb(bareSize)} MB without them`,
        );
        out(`  renderer  ${formatBundleSizes(await bundleSizes(join(process.cwd(), 'out', 'renderer')))}`);
        out(`  journal   ${journalSize} bytes beside it as built (a checkpoint starts it afresh; it is folded in at 4 MiB)`);
      }
      out(`  medians of ${DEFAULT_RUNS} runs after ${DEFAULT_WARMUP} warm-up (saves and marks: ${DURABLE_RUNS.runs} after ${DURABLE_RUNS.warmup}, turn about with their floor)`);
      out('');
    }
    report(measures, json, out);
    if (json && !only) out(JSON.stringify({ name: 'data file size', bytes: size, withoutMarksBytes: bareSize, marks: counts.marks, marksTargetBytes: MARKS_TARGET_MB * 1024 * 1024 }));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
