import type { AuditEntry } from './audit';
import { CLOSURE_KIND_LABELS, type ClosureKind } from './calendar';
import { formatUkDate, formatUkDateTime } from './dates';
import { weeksList } from './follow-ups';
import {
  GOING_LABELS,
  LOG_KIND_LABELS,
  PROFESSIONAL_ROLE_LABELS,
  WITH_WHOM_LABELS,
  type Going,
  type LogKind,
  type ProfessionalRole,
  type WithWhom,
} from './keywork';
import { OUTCOME_LABELS, PLACEMENT_STEP_LABELS, WEEKDAY_LABELS, type Outcome, type PlacementStep } from './placements';
import type { Weekday } from './timetable';
import { MEASURE_KIND_LABELS, MEASURE_POINT_LABELS, type MeasureKind, type MeasurePoint } from './semh';
import { PATHWAY_LABELS, SEN_STATUS_LABELS, type Pathway, type SenStatus } from './pupil-record';
import { ROLE_LABELS } from './staff';

/**
 * The audit trail in staff's words: field names, values (names for ids, dd/mm/yyyy dates, England's
 * times, labels for codes), for the screen and the CSV export alike. Names for ids come from the core,
 * which looks up a page's ids in one go (AuditNames).
 */

/** Names for the ids a page of the trail mentions: pupils, staff, bases, schools, contacts, placements. */
export type AuditNames = Readonly<Record<string, string>>;

/** What staff call each column; a column not listed reads as its name in words. */
const FIELD_LABELS: Record<string, string> = {
  academic_year: 'Academic year',
  actions_agreed: 'Actions agreed',
  address: 'Address',
  assigned_at: 'Keyworker chosen',
  assigned_by: 'Keyworker chosen by',
  at_time: 'Time',
  attendance_percent: 'Attendance (%)',
  auto_lock_minutes: 'Lock after (minutes without use)',
  base_id: 'Base',
  change_reason: 'Reason for the change',
  child_in_care: 'Child in care',
  completed_by: 'Completed by',
  contact_type: 'Type of contact',
  corrected_at: 'Corrected',
  corrected_by: 'Corrected by',
  correction_reason: 'Reason for the correction',
  created_at: 'Added',
  date: 'Date',
  date_of_birth: 'Date of birth',
  decided_on: 'Panel date',
  decision: 'Panel decision',
  decision_notes: 'Panel notes',
  done_at: 'Marked done',
  done_by: 'Replied by',
  done_on: 'Replied on',
  due_on: 'Reply due',
  email: 'Email',
  end_date: 'End date',
  ends_on: 'Last day',
  entry_id: 'Log entry',
  event_id: 'Follow-up visit',
  follow_up_weeks: 'Follow-up visits (weeks after the end)',
  from_date: 'Keyworker from',
  gender: 'Gender',
  going: 'How it is going',
  has_pep: 'Has a PEP',
  home_school_day: 'Home-school day',
  home_school_attended_code: 'Code home schools enter when the pupil attended the Key',
  home_school_id: 'Home school',
  home_visit_on: 'Home visit',
  home_visit_skipped: 'Home visit skipped because',
  host_school: 'Host school',
  is_demo: 'Demo data',
  key_days: 'Days at the Key',
  key_stage: 'Key stage',
  key_visit_on: 'Visit to the Key',
  key_visit_skipped: 'Visit to the Key skipped because',
  kind: 'Kind of day',
  legal_first_name: 'Legal first name',
  legal_last_name: 'Legal last name',
  linked_at: 'Linked',
  measure: 'Measure',
  name: 'Name',
  needs_reply: 'Needs a reply',
  notes: 'Notes',
  open_minutes: 'Register open for (minutes)',
  on_date: 'Date',
  organisation: 'Organisation',
  outcome: 'Outcome',
  outcome_notes: 'Outcome notes',
  owner_id: 'Reply owed by',
  parental_responsibility: 'Parental responsibility',
  pathway: 'Pathway',
  phases: 'Home-school days a week',
  phone: 'Phone',
  placement_id: 'Referral',
  point: 'When taken',
  places: 'Places',
  planned_end: 'Planned end',
  preferred_name: 'Preferred name',
  professional_id: 'Professional',
  pupil_id: 'Pupil',
  reason: 'Reason for referral',
  recorded_at: 'Recorded',
  recorded_by: 'Recorded by',
  referred_on: 'Referral received',
  referring_school_id: 'Referring school',
  reintegration_from: 'Phased return from',
  relationship: 'Relationship',
  removed_at: 'Removed',
  reply_days_call: 'Working days to answer a phone call',
  reply_days_email: 'Working days to answer an email',
  role: 'Role',
  roles: 'Roles',
  school_holidays_count: 'School holidays count as working days',
  school_id: 'School',
  scores: 'Scores',
  sen_status: 'SEN status',
  senco_name: 'SENCo',
  seq: 'Number',
  staff_id: 'Member of staff',
  session: 'Session',
  start_date: 'Start date',
  starts_at: 'Register opens at',
  starts_on: 'First day',
  step: 'Step',
  summary: 'Summary',
  suspensions: 'Suspensions',
  taken_on: 'Completed on',
  tried: 'What has been tried',
  updated_at: 'Last changed',
  upn: 'UPN',
  username: 'Username',
  virtual_school_contact: 'Virtual School contact',
  with_name: 'Name',
  with_whom: 'With',
  year_group_offset: 'Year group (taught out of year)',
};

