import { z } from 'zod';
import { academicYearSchema } from '../../domain/calendar';
import { call, id } from './common';

/** A PDF made by Key Desk: its default file name and its bytes as base64 (it crosses IPC and HTTP as JSON). */
export interface PdfFile {
  fileName: string;
  /** The PDF, base64-encoded. */
  pdf: string;
}

export const reportCalls = {
  /** Who is on site at a base now (this session's register) and the staff, one A4 page for a roll call. */
  'reports.fireList': call<PdfFile>()(z.object({ baseId: id('base') }).strict()),
  /** One A4 page for the home school's staff from the newest version of the placement's plan ("about me"). */
  'reports.passport': call<PdfFile>()(z.object({ placementId: id('placement') }).strict()),
  /** The provision's impact for an academic year (from 1 September of `year`) at one base, or all bases (managers). */
  'reports.impact': call<PdfFile>()(z.object({ year: academicYearSchema, baseId: id('base').optional() }).strict()),
};
