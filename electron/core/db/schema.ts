import type { ColumnType, Generated } from 'kysely';

/** Row types exactly as the tables hold them (see migrations). Domain types live in shared/. */
export interface DbProvision {
  id: number;
  name: string;
  is_demo: number;
  created_at: string;
  /** Has a default (5), so inserts may leave it out. */
  auto_lock_minutes: ColumnType<number, number | undefined, number>;
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

export interface DbPupil {
  id: string;
  legal_first_name: string;
  legal_last_name: string;
  preferred_name: string | null;
  date_of_birth: string;
  created_at: string;
}

export interface DbPlacement {
  id: string;
  pupil_id: string;
  base_id: string;
  start_date: string;
  end_date: string | null;
  created_at: string;
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

export interface DbSchema {
  provision: DbProvision;
  bases: DbBase;
  base_key_stages: DbBaseKeyStage;
  pupils: DbPupil;
  placements: DbPlacement;
  staff: DbStaff;
  staff_bases: DbStaffBase;
  audit_log: DbAuditLog;
}