/** A column as staff would name it: `date_of_birth` → "Date of birth". */
export function auditFieldLabel(column: string): string {
  const label = FIELD_LABELS[column];
  if (label) return label;
  const words = column.replace(/_id$/, '').replace(/_/g, ' ');
  return `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`;
}

/** Columns that hold an id of another record (or of the record itself). */
const ID_FIELDS = new Set([
  'id',
  'assigned_by',
  'base_id',
  'corrected_by',
  'done_by',
  'entry_id',
  'event_id',
  'home_school_id',
  'owner_id',
  'placement_id',
  'professional_id',
  'pupil_id',
  'recorded_by',
  'referring_school_id',
  'school_id',
  'staff_id',
]);
/** Columns stored as 0 or 1. */
const YES_NO_FIELDS = new Set(['child_in_care', 'has_pep', 'is_demo', 'needs_reply', 'parental_responsibility', 'school_holidays_count']);

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/** Every id an entry mentions, for the core to name (one lookup for a whole page). */
export function idsInEntry(entry: Pick<AuditEntry, 'entityId' | 'pupilId' | 'before' | 'after' | 'detail'>): string[] {
  const ids = new Set<string>();
  if (entry.entityId) ids.add(entry.entityId);
  if (entry.pupilId) ids.add(entry.pupilId);
  for (const values of [entry.before, entry.after]) {
    for (const [field, value] of Object.entries(values ?? {})) if (ID_FIELDS.has(field) && typeof value === 'string') ids.add(value);
  }
  for (const id of entry.detail?.match(UUID) ?? []) ids.add(id);
  return [...ids];
}

const label = <K extends string>(labels: Record<K, string>, value: unknown): string | null =>
  typeof value === 'string' && value in labels ? labels[value as K] : null;

/** Roles as stored (a JSON list) in words: ["teacher","manager"] → "Teacher, Manager". */
function rolesText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const roles = JSON.parse(value) as unknown;
    return Array.isArray(roles) ? roles.map((r) => label(ROLE_LABELS, r) ?? String(r)).join(', ') : null;
  } catch {
    return null;
  }
}

/** Follow-up weeks (JSON) in words: "2, 6 and 12 weeks". */
function weeksText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const weeks = JSON.parse(value) as unknown;
    return Array.isArray(weeks) ? `${weeksList(weeks.map(Number))} weeks` : null;
  } catch {
    return null;
  }
}

