import { z } from 'zod';
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
};
