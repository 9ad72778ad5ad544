/**
 * The plain data a reintegration report is drawn from: built by the core from the database
 * (services/reintegration-report.ts), drawn by documents/reintegration.tsx. No React here.
 */
import type { ChartTable, WeeklyChart } from '../../../shared/domain/attendance-charts';
import type { OutcomeRatingsChart, SdqChart } from '../../../shared/domain/plan-charts';

/** A label and its words, as a row of a two-column table. */
export interface LabelledText {
  label: string;
  text: string;
}

export interface ReintegrationAttendance {
  /** Over the placement, from the registers; null with no sessions recorded yet. */
  figures: { possible: number; attended: number; percent: string } | null;
  chart: WeeklyChart;
  /** The term before the placement, from the referral's figures; null when not recorded. */
  before: { attendance: string; suspensions: string } | null;
}

export interface ReintegrationWeek {
  /** "Weeks 1–8" or "Week 9". */
  weeks: string;
  /** "07/09/2026 – 30/10/2026" */
  dates: string;
  /** Monday to Friday: "Key" or "Home school". */
  days: string[];
}

export interface ReintegrationData {
  pupilId: string;
  placementId: string;
  /** Legal names, for the file name ("Surname Firstname - ..."). */
  firstName: string;
  lastName: string;
  /** The pupil's full (legal) name, as the home school knows them: every page's header. */
  pupilName: string;
  /** dd/mm/yyyy HH:MM, the classroom clock. */
  producedAt: string;
  cover: LabelledText[];
  /** The current plan's needs, SEMH first, then the text written for the report. */
  needs: LabelledText[];
  /** What has helped: the plan's "about me" and the text written for the report. */
  helped: LabelledText[];
  /** Said plainly in place of the plan's sections when there is no plan. */
  noPlan: string | null;
  attendance: ReintegrationAttendance;
  /** Null when the plan has no rated review (see `outcomesNone`). */
  outcomes: OutcomeRatingsChart | null;
  outcomesNone: string | null;
  /** Teacher then parent; only those recorded. */
  sdq: SdqChart[];
  sdqNone: string | null;
  leuven: ChartTable | null;
  boxall: ChartTable | null;
  /** Empty while not written yet. */
  recommendations: string;
  timetable: ReintegrationWeek[];
  timetableNone: string | null;
  followUps: ChartTable | null;
  followUpsNone: string | null;
  signOff: Array<{ role: string; name: string }>;
}
