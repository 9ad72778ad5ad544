import { formatUkDate } from '../../../shared/domain/dates';
import {
  OUTCOME_LABELS,
  WEEKDAY_LABELS,
  type Placement,
  type PlacementEvent,
  type PlacementStep,
} from '../../../shared/domain/placements';

/** What staff can do next to a placement; each opens its own form. */
export type ActionKind = 'decide' | 'visits' | 'start' | 'end' | 'withdraw' | 'follow-up';

export interface Action {
  kind: ActionKind;
  label: string;
}

const DECIDE: Action = { kind: 'decide', label: 'Record panel decision' };
const VISITS: Action = { kind: 'visits', label: 'Record visits' };
const START: Action = { kind: 'start', label: 'Agree start date' };
const CHANGE_START: Action = { kind: 'start', label: 'Change start date' };
const CHANGE_TIMETABLE: Action = { kind: 'start', label: 'Change timetable' };
const END: Action = { kind: 'end', label: 'End placement' };
const WITHDRAW: Action = { kind: 'withdraw', label: 'Withdraw referral' };
const FOLLOW_UP: Action = { kind: 'follow-up', label: 'Add follow-up visit' };

export const visitsRecorded = (p: Placement) => !!(p.keyVisitOn || p.keyVisitSkipped) && !!(p.homeVisitOn || p.homeVisitSkipped);

/**
 * The next step for a placement (shown as the main button) and anything else that may be done now.
 * The core still checks each transition; this only offers the ones that make sense.
 */
export function actionsFor(p: Placement): { next: Action | null; others: Action[] } {
  switch (p.status) {
    case 'referred':
    case 'deferred':
      // The school may withdraw a referral before the panel decides (or after it deferred).
      return { next: DECIDE, others: [WITHDRAW] };
    case 'accepted':
      return visitsRecorded(p) ? { next: START, others: [VISITS, WITHDRAW] } : { next: VISITS, others: [START, WITHDRAW] };
    case 'start-agreed':
      return { next: null, others: [CHANGE_START, WITHDRAW] };
    case 'placed':
    case 'reintegrating':
      return { next: END, others: [CHANGE_TIMETABLE] };
    case 'ended':
      // A referral withdrawn before the start has nothing to follow up.
      return { next: p.startDate ? FOLLOW_UP : null, others: [] };
    case 'declined':
      return { next: null, others: [] };
  }
}

export type StepState = 'done' | 'next' | 'later' | 'not-reached';

export const STEP_STATE_LABELS: Record<StepState, string> = {
  done: 'Done',
  next: 'Next',
  later: 'Later',
  'not-reached': 'Not reached',
};

export interface LifecycleStep {
  key: string;
  title: string;
  state: StepState;
  /** The day the step happened (or is planned for). */
  date: string | null;
  /** Who recorded it, and when, from the placement's history. */
  recorded: { by: string | null; at: string } | null;
  lines: string[];
}

/** The most recent history entry for any of `steps`. */
function latest(events: readonly PlacementEvent[], steps: readonly PlacementStep[]): PlacementEvent | undefined {
  return events.filter((e) => steps.includes(e.step)).at(-1);
}

const recordedFrom = (event: PlacementEvent | undefined) => (event ? { by: event.recordedBy, at: event.recordedAt } : null);

function visitLine(what: string, on: string | null, skipped: string | null): string {
  if (on) return `${what}: ${formatUkDate(on)}`;
  if (skipped) return `${what}: skipped (${skipped})`;
  return `${what}: not recorded yet`;
}

/**
 * The placement's lifecycle as steps: referral, panel, visits, start agreed, placed, reintegrating,
 * ended. Placed and reintegrating follow from the dates and today; the rest from what was recorded.
 */