/** A measure's scores (JSON) in words: "emotional 4, conduct 3, ...". */
function scoresText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const scores = JSON.parse(value) as unknown;
    if (typeof scores !== 'object' || scores === null) return null;
    return Object.entries(scores)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k} ${String(v)}`)
      .join(', ');
  } catch {
    return null;
  }
}

/** A timetable's phases (JSON) in words: "2 from week 13; 3 from week 19". */
function phasesText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const phases = JSON.parse(value) as unknown;
    if (!Array.isArray(phases)) return null;
    return phases.map((p: { fromWeek?: unknown; homeDays?: unknown }) => `${String(p.homeDays)} from week ${String(p.fromWeek)}`).join('; ');
  } catch {
    return null;
  }
}

/** The name of a record that is no longer on file: never its bare id. */
export const REMOVED_RECORD = '(a record no longer on file)';

/** A value as staff read it: a name for an id, dd/mm/yyyy for a day, a label for a code. */
export function auditValueText(field: string, value: unknown, names: AuditNames): string {
  // No phases of its own: the placement follows the Key's usual pattern.
  if (field === 'phases' && (value === null || value === undefined)) return "(the Key's usual pattern)";
  if (value === null || value === undefined || value === '') return '(empty)';
  if (ID_FIELDS.has(field) && typeof value === 'string') return names[value] ?? REMOVED_RECORD;
  if (YES_NO_FIELDS.has(field)) return value === 1 || value === true ? 'Yes' : 'No';
  const worded =
    (field === 'sen_status' && label(SEN_STATUS_LABELS as Record<SenStatus, string>, value)) ||
    (field === 'pathway' && label(PATHWAY_LABELS as Record<Pathway, string>, value)) ||
    (field === 'outcome' && label(OUTCOME_LABELS as Record<Outcome, string>, value)) ||
    (field === 'step' && label(PLACEMENT_STEP_LABELS as Record<PlacementStep, string>, value)) ||
    (field === 'kind' && label(CLOSURE_KIND_LABELS as Record<ClosureKind, string>, value)) ||
    (field === 'contact_type' && label(LOG_KIND_LABELS as Record<LogKind, string>, value)) ||
    (field === 'with_whom' && label(WITH_WHOM_LABELS as Record<WithWhom, string>, value)) ||
    (field === 'role' && label(PROFESSIONAL_ROLE_LABELS as Record<ProfessionalRole, string>, value)) ||
    (field === 'going' && label(GOING_LABELS as Record<Going, string>, value)) ||
    (field === 'measure' && label(MEASURE_KIND_LABELS as Record<MeasureKind, string>, value)) ||
    (field === 'point' && label(MEASURE_POINT_LABELS as Record<MeasurePoint, string>, value)) ||
    (field === 'scores' && scoresText(value)) ||
    (field === 'follow_up_weeks' && weeksText(value)) ||
    (field === 'decision' && typeof value === 'string' && `${value[0]!.toUpperCase()}${value.slice(1)}`) ||
    (field === 'home_school_day' && typeof value === 'number' && WEEKDAY_LABELS[value as Weekday]) ||
    (field === 'academic_year' && typeof value === 'number' && academicYearText(value)) ||
    (field === 'roles' && rolesText(value)) ||
    (field === 'phases' && phasesText(value));
  if (worded) return worded;
  if (typeof value === 'string') {
    if (ISO_DAY.test(value)) return formatUkDate(value);
    if (ISO_TIME.test(value)) return formatUkDateTime(value);
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** An academic year as staff write it: 2026 → "2026/27". */
export const academicYearText = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

/** One line of an entry's values: a field, its value before and after in words, and whether it changed. */
export interface AuditValueRow {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
  changed: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * An entry's values in words, field by field. The record's own id is left out: the entry already
 * names the record, and an id means nothing to staff.
 */
export function auditValueRows(entry: Pick<AuditEntry, 'before' | 'after'>, names: AuditNames): AuditValueRow[] {
  const { before, after } = entry;
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((f) => f !== 'id');
  return fields.map((field) => ({
    field,
    label: auditFieldLabel(field),
    before: before ? auditValueText(field, before[field], names) : null,
    after: after ? auditValueText(field, after[field], names) : null,
    changed: !!before && !!after && !same(before[field], after[field]),
  }));
}

/** An entry's free-text detail with any id in it named ("this PC's base: Parkgate"). */
export const auditDetailText = (detail: string | null, names: AuditNames): string | null =>
  detail === null ? null : detail.replace(UUID, (id) => names[id] ?? REMOVED_RECORD);

/** Values as one cell of a spreadsheet: "Field: value" a line each. */
export const auditValuesCell = (rows: AuditValueRow[], side: 'before' | 'after'): string =>
  rows
    .filter((row) => row[side] !== null)
    .map((row) => `${row.label}: ${row[side]}`)
    .join('\n');

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/** A pupil's name from their row's values, as the pupil list shows it. */
function pupilNameIn(values: Record<string, unknown>): string | null {
  const first = text(values.preferred_name) ?? text(values.legal_first_name);
  const last = text(values.legal_last_name);
  return first && last ? `${first} ${last}` : null;
}

/**
 * What an entry is about, named as staff know it: the pupil for anything about a pupil (their record,
 * contacts, referrals and placements), the member of staff, base or school by name, a half term or a
 * closure by its dates. Null for events about nobody in particular (sign-ins, exports).
 */
export function auditRecordName(entry: Pick<AuditEntry, 'entity' | 'entityId' | 'pupilId' | 'before' | 'after'>, names: AuditNames): string | null {
  const values = entry.after ?? entry.before ?? {};
  const named = (id: string | null) => (id ? names[id] : undefined);
  const pupil = named(entry.pupilId) ?? (entry.entity === 'pupils' ? pupilNameIn(values) : null) ?? (entry.pupilId ? REMOVED_RECORD : null);
  switch (entry.entity) {
    case null:
      return pupil;
    case 'pupils':
      return pupilNameIn(values) ?? pupil;
    case 'contacts':
      return `${text(values.name) ?? 'A contact'}, contact for ${pupil ?? REMOVED_RECORD}`;
    case 'placements':
    case 'placement_events':
    case 'register_marks':
    case 'log_entries':
    case 'log_corrections':
    case 'keyworker_assignments':
    case 'follow_up_findings':
    case 'referral_before':
    case 'support_plans':
    case 'semh_measures':
      return pupil;
    case 'pupil_professionals':
      return `${named(entry.entityId) ?? 'A professional'}, working with ${pupil ?? REMOVED_RECORD}`;
    case 'keywork_settings':
      return 'Keyworker log settings';
    case 'terms': {
      const year = Number(values.academic_year ?? entry.entityId);
      return `${text(values.name) ?? 'Half terms'} ${Number.isInteger(year) ? academicYearText(year) : ''}`.trim();
    }
    case 'closures': {
      const day = text(values.date) ?? entry.entityId;
      return [text(values.name), day ? formatUkDate(day) : null].filter(Boolean).join(', ');
    }
    case 'provision':
      return text(values.name) ?? 'The provision';
    default:
      // Bases, staff, schools and their link rows: the name the record had then, else its name now.
      return (entry.entity === 'bases' || entry.entity === 'staff' || entry.entity === 'schools' || entry.entity === 'professionals' ? text(values.name) : null) ?? named(entry.entityId) ?? REMOVED_RECORD;
  }
}
