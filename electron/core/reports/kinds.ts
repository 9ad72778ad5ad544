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

export interface PassportSection {
  heading: string;
  /** What the plan says, shortened to fit the page when long; the plain words for "nothing here" otherwise. */
  text: string;
  /** True when the plan says nothing here (drawn in grey). */
  empty: boolean;
}

export interface PassportData {
  pupilName: string;
  yearGroup: string;
  homeSchoolName: string;
  baseName: string;
  keyworkerName: string;
  /** "My Support Plan version 2, reviewed 12/11/2026"; null without a plan. */
  planSource: string | null;
  /** Body text size in points: smaller for a long plan, so the passport stays on one page. */
  fontSize: number;
  /** True when any section was shortened to fit. */
  shortened: boolean;
  sections: PassportSection[];
  producedAt: string;
}

/** One labelled bar of a chart; `text` is printed beside it, so the chart reads without colour. */
export interface ReportBar {
  label: string;
  value: number;
  text: string;
}

/** A horizontal bar chart: groups of bars (one group per measure), each bar drawn in its series' pattern. */
export interface ReportBarChart {
  title: string;
  /** The top of the value axis (100 for percentages). */
  max: number;
  /** Names of the series in each group, in order ("Before", "During", "After"); the legend. */
  series: string[];
  groups: Array<{ label: string; bars: Array<{ value: number | null; text: string }> }>;
}

export interface ReportTable {
  columns: string[];
  rows: string[][];
  /** Columns after the first are right-aligned numbers unless listed here. */
  textColumns?: number[];
}

export interface ImpactSection {
  heading: string;
  /** What is counted and how, in a sentence or two. */
  intro: string;
  /** The headline figures. */
  figures: Array<{ label: string; value: string }>;
  chart: ReportBarChart | null;
  table: ReportTable | null;
  /** Said plainly instead of figures when the section has no data. */
  empty: string | null;
  notes: string[];
}

export interface ImpactData {
  /** "Parkgate" or "All bases". */
  scopeName: string;
  /** "2026-27". */
  yearLabel: string;
  /** "01/09/2026 to 31/08/2027", or to today while the year runs. */
  period: string;
  producedAt: string;
  sections: ImpactSection[];
}

export interface ReportKinds {
  'fire-list': FireListData;
  reintegration: ReintegrationData;
  passport: PassportData;
  impact: ImpactData;
}

export type ReportKind = keyof ReportKinds;
