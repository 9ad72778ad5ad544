import { z } from 'zod';

/**
 * The keyworker's record: the log (chronology) of every contact and action about a pupil, replies
 * owed, professionals outside the Key, and what follow-up visits found after the return.
 */

export const LOG_KINDS = ['phone-call', 'email', 'meeting', 'home-visit', 'school-visit', 'outreach', 'tac-meeting', 'mentoring', 'other'] as const;
export type LogKind = (typeof LOG_KINDS)[number];
export const LOG_KIND_LABELS: Record<LogKind, string> = {
  'phone-call': 'Phone call',
  email: 'Email',
  meeting: 'Meeting',
  'home-visit': 'Home visit',
  'school-visit': 'School visit',
  outreach: 'Outreach to the school',
  'tac-meeting': 'Team Around the Child meeting',
  mentoring: 'Mentoring session',
  other: 'Other',
};
/** Only an incoming call or email can need a reply (the response standards are for those). */
export const REPLY_KINDS = ['phone-call', 'email'] as const satisfies readonly LogKind[];
export type ReplyKind = (typeof REPLY_KINDS)[number];
export const isReplyKind = (kind: LogKind): kind is ReplyKind => (REPLY_KINDS as readonly string[]).includes(kind);

export const WITH_WHOM = ['parent-carer', 'home-school', 'professional', 'pupil', 'other'] as const;
export type WithWhom = (typeof WITH_WHOM)[number];
export const WITH_WHOM_LABELS: Record<WithWhom, string> = {
  'parent-carer': 'Parent or carer',
  'home-school': 'Home school',
  professional: 'Professional',
  pupil: 'The pupil',
  other: 'Someone else',
};

/** What an entry says; a correction is a whole new set of these, with a reason. */
export interface LogContent {
  onDate: string;
  /** Local time, HH:MM. */
  atTime: string;
  kind: LogKind;
  withWhom: WithWhom;
  /** The person's name as staff wrote it ("Mrs Shah (mum)"). */
  withName: string | null;
  professionalId: string | null;
  professionalName: string | null;
  /** For outreach and school visits: the school it was for (by default the pupil's home school). */
  schoolId: string | null;
  schoolName: string | null;
  summary: string;
}

