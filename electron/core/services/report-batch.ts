/**
 * Batch export: one PDF per pupil into a folder, as a job in the core that the screen polls. Each PDF
 * is written whole (temp file, then rename), so a cancelled or failed batch leaves only complete PDFs;
 * a pupil whose report fails is listed with the reason and the rest go on.
 */
import { randomUUID } from 'node:crypto';
import { open, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchStatus } from '../../../shared/api/specs/report-jobs';
import { count } from '../../../shared/domain/words';
import { UserError } from '../errors';
import { writeFileAtomic } from '../persistence/atomic-write';

export interface BatchItem {
  pupilName: string;
  /** Builds and draws this pupil's report. */
  make(): Promise<{ fileName: string; pdf: Uint8Array }>;
}

interface Job {
  status: BatchStatus;
  ownerId: string;
  cancelRequested: boolean;
  done: Promise<void>;
}

const jobs = new Map<string, Job>();
/** Finished jobs kept for the screen to read, at most this many (oldest dropped). */
const KEEP_FINISHED = 20;

const reasonOf = (error: unknown) => (error instanceof UserError ? error.message : error instanceof Error ? error.message.split('\n')[0]! : String(error));

/**
 * Refuses at once a folder that is missing, not a folder, or cannot be written (a probe file is made
 * and removed: permission bits alone do not say so on every system), naming the field `folder`.
 */
export async function requireWritableFolder(folder: string): Promise<void> {
  const refuse = (why: string): never => {
    throw new UserError('INVALID_INPUT', `Key Desk cannot save reports into ${folder}: ${why}. Choose another folder.`, 'folder');
  };
  const found = await stat(folder).catch(() => null);
  if (!found) refuse('there is no such folder');
  if (!found!.isDirectory()) refuse('that is a file, not a folder');
  const probe = join(folder, `.keydesk-write-check-${randomUUID()}.tmp`);
  try {
    await (await open(probe, 'wx', 0o600)).close();
  } catch {
    refuse('it cannot be written to (read-only, full, or you are not allowed)');
  }
  await unlink(probe).catch(() => undefined);
}

const snapshot = (job: Job): BatchStatus => ({ ...job.status, saved: [...job.status.saved], failed: [...job.status.failed] });

/** A name not yet used in this batch: two pupils with the same name and date get "(2)". */
function uniqueName(fileName: string, used: Set<string>): string {
  let name = fileName;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = fileName.replace(/(\.pdf)?$/i, ` (${n})$1`);
  used.add(name.toLowerCase());
  return name;
}

/**
 * Told once a batch has stopped (finished or cancelled), before anyone waiting on it hears so. It must
 * not wait for a call to finish: cancelling is a call that waits for the batch.
 */
export type BatchFinished = (status: BatchStatus) => void;

async function run(job: Job, items: readonly BatchItem[], onFinished?: BatchFinished): Promise<void> {
  const used = new Set<string>();
  for (const item of items) {
    if (job.cancelRequested) break;
    job.status.current = item.pupilName;
    try {
      const { fileName, pdf } = await item.make();
      const name = uniqueName(fileName, used);
      await writeFileAtomic(join(job.status.folder, name), pdf);
      job.status.saved.push(name);
    } catch (error) {
      job.status.failed.push({ pupilName: item.pupilName, reason: reasonOf(error) });
    }
  }
  job.status.current = null;
  job.status.cancelled = job.cancelRequested;
  onFinished?.(snapshot(job));
  job.status.finished = true;
}

function forget(): void {
  const finished = [...jobs].filter(([, job]) => job.status.finished);
  for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(id);
}

/**
 * Starts the batch (after checking the folder) and returns at once; the job runs in the background.
 * `onFinished` hears what was saved and what failed once it stops.
 */
export async function startBatch(
  items: readonly BatchItem[],
  folder: string,
  ownerId: string,
  onFinished?: BatchFinished,
): Promise<{ jobId: string; total: number }> {
  await requireWritableFolder(folder);
  forget();
  const jobId = randomUUID();
  const job: Job = {
    status: { jobId, total: items.length, saved: [], failed: [], current: null, finished: false, cancelled: false, folder },
    ownerId,
    cancelRequested: false,
    done: Promise.resolve(),
  };
  jobs.set(jobId, job);
  job.done = run(job, items, onFinished);
  return { jobId, total: items.length };
}

function requireJob(jobId: string, ownerId: string): Job {
  const job = jobs.get(jobId);
  // Someone else's batch is not theirs to see or stop.
  if (!job || job.ownerId !== ownerId) throw new UserError('NOT_FOUND', 'That batch is not one Key Desk knows.', 'jobId');
  return job;
}

export function batchStatus(jobId: string, ownerId: string): BatchStatus {
  return snapshot(requireJob(jobId, ownerId));
}

/** Stops after the PDF being written now; answers once the batch has stopped. */
export async function cancelBatch(jobId: string, ownerId: string): Promise<BatchStatus> {
  const job = requireJob(jobId, ownerId);
  job.cancelRequested = true;
  await job.done;
  return snapshot(job);
}

/** Waits for a batch to finish (tests, the bench). */
export async function batchFinished(jobId: string): Promise<void> {
  await jobs.get(jobId)?.done;
}

/** The audit trail's words for a batch that has stopped: what was saved, what failed, and where. */
export function batchExportDetail(status: BatchStatus, range: { from: string; to: string }): string {
  const reports = status.saved.length === status.total ? count(status.total, 'report') : `${status.saved.length} of ${count(status.total, 'report')}`;
  const saved = `${reports} saved for placements ending ${range.from} to ${range.to}, into ${status.folder}`;
  const failed = status.failed.length ? `; ${status.failed.length} could not be saved` : '';
  return `${saved}${failed}${status.cancelled ? '; stopped before the end' : ''}`;
}