export function lifecycleSteps(p: Placement, today: string): LifecycleStep[] {
  const closed = p.status === 'ended' || p.status === 'declined';
  const started = !!p.startDate && p.startDate <= today && (p.endDate === null || p.startDate <= p.endDate);
  const reintegrating = started && !!p.reintegrationFrom && p.reintegrationFrom <= today && (!p.endDate || p.reintegrationFrom <= p.endDate);
  const accepted = p.decision === 'accepted';

  const steps: Array<Omit<LifecycleStep, 'state'> & { done: boolean }> = [
    {
      key: 'referral',
      title: 'Referral received',
      done: true,
      date: p.referredOn,
      recorded: recordedFrom(latest(p.events, ['referred'])),
      lines: [`From ${p.referringSchoolName}`, `Reason: ${p.reason}`, ...(p.tried ? [`Tried: ${p.tried}`] : [])],
    },
    {
      key: 'panel',
      title:
        p.decision === 'accepted'
          ? `Panel decision: accepted${p.baseName ? ` at ${p.baseName}` : ''}`
          : p.decision === 'declined'
            ? 'Panel decision: declined'
            : p.decision === 'deferred'
              ? 'Panel decision: deferred'
              : 'Panel decision',
      done: p.decision === 'accepted' || p.decision === 'declined',
      date: p.decidedOn,
      recorded: recordedFrom(latest(p.events, ['accepted', 'declined', 'deferred'])),
      lines: [
        ...(p.decision === 'deferred' ? ['The panel will look at the referral again.'] : []),
        ...(p.decisionNotes ? [`Notes: ${p.decisionNotes}`] : []),
      ],
    },
    {
      key: 'visits',
      title: 'Visit to the Key and home visit',
      done: visitsRecorded(p),
      date: null,
      recorded: recordedFrom(latest(p.events, ['key-visit', 'key-visit-skipped', 'home-visit', 'home-visit-skipped'])),
      lines: accepted
        ? [visitLine('Visit to the Key', p.keyVisitOn, p.keyVisitSkipped), visitLine('Home visit', p.homeVisitOn, p.homeVisitSkipped)]
        : [],
    },
    {
      key: 'start',
      title: 'Start date agreed',
      done: !!p.startDate,
      // The day it was agreed; the start itself is in the line below and on the next step.
      date: p.startDate ? (latest(p.events, ['start-agreed', 'start-changed'])?.on ?? null) : null,
      recorded: recordedFrom(latest(p.events, ['start-agreed', 'start-changed'])),
      lines: p.startDate ? [`Starts ${formatUkDate(p.startDate)}; home-school day ${WEEKDAY_LABELS[p.homeSchoolDay]}`] : [],
    },
    {
      key: 'placed',
      title: p.baseName ? `Placed at ${p.baseName}` : 'Placed',
      done: started,
      date: p.startDate,
      recorded: null,
      lines: [
        ...(p.plannedEnd ? [`Planned end ${formatUkDate(p.plannedEnd)}`] : []),
        ...(p.keyDays !== null ? [`${p.keyDays} Key days planned`] : []),
      ],
    },
    {
      key: 'reintegrating',
      title: 'Reintegrating: phased return',
      done: reintegrating,
      date: p.reintegrationFrom,
      recorded: null,
      lines: [],
    },
    {
      key: 'ended',
      title: 'Ended',
      done: !!p.endDate,
      date: p.endDate,
      recorded: recordedFrom(latest(p.events, ['ended'])),
      lines: [...(p.outcome ? [OUTCOME_LABELS[p.outcome]] : []), ...(p.outcomeNotes ? [`Notes: ${p.outcomeNotes}`] : [])],
    },
  ];
  // A declined referral stops at the panel; nothing after it happens.
  const shown = p.decision === 'declined' ? steps.slice(0, 2) : steps;
  const firstOpen = shown.findIndex((s) => !s.done);
  return shown.map(({ done, ...step }, i) => ({
    ...step,
    state: done ? 'done' : closed ? 'not-reached' : i === firstOpen ? 'next' : 'later',
  }));
}

/** Follow-up visits after the placement ended, oldest first. */
export const followUps = (p: Placement) => p.events.filter((e) => e.step === 'follow-up');

/** The open placement, if any: the pupil page lists newest first and a pupil has at most one. */
export const openPlacement = (placements: readonly Placement[]) =>
  placements.find((p) => p.status !== 'ended' && p.status !== 'declined') ?? null;
