import { z } from 'zod';
import { academicYearSchema } from '../../domain/calendar';
import { call, id } from './common';

/** A PDF made by Key Desk: its default file name and its bytes as base64 (it crosses IPC and HTTP as JSON). */
export interface PdfFile {
  fileName: string;
  /** The PDF, base64-encoded. */
  pdf: string;
}

/** What staff write for a placement's reintegration report (empty strings while not written). */
export interface ReportTexts {
  placementId: string;
  /** Recommendations for the home school: required before a report is issued. */
  recommendations: string;
  /** Added to the plan's summary of needs. */
  needsSummary: string;
  /** Added to what has helped. */
  whatHelped: string;
  updatedBy: string | null;
  updatedAt: string | null;
}

export const REPORT_TEXT_LIMITS = { recommendations: 6000, needsSummary: 4000, whatHelped: 4000 } as const;

const reportText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} can be at most ${max} characters.`);

export const reportTextsSchema = z
  .object({
    placementId: id('placement'),
    recommendations: reportText('The recommendations', REPORT_TEXT_LIMITS.recommendations),
    needsSummary: reportText('The summary of needs', REPORT_TEXT_LIMITS.needsSummary).optional(),
    whatHelped: reportText('What has helped', REPORT_TEXT_LIMITS.whatHelped).optional(),
  })
  .strict();

export const reportCalls = {
  /** Who is on site at a base now (this session's register) and the staff, one A4 page for a roll call. */
  'reports.fireList': call<PdfFile>()(z.object({ baseId: id('base') }).strict()),
  /** A placement's reintegration report for the home school and the family, several A4 pages. */
  'reports.reintegration': call<PdfFile>()(z.object({ placementId: id('placement') }).strict()),
  /** The recommendations and other text written for a placement's reintegration report. */
  'reports.texts': call<ReportTexts>()(z.object({ placementId: id('placement') }).strict()),
  'reports.saveTexts': call<ReportTexts>()(reportTextsSchema),
  /** One A4 page for the home school's staff from the newest version of the placement's plan ("about me"). */
  'reports.passport': call<PdfFile>()(z.object({ placementId: id('placement') }).strict()),
  /** The provision's impact for an academic year (from 1 September of `year`) at one base, or all bases (managers). */
  'reports.impact': call<PdfFile>()(z.object({ year: academicYearSchema, baseId: id('base').optional() }).strict()),
};
