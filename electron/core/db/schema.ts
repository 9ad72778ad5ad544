import type { ColumnType, Generated } from 'kysely';

/** Row types exactly as the tables hold them (see migrations). Domain types live in shared/. */
export interface DbProvision {
  id: number;
  name: string;
  is_demo: number;
  created_at: string;
  /** Has a default (5), so inserts may leave it out. */
  auto_lock_minutes: ColumnType<number, number | undefined, number>;
  /** What home schools enter for a session the pupil attended the Key (default K). */
  home_school_attended_code: ColumnType<string, string | undefined, string>;
}

export interface DbBase {
  id: string;
  name: string;
  host_school: string;
  places: number;
  created_at: string;
  updated_at: string;
}

export interface DbBaseKeyStage {
  base_id: string;
  key_stage: string;
}

/** Columns with a default: inserts may leave them out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface DbPupil {
  id: string;
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  created_at: string;
  gender: string | null;
  upn: string | null;
  year_group_offset: Defaulted<number>;
  home_school_id: string | null;
  sen_status: Defaulted<string>;
  child_in_care: Defaulted<number>;
  virtual_school_contact: string | null;
  has_pep: Defaulted<number>;
  pathway: Defaulted<string>;
  notes: string | null;
  updated_at: string;
}

export interface DbSchool {
  id: string;
  name: string;
  senco_name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  created_at: string;
  updated_at: string;
}

export interface DbContact {
  id: string;
  pupil_id: string;
  name: string;
  relationship: string;
  phone: string | null;
  email: string | null;
  parental_responsibility: number;
  created_at: string;
  updated_at: string;
}

/** One referral and the placement that may follow it (see migration 003 for the rules it keeps). */
export interface DbPlacement {
  id: string;
  pupil_id: string;
  referring_school_id: string;
  referred_on: string;
  reason: string;
  tried: string | null;
  decision: string | null;
  decided_on: string | null;
  decision_notes: string | null;
  base_id: string | null;
  key_visit_on: string | null;
  key_visit_skipped: string | null;
  home_visit_on: string | null;
  home_visit_skipped: string | null;
  start_date: string | null;
  home_school_day: Defaulted<number>;
  /** JSON [{fromWeek, homeDays}], or null for the Key's defaults. */
  phases: string | null;
  planned_end: string | null;
  reintegration_from: string | null;
  key_days: number | null;
  end_date: string | null;
  outcome: string | null;
  outcome_notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface DbPlacementEvent {
  id: string;
  placement_id: string;
  pupil_id: string;
  step: string;
  on_date: string;
  notes: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface DbTerm {
  academic_year: number;
  name: string;
  starts_on: string;
  ends_on: string;
}

export interface DbClosure {
  date: string;
  kind: string;
  name: string;
}

export interface DbStaff {
  id: string;
  name: string;
  username: string;
  /** JSON array of roles. */
  roles: string;
  created_at: string;
  updated_at: string;
  removed_at: string | null;
}

export interface DbStaffBase {
  staff_id: string;
  base_id: string;
}

export interface DbAuditLog {
  seq: Generated<number>;
  at: string;
  staff_id: string | null;
  staff_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  pupil_id: string | null;
  before: string | null;
  after: string | null;
  detail: string | null;
}

export interface DbBaseSession {
  base_id: string;
  session: string;
  starts_at: string;
  open_minutes: Defaulted<number>;
}

export interface DbRegister {
  n: Generated<number>;
  base_id: string;
  date: string;
  session: string;
  taken_at: string;
  taken_by: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
}

export interface DbRegisterPerson {
  n: Generated<number>;
  id: string;
}

export interface DbRegisterMark {
  register_n: number;
  pupil_n: number;
  placement_id: string;
  expected: number;
  code: string | null;
  minutes_late: number | null;
  marked_by: number | null;
  /** Seconds since 1970, UTC. */
  marked_at: number | null;
  note: string | null;
}

export interface DbRegisterAmendment {
  register_n: number;
  pupil_n: number;
  seq: number;
  old_code: string | null;
  old_minutes_late: number | null;
  new_code: string;
  new_minutes_late: number | null;
  reason: string;
  amended_by: string | null;
  amended_at: string;
}

export interface DbKeyworkSettings {
  id: number;
  reply_days_call: Defaulted<number>;
  reply_days_email: Defaulted<number>;
  school_holidays_count: Defaulted<number>;
  /** JSON list of weeks. */
  follow_up_weeks: Defaulted<string>;
}

export interface DbKeyworkerAssignment {
  id: string;
  placement_id: string;
  pupil_id: string;
  seq: number;
  staff_id: string;
  from_date: string;
  change_reason: string | null;
  assigned_by: string | null;
  assigned_at: string;
}

export interface DbProfessional {
  id: string;
  name: string;
  role: string;
  organisation: string | null;
  phone: string | null;
  email: string | null;
  created_at: string;
  updated_at: string;
}

export interface DbPupilProfessional {
  pupil_id: string;
  professional_id: string;
  linked_at: string;
}

export interface DbLogEntry {
  id: string;
  pupil_id: string;
  on_date: string;
  at_time: string;
  contact_type: string;
  with_whom: string;
  with_name: string | null;
  professional_id: string | null;
  school_id: string | null;
  summary: string;
  needs_reply: Defaulted<number>;
  due_on: string | null;
  owner_id: string | null;
  done_on: string | null;
  done_by: string | null;
  done_at: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface DbLogCorrection {
  entry_id: string;
  seq: number;
  pupil_id: string;
  on_date: string;
  at_time: string;
  contact_type: string;
  with_whom: string;
  with_name: string | null;
  professional_id: string | null;
  school_id: string | null;
  summary: string;
  correction_reason: string;
  corrected_by: string | null;
  corrected_at: string;
}

export interface DbFollowUpFindings {
  event_id: string;
  placement_id: string;
  pupil_id: string;
  attendance_percent: number | null;
  suspensions: number | null;
  going: string | null;
  actions_agreed: string | null;
}

export interface DbReferralBefore {
  placement_id: string;
  pupil_id: string;
  attendance_percent: number | null;
  suspensions: number | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface DbReportTexts {
  placement_id: string;
  pupil_id: string;
  recommendations: Defaulted<string>;
  needs_summary: Defaulted<string>;
  what_helped: Defaulted<string>;
  updated_by: string | null;
  updated_at: string;
}

export interface DbSupportPlan {
  id: string;
  placement_id: string;
  pupil_id: string;
  review_every_weeks: Defaulted<number>;
  created_by: string | null;
  created_at: string;
}

export interface DbPlanVersion {
  id: string;
  plan_id: string;
  number: number;
  status: Defaulted<string>;
  /** PlanContent as JSON. */
  content: string;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface DbPlanReview {
  id: string;
  plan_id: string;
  version_id: string;
  kind: string;
  held_on: string;
  attendees: string;
  pupil_view: Defaulted<string>;
  parent_view: Defaulted<string>;
  recorded_by: string | null;
  recorded_at: string;
}

export interface DbPlanReviewRating {
  review_id: string;
  outcome_id: string;
  kind: string;
  rating: number | null;
  evidence: Defaulted<string>;
  next_steps: Defaulted<string>;
  decision: string;
}

/** A report as issued: the data its PDF was drawn from, never changed. */
export interface DbIssuedReport {
  id: string;
  kind: string;
  placement_id: string | null;
  base_id: string | null;
  version: number;
  /** The report's data as JSON, exactly as drawn. */
  data: string;
  file_name: string;
  issued_by: string | null;
  issued_by_name: string;
  issued_at: string;
}

export interface DbSemhMeasure {
  id: string;
  pupil_id: string;
  placement_id: string;
  /** Which measure: sdq-teacher, sdq-parent, boxall, leuven. */
  measure: string;
  point: string;
  taken_on: string;
  /** The scores as JSON. */
  scores: string;
  completed_by: string | null;
  recorded_by: string | null;
  recorded_at: string;
}

export interface DbSchema {
  provision: DbProvision;
  bases: DbBase;
  base_key_stages: DbBaseKeyStage;
  pupils: DbPupil;
  placements: DbPlacement;
  placement_events: DbPlacementEvent;
  schools: DbSchool;
  contacts: DbContact;
  terms: DbTerm;
  closures: DbClosure;
  staff: DbStaff;
  staff_bases: DbStaffBase;
  audit_log: DbAuditLog;
  base_sessions: DbBaseSession;
  registers: DbRegister;
  register_people: DbRegisterPerson;
  register_marks: DbRegisterMark;
  register_amendments: DbRegisterAmendment;
  keywork_settings: DbKeyworkSettings;
  keyworker_assignments: DbKeyworkerAssignment;
  professionals: DbProfessional;
  pupil_professionals: DbPupilProfessional;
  log_entries: DbLogEntry;
  log_corrections: DbLogCorrection;
  follow_up_findings: DbFollowUpFindings;
  referral_before: DbReferralBefore;
  support_plans: DbSupportPlan;
  plan_versions: DbPlanVersion;
  plan_reviews: DbPlanReview;
  plan_review_ratings: DbPlanReviewRating;
  semh_measures: DbSemhMeasure;
  report_texts: DbReportTexts;
  issued_reports: DbIssuedReport;
}
