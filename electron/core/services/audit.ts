import { AUDIT_PAGE_SIZE, describeAuditAction, type AuditEntry } from '../../../shared/domain/audit';
import type { Db } from '../db/dialect';
import { listAudit, type AuditFilters } from '../repositories/audit';
import { toCsv } from '../../../shared/csv';

export function listAuditPage(db: Db, filters: AuditFilters, page: number): Promise<{ entries: AuditEntry[]; total: number }> {
  return listAudit(db, filters, AUDIT_PAGE_SIZE, page * AUDIT_PAGE_SIZE);
}

/** Most a CSV export holds: ten years of a busy provision is well under this. */
const EXPORT_LIMIT = 1_000_000;

/**
 * The audit trail as CSV for a spreadsheet. Values before and after are JSON in their own columns.
 * Cells that a spreadsheet would run as a formula are escaped (see toCsv).
 */
export async function exportAudit(db: Db, filters: AuditFilters, today: string): Promise<{ fileName: string; csv: string; rows: number }> {
  const { entries } = await listAudit(db, filters, EXPORT_LIMIT, 0);
  const csv = toCsv(
    ['When', 'Who', 'What', 'Record', 'Record id', 'Pupil id', 'Before', 'After', 'Detail'],
    entries.map((e) => ({
      When: e.at,
      Who: e.staffName,
      What: describeAuditAction(e),
      Record: e.entity ?? '',
      'Record id': e.entityId ?? '',
      'Pupil id': e.pupilId ?? '',
      Before: e.before ? JSON.stringify(e.before) : '',
      After: e.after ? JSON.stringify(e.after) : '',
      Detail: e.detail ?? '',
    })),
  );
  return { fileName: `key-desk-audit-${today}.csv`, csv, rows: entries.length };
}
