import { toCsv } from '../../../shared/csv';
import { AUDIT_PAGE_SIZE, describeAuditAction, type AuditEntry, type AuditPage } from '../../../shared/domain/audit';
import { auditDetailText, auditRecordName, auditValueRows, auditValuesCell, idsInEntry, type AuditNames } from '../../../shared/domain/audit-words';
import { formatUkDateTime } from '../../../shared/domain/dates';
import type { Db } from '../db/dialect';
import { auditNames, listAudit, type AuditFilters, type StoredAuditEntry } from '../repositories/audit';

/** Entries with what each is about named, and names for every id they mention: one lookup for them all. */
async function named(db: Db, stored: StoredAuditEntry[]): Promise<{ entries: AuditEntry[]; names: AuditNames }> {
  const names = await auditNames(db, stored.flatMap(idsInEntry));
  return { names, entries: stored.map((entry) => ({ ...entry, recordName: auditRecordName(entry, names) })) };
}

export async function listAuditPage(db: Db, filters: AuditFilters, page: number): Promise<AuditPage> {
  const { entries, total } = await listAudit(db, filters, AUDIT_PAGE_SIZE, page * AUDIT_PAGE_SIZE);
  return { total, ...(await named(db, entries)) };
}

/** Most a CSV export holds: ten years of a busy provision is well under this. */
const EXPORT_LIMIT = 1_000_000;

/**
 * The audit trail as CSV for a spreadsheet, in the words the screen uses: times in England's time,
 * records and ids by name, values before and after as "Field: value" lines. The ids follow at the end
 * for anyone who must match an entry to the data file. Cells a spreadsheet would run as a formula are
 * escaped (see toCsv).
 */
export async function exportAudit(db: Db, filters: AuditFilters, today: string): Promise<{ fileName: string; csv: string; rows: number }> {
  const { entries, names } = await named(db, (await listAudit(db, filters, EXPORT_LIMIT, 0)).entries);
  const csv = toCsv(
    ['When', 'Who', 'What', 'Record', 'Before', 'After', 'Detail', 'Record id', 'Pupil id'],
    entries.map((e) => {
      const values = auditValueRows(e, names);
      return {
        When: formatUkDateTime(e.at),
        Who: e.staffName,
        What: describeAuditAction(e),
        Record: e.recordName ?? '',
        Before: auditValuesCell(values, 'before'),
        After: auditValuesCell(values, 'after'),
        Detail: auditDetailText(e.detail, names) ?? '',
        'Record id': e.entityId ?? '',
        'Pupil id': e.pupilId ?? '',
      };
    }),
  );
  return { fileName: `key-desk-audit-${today}.csv`, csv, rows: entries.length };
}
