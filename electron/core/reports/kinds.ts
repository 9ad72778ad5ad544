/**
 * The reports the PDF worker can draw, and the plain data each is drawn from. The core builds the data
 * (never the UI); the worker turns it into a document. No React here: the core's thread imports this.
 */
import type { ReintegrationData } from './reintegration-data';

export type { ReintegrationData } from './reintegration-data';

export interface FireListPupil {
  name: string;
  /** "Year 9", "Reception". */
  yearGroup: string;
  /** What the register says: "Present", "Late (12 min)"; empty while not yet marked. */
  mark: string;
  homeSchoolName: string | null;
}

export interface FireListStaff {
  name: string;
  roles: string;
}

export interface FireListData {
  baseName: string;
  /** dd/mm/yyyy HH:MM, the classroom clock. */
  producedAt: string;
  /** "Morning (AM), register from 09:00"; null when there is no register today. */
  session: string | null;
  /** Why there is no register today (a weekend, a holiday); null on a school day. */
  noSchool: string | null;
  /** Marked present or late in this session's register. */
  onSite: FireListPupil[];
  /** Expected at the Key this session but not marked yet. */
  notYetMarked: FireListPupil[];
  /** Marked with an absence or off-site code: counted, not listed. */
  notOnSite: number;
  /** Signed in to Key Desk on this PC. */
  signedIn: FireListStaff[];
  /** The other staff who work at this base: Key Desk does not record who is in the building. */
  baseStaff: FireListStaff[];
}

export interface ReportKinds {
  'fire-list': FireListData;
  reintegration: ReintegrationData;
}

export type ReportKind = keyof ReportKinds;
