import { formatUkDate } from './dates';
import {
  ABOUT_ME_FIELDS,
  ABOUT_ME_LABELS,
  NEED_AREA_LABELS,
  NEED_AREAS,
  VIEW_FIELDS,
  VIEW_LABELS,
  type PlanContent,
  type PlanOutcome,
  type Provision,
} from './plans';

/** One difference between two versions of a plan, in the words the plan itself uses. */
export interface PlanChange {
  /** "About me", "Views", "Needs", or the outcome it concerns: "Outcome: Stays in class for…". */
  section: string;
  /** The field's label ("My strengths", "Success criteria", "Provision"). */
  field: string;
  kind: 'added' | 'removed' | 'changed';
  /** The text before (null when added). */
  before: string | null;
  /** The text after (null when removed). */
  after: string | null;
}

const clean = (text: string | null | undefined) => (text ?? '').trim();

function compareText(section: string, field: string, before: string, after: string): PlanChange[] {
  const a = clean(before);
  const b = clean(after);
  if (a === b) return [];
  if (a === '') return [{ section, field, kind: 'added', before: null, after: b }];
  if (b === '') return [{ section, field, kind: 'removed', before: a, after: null }];
  return [{ section, field, kind: 'changed', before: a, after: b }];
}

/** A line of provision as one sentence: "Lego therapy · Mrs Khan · twice a week · nurture room · from 07/09/2026". */
export function provisionText(p: Provision): string {
  return [p.what, p.who, p.howOften, p.where, p.fromDate ? `from ${formatUkDate(p.fromDate)}` : '']
    .map(clean)
    .filter(Boolean)
    .join(' · ');
}

function compareOutcome(before: PlanOutcome, after: PlanOutcome): PlanChange[] {
  const section = `Outcome: ${clean(after.what)}`;
  const changes = [
    ...compareText(section, 'The outcome', before.what, after.what),
    ...compareText(section, 'Area of need', NEED_AREA_LABELS[before.area], NEED_AREA_LABELS[after.area]),
    ...compareText(section, 'Success criteria', before.successCriteria, after.successCriteria),
    ...compareText(section, 'Target date', formatUkDate(before.targetDate), formatUkDate(after.targetDate)),
  ];
  const earlier = new Map(before.provision.map((p) => [p.id, p]));
  const later = new Set(after.provision.map((p) => p.id));
  for (const p of after.provision) {
    const was = earlier.get(p.id);
    changes.push(...compareText(section, 'Provision', was ? provisionText(was) : '', provisionText(p)));
  }
  for (const p of before.provision) {
    if (!later.has(p.id)) changes.push({ section, field: 'Provision', kind: 'removed', before: provisionText(p), after: null });
  }
  return changes;
}

/**
 * What changed from one version of a plan to the next, in the order the plan reads: about me, views,
 * needs (SEMH first), then each outcome (matched by id, so a reworded outcome is a change, not a
 * removal and an addition) with its provision. Whitespace at the ends of a field does not count.
 */
export function comparePlanVersions(prev: PlanContent, next: PlanContent): PlanChange[] {
  const changes: PlanChange[] = [
    ...ABOUT_ME_FIELDS.flatMap((f) => compareText('About me', ABOUT_ME_LABELS[f], prev.aboutMe[f], next.aboutMe[f])),
    ...VIEW_FIELDS.flatMap((f) => compareText('Views', VIEW_LABELS[f], prev.views[f], next.views[f])),
    ...NEED_AREAS.flatMap((a) => compareText('Needs', NEED_AREA_LABELS[a], prev.needs[a], next.needs[a])),
  ];
  const earlier = new Map(prev.outcomes.map((o) => [o.id, o]));
  const later = new Set(next.outcomes.map((o) => o.id));
  for (const outcome of next.outcomes) {
    const was = earlier.get(outcome.id);
    if (was) changes.push(...compareOutcome(was, outcome));
    else changes.push({ section: `Outcome: ${clean(outcome.what)}`, field: 'The outcome', kind: 'added', before: null, after: clean(outcome.what) });
  }
  for (const outcome of prev.outcomes) {
    if (!later.has(outcome.id)) changes.push({ section: `Outcome: ${clean(outcome.what)}`, field: 'The outcome', kind: 'removed', before: clean(outcome.what), after: null });
  }
  return changes;
}
