import { PLACEMENT_STEP_LABELS, type PlacementStep } from './placements';

/** One line of the audit trail: who did what, when, and the record's values before and after. */
export interface AuditEntry {
  seq: number;
  at: string;
  staffId: string | null;
  staffName: string;
  /** insert, update, delete for record changes; sign-in, sign-in-failed, export and the like for events. */
  action: string;
  entity: string | null;
  entityId: string | null;
  pupilId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  detail: string | null;
  /** What the entry is about, named as staff know it (see auditRecordName); null for events about no record. */
  recordName: string | null;
}

/** A page of the trail, with names for every id its entries mention (pupils, staff, bases, schools...). */
export interface AuditPage {
  entries: AuditEntry[];
  total: number;
  names: Record<string, string>;
}

export const AUDIT_PAGE_SIZE = 100;

/** Stands for Key Desk itself (demo data, migrations) in a filter by person: entries with no member of staff. */
export const KEY_DESK_ACTOR = 'key-desk';

/** Someone who appears in the audit trail: current staff, people since removed, and Key Desk itself. */
export interface AuditPerson {
  staffId: string;
  name: string;
}

/** What staff call a record of each table. */
const RECORD_NAMES: Record<string, string> = {
  provision: 'provision',
  bases: 'base',
  base_key_stages: "base's key stages",
  pupils: 'pupil',
  placements: 'placement',
  staff: 'member of staff',
  staff_bases: "staff member's bases",
  schools: 'school',
  contacts: 'contact',
  placement_events: 'placement step',
  terms: 'term dates',
  closures: 'closure day',
  base_sessions: 'register times',
  register_marks: 'register mark',
  keywork_settings: 'keyworker log settings',
  keyworker_assignments: 'keyworker',
  professionals: 'professional',
  pupil_professionals: 'link to a professional',
  log_entries: 'log entry',
  log_corrections: 'correction to a log entry',
  follow_up_findings: 'follow-up findings',
  referral_before: 'figures before the placement',
  support_plans: 'support plan',
  semh_measures: 'SEMH measure',
  report_texts: 'reintegration report text',
  issued_reports: 'issued report',
};

/** Words for staff for what an entry records. */
export function describeAuditAction(entry: Pick<AuditEntry, 'action' | 'entity'> & Partial<Pick<AuditEntry, 'after'>>): string {
  const entity = entry.entity ? (RECORD_NAMES[entry.entity] ?? entry.entity.replace(/_/g, ' ')) : '';
  // A placement's steps are what staff recorded: name the step ("Start date agreed"), not the table.
  const step = entry.entity === 'placement_events' ? entry.after?.step : undefined;
  if (entry.action === 'insert' && typeof step === 'string' && step in PLACEMENT_STEP_LABELS) return `Recorded: ${PLACEMENT_STEP_LABELS[step as PlacementStep]}`;
  switch (entry.action) {
    case 'insert':
      return `Added ${entity}`;
    case 'update':
      return `Changed ${entity}`;
    case 'delete':
      return `Removed ${entity}`;
    case 'exported-pupils':
      return 'Exported the pupil list';
    case 'exported-home-school-codes':
      return 'Exported codes for home schools';
    case 'exported-chronology':
      return "Exported a pupil's chronology";
    case 'printed-reintegration-report':
      return 'Produced a reintegration report';
    case 'printed-passport':
      return 'Produced a pupil passport';
    case 'printed-impact-report':
      return 'Produced the impact report';
    case 'plan-started':
      return 'Started a support plan';
    case 'plan-version-saved':
      return 'Saved a support plan draft';
    case 'plan-draft-started':
      return 'Started a new draft of a support plan';
    case 'plan-reviewed':
      return 'Recorded a support plan review';
    case 'plan-review-weeks-changed':
      return 'Changed how often a support plan is reviewed';
    case 'report-issued':
      return 'Issued a report';
    case 'report-reprinted':
      return 'Reprinted an issued report';
    case 'reports-exported':
      return 'Saved a batch of reports';
    default:
      return entry.action.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  }
}