/** One version of an entry: the original (reason null) or a correction. */
export interface LogVersion extends LogContent {
  /** Why it was corrected; null for the original. */
  reason: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface LogEntry {
  id: string;
  pupilId: string;
  pupilName: string;
  /** The original first, then each correction in order: the last is what the entry says now. */
  versions: LogVersion[];
  current: LogVersion;
  needsReply: boolean;
  dueOn: string | null;
  ownerId: string | null;
  ownerName: string | null;
  doneOn: string | null;
  doneBy: string | null;
}

/** An entry's reply in words for the chronology: "Reply due 05/05/2026", "Replied 01/05/2026". */
export type ReplyState = 'none' | 'done' | 'overdue' | 'due-today' | 'due';
export function replyState(entry: Pick<LogEntry, 'needsReply' | 'dueOn' | 'doneOn'>, today: string): ReplyState {
  if (!entry.needsReply || !entry.dueOn) return 'none';
  if (entry.doneOn) return 'done';
  if (entry.dueOn < today) return 'overdue';
  return entry.dueOn === today ? 'due-today' : 'due';
}

/** What one person owes: replies due today, overdue, still to come, and recently done. */
export interface MyActions {
  overdue: LogEntry[];
  dueToday: LogEntry[];
  upcoming: LogEntry[];
  /** Done in the last 30 days, newest first. */
  done: LogEntry[];
}

export const PROFESSIONAL_ROLES = [
  'educational-psychologist',
  'cct',
  'semhl-outreach',
  'social-worker',
  'camhs',
  'virtual-school',
  'school-nurse',
  'other',
] as const;
export type ProfessionalRole = (typeof PROFESSIONAL_ROLES)[number];
export const PROFESSIONAL_ROLE_LABELS: Record<ProfessionalRole, string> = {
  'educational-psychologist': 'Educational psychologist',
  cct: 'Complex Communication Team (CCT)',
  'semhl-outreach': 'SEMHL outreach',
  'social-worker': 'Social worker',
  camhs: 'CAMHS',
  'virtual-school': 'Virtual School',
  'school-nurse': 'School nurse',
  other: 'Other',
};

export interface Professional {
  id: string;
  name: string;
  role: ProfessionalRole;
  organisation: string | null;
  phone: string | null;
  email: string | null;
  /** How many pupils they are linked to (those the caller may see). */
  pupilCount: number;
}

export interface KeyworkerAssignment {
  staffId: string;
  staffName: string;
  fromDate: string;
  reason: string | null;
  assignedBy: string;
  assignedAt: string;
}

/** A placement's keyworker now and before, and who could be chosen (staff at its base). */
export interface PlacementKeyworker {
  placementId: string;
  baseName: string | null;
  current: KeyworkerAssignment | null;
  /** Newest first. */
  history: KeyworkerAssignment[];
  candidates: Array<{ id: string; name: string }>;
}

/** How the return is going, as the follow-up visit found it: a short scale, best first. */
export const GOING_SCALE = ['going-well', 'mostly-well', 'some-concerns', 'not-going-well'] as const;
export type Going = (typeof GOING_SCALE)[number];
export const GOING_LABELS: Record<Going, string> = {
  'going-well': 'Going well',
  'mostly-well': 'Mostly going well',
  'some-concerns': 'Some concerns',
  'not-going-well': 'Not going well',
};

/** What a follow-up visit found, as the home school reported it. */
export interface FollowUpFindings {
  attendancePercent: number | null;
  suspensions: number | null;
  going: Going | null;
  actionsAgreed: string | null;
}

export interface FollowUpVisit extends FollowUpFindings {
  eventId: string;
  on: string;
  notes: string | null;
  recordedBy: string | null;
}

/** From the referral: the term before the placement, for before / during / after. */
export interface BeforeFigures {
  attendancePercent: number | null;
  suspensions: number | null;
  recordedBy: string | null;
  recordedAt: string;
}

export interface KeyworkSettings {
  replyDaysCall: number;
  replyDaysEmail: number;
  /** Whether school holidays count as working days for replies (weekends and bank holidays never do). */
  schoolHolidaysCount: boolean;
  /** Follow-up visits after a placement ends, in weeks: [2, 6, 12]. */
  followUpWeeks: number[];
}

export const DEFAULT_KEYWORK_SETTINGS: KeyworkSettings = { replyDaysCall: 2, replyDaysEmail: 10, schoolHolidaysCount: true, followUpWeeks: [2, 6, 12] };

export const replyDaysFor = (kind: ReplyKind, settings: Pick<KeyworkSettings, 'replyDaysCall' | 'replyDaysEmail'>) =>
  kind === 'phone-call' ? settings.replyDaysCall : settings.replyDaysEmail;

export const percentSchema = (label: string) =>
  z
    .number({ error: `Enter ${label} as a number from 0 to 100.` })
    .min(0, `${label[0]!.toUpperCase()}${label.slice(1)} cannot be below 0%.`)
    .max(100, `${label[0]!.toUpperCase()}${label.slice(1)} cannot be above 100%.`)
    .nullable()
    .optional();

export const suspensionsSchema = (label: string) =>
  z
    .number({ error: `Enter ${label} as a whole number.` })
    .int(`Enter ${label} as a whole number.`)
    .min(0, `${label[0]!.toUpperCase()}${label.slice(1)} cannot be below 0.`)
    .max(200, `${label[0]!.toUpperCase()}${label.slice(1)} can be at most 200.`)
    .nullable()
    .optional();

export const followUpWeeksSchema = z
  .array(z.number({ error: 'Each follow-up is a number of weeks.' }).int('Each follow-up is a whole number of weeks.').min(1, 'A follow-up is at least 1 week after the end.').max(104, 'A follow-up is at most 104 weeks after the end.'), {
    error: 'Enter the follow-up weeks.',
  })
  .min(1, 'Enter at least one follow-up week.')
  .max(10, 'At most 10 follow-up visits.')
  .refine((weeks) => weeks.every((w, i) => i === 0 || w > weeks[i - 1]!), 'List the follow-up weeks from first to last, each once.');
