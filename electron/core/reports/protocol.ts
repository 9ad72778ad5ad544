import type { ReportKind, ReportKinds } from './kinds';

/** What the report thread is asked for, and what it answers. */
export type ToReportWorker =
  | { [K in ReportKind]: { id: number; kind: K; data: ReportKinds[K] } }[ReportKind]
  /** The thread's JavaScript heap after a full collection (the bench's memory check). */
  | { id: number; kind: 'heap' };

export type FromReportWorker =
  | { id: number; ok: true; pdf: Uint8Array }
  | { id: number; ok: true; heapBytes: number }
  | { id: number; ok: false; message: string };
