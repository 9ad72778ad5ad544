import type { PlacementStatus } from '../../../shared/domain/placements';
import type { PupilSummary } from '../../../shared/domain/pupil-record';
import type { PrimaryKeyStage } from '../../../shared/domain/pupils';

/** What the pupil list is narrowed by: typed text and four choices, each null (or '') for "any". */
export interface PupilCriteria {
  search: string;
  baseId: string | null;
  status: PlacementStatus | 'none' | null;
  keyStage: PrimaryKeyStage | null;
  homeSchoolId: string | null;
}

export const NO_CRITERIA: PupilCriteria = { search: '', baseId: null, status: null, keyStage: null, homeSchoolId: null };

export function hasCriteria(c: PupilCriteria): boolean {
  return c.search.trim() !== '' || c.baseId !== null || c.status !== null || c.keyStage !== null || c.homeSchoolId !== null;
}

/** Lower case, accents off ("Zoë" matches "zoe"), runs of spaces as one. */
export function normalise(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\s+/g, ' ');
}

// Built once per summary object, not once per keystroke: the list query hands back the same objects
// until it refetches, so typing only pays for the `includes` below.
const haystacks = new WeakMap<PupilSummary, string>();

function haystackOf(p: PupilSummary): string {
  let text = haystacks.get(p);
  if (text === undefined) {
    // \u0001 between fields so a search never matches across two of them.
    text = [p.name, p.legalName, p.upn ?? '', p.homeSchoolName ?? '', p.baseName ?? ''].map(normalise).join('\u0001');
    haystacks.set(p, text);
  }
  return text;
}

/**
 * The pupils that match every criterion, in the order given. The search matches each word typed
 * anywhere in the name (preferred or legal), the UPN or the home school's name, so "jo park" finds
 * Jo Bloggs at Parkgate. Criteria left out count as "any". A pure function: the list page and the benchmark both call it.
 */
export function filterPupils(list: readonly PupilSummary[], criteria: Partial<PupilCriteria>): PupilSummary[] {
  const words = normalise(criteria.search ?? '').split(' ').filter(Boolean);
  // Left out or null: any.
  const { baseId, status, keyStage, homeSchoolId } = criteria;
  const out: PupilSummary[] = [];
  for (const p of list) {
    if (baseId != null && p.baseId !== baseId) continue;
    if (status != null && p.status !== status) continue;
    if (keyStage != null && p.keyStage !== keyStage) continue;
    if (homeSchoolId != null && p.homeSchoolId !== homeSchoolId) continue;
    if (words.length > 0) {
      const hay = haystackOf(p);
      if (!words.every((w) => hay.includes(w))) continue;
    }
    out.push(p);
  }
  return out;
}
