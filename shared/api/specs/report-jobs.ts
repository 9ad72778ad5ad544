import { z } from 'zod';
import { call, dateField, id } from './common';
import type { PdfFile } from './reports';

/**
 * Reports that are issued (kept as issued, with versions) and batch export. A report about a placement
 * names the placement; one about a base (the fire list) names the base.
 */
export const ISSUABLE_REPORT_KINDS = ['reintegration', 'fire-list'] as const;
export type IssuableReportKind = (typeof ISSUABLE_REPORT_KINDS)[number];

/** Kinds drawn for one placement (the others are drawn for a base). */
export const PLACEMENT_REPORT_KINDS: readonly IssuableReportKind[] = ['reintegration'];

/** One issued report, as listed (its data stays in the core). */
export interface IssuedReport {
  id: string;
  kind: IssuableReportKind;
  placementId: string | null;
  baseId: string | null;
  /** 1, 2, 3 … per placement (or base) and kind. */
  version: number;
  fileName: string;
  issuedByName: string;
  /** ISO timestamp, UTC. */
  issuedAt: string;
}

export interface BatchFailure {
  pupilName: string;
  reason: string;
}

export interface BatchStatus {
  jobId: string;
  total: number;
  /** File names written, complete, in the folder. */
  saved: string[];
  failed: BatchFailure[];
  /** The pupil being drawn now; null once finished. */
  current: string | null;
  finished: boolean;
  cancelled: boolean;
  folder: string;
}

const kind = z.enum(ISSUABLE_REPORT_KINDS, { error: 'Choose a report.' });
const folder = z.string({ error: 'Enter a folder.' }).trim().min(1, 'Enter a folder.').max(1000, 'That folder path is too long.');
const jobId = z.uuid({ error: 'That batch is not one Key Desk knows.' });

/** What a report is about: a placement, or a base. */
const subject = z
  .object({ kind, placementId: id('placement').optional(), baseId: id('base').optional() })
  .strict()
  .superRefine((input, ctx) => {
    const byPlacement = PLACEMENT_REPORT_KINDS.includes(input.kind);
    if (byPlacement && !input.placementId) ctx.addIssue({ code: 'custom', message: 'Choose a placement.', path: ['placementId'] });
    if (!byPlacement && !input.baseId) ctx.addIssue({ code: 'custom', message: 'Choose a base.', path: ['baseId'] });
  });

export const reportJobCalls = {
  /** Builds the report from today's data, keeps that data as the next version and returns its PDF. */
  'reports.issue': call<PdfFile & { issued: IssuedReport }>()(subject),
  /** The reports issued for a placement (or a base), newest first. */
  'reports.issuedList': call<IssuedReport[]>()(
    z
      .object({ placementId: id('placement').optional(), baseId: id('base').optional() })
      .strict()
      .refine((input) => Boolean(input.placementId) !== Boolean(input.baseId), { message: 'Choose a placement.', path: ['placementId'] }),
  ),
  /** Draws an issued report again from the data it was issued with: same text, same figures. */
  'reports.reprint': call<PdfFile>()(z.object({ id: z.uuid({ error: 'That issued report is not one Key Desk knows.' }) }).strict()),
  /** Starts writing one reintegration report per pupil whose placement ends between the dates. */
  'reports.batchStart': call<{ jobId: string; total: number }>()(
    z
      .object({ from: dateField('the start date'), to: dateField('the end date'), baseId: id('base').optional(), folder })
      .strict()
      .refine((input) => input.from <= input.to, { message: 'The end date is before the start date.', path: ['to'] }),
  ),
  'reports.batchStatus': call<BatchStatus>()(z.object({ jobId }).strict()),
  /** Stops after the PDF being written; those already saved stay, complete. */
  'reports.batchCancel': call<BatchStatus>()(z.object({ jobId }).strict()),
  /** The desktop app's folder picker, for the batch's folder. */
  'reports.chooseFolder': call<{ folder: string | null }>()(z.object({}).strict().optional()),
};
