import { newId } from '../ids';
import type { ParsedInput } from '../../../shared/api/contract';
import type { PossibleDuplicate, PupilPage } from '../../../shared/api/specs/pupils';
import { formatUkDate } from '../../../shared/domain/dates';
import { isOpen, placementStatus, type PanelDecision } from '../../../shared/domain/placements';
import { dateOfBirthProblem, displayName, type Pupil, type PupilSummary } from '../../../shared/domain/pupil-record';
import { academicYearOf, taughtYearGroup, yearGroupOverrideProblem } from '../../../shared/domain/pupils';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { listContacts } from '../repositories/contacts';
import { listPupilPlacements } from '../repositories/placements';
import {
  findPupil,
  findPupilByUpn,
  insertPupil,
  listPlacementHeads,
  listPupils,
  pupilHasPlacementIn,
  pupilsBornOn,
  updatePupil,
  valuesOf,
  yearGroupsOn,
  type PlacementHead,
  type PupilName,
  type PupilValues,
} from '../repositories/pupils';
import { findSchool } from '../repositories/schools';
import { scopeAllowsBase, type PupilScope } from '../scope';

export type NewPupil = ParsedInput<'pupils.create'>;
type PupilChanges = ParsedInput<'pupils.update'>;
type PupilFields = Omit<NewPupil, 'allowDuplicate'>;

const NOT_KNOWN = 'That pupil is not one Key Desk knows.';

/** Names compared as staff would: case, accents' composition and stray spaces do not matter. */
export function nameKey(first: string, last: string, dateOfBirth: string): string {
  const fold = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
  return `${fold(first)}\u0000${fold(last)}\u0000${dateOfBirth}`;
}

export const nameOf = (p: PupilName) => displayName(p);

/** For the pupil form, where staff can confirm a different child; an import row just says it is on record. */
export function duplicateMessage(existing: PupilName | null, where: 'form' | 'import' = 'form'): string {
  const who = existing ? `${nameOf(existing)}, born ${formatUkDate(existing.dateOfBirth)}, is` : 'A pupil with this name and date of birth is';
  if (where === 'import') return `${who} already on record: remove this row, or add the child by hand if they are a different child.`;
  return `${who} already on record. Open that record instead, or confirm this is a different child.`;
}

export function upnClashMessage(other: PupilName | null): string {
  return other ? `That UPN is already on the record of ${nameOf(other)}.` : 'Another pupil already has that UPN.';
}

/**
 * The stored offset for a year group staff chose (null: back to the age rule). Throws, naming the
 * field, when the choice is further from the pupil's age group than the shared rule allows; an offset
 * already on record (`kept`) is left as it is, so a record entered under older rules stays editable.
 */
export function offsetForOverride(dateOfBirth: string, override: number | null, today: string, kept?: number): number {
  if (override === null) return 0;
  const offset = override - yearGroupsOn(dateOfBirth, 0, today).yearGroupByAge;
  if (offset === kept) return offset;
  const problem = yearGroupOverrideProblem(dateOfBirth, override, today);
  if (problem) throw new UserError('INVALID_INPUT', problem, 'yearGroupOverride');
  return offset;
}

export function checkDateOfBirth(dateOfBirth: string, today: string, taughtIn: number | null = null): void {
  const problem = dateOfBirthProblem(dateOfBirth, today, taughtIn);
  if (problem) throw new UserError('INVALID_INPUT', problem, 'dateOfBirth');
}

/** A teacher sees a pupil once any referral or placement of theirs is at one of the teacher's bases. */
export async function pupilInScope(db: Db, scope: PupilScope, pupilId: string): Promise<boolean> {
  return scope.all || (await pupilHasPlacementIn(db, pupilId, scope));
}

/** The pupil, if they exist and the caller may see them; otherwise NOT_FOUND, which does not reveal which. */
export async function requireVisiblePupil(db: Db, scope: PupilScope, id: string, today: string, field = 'id'): Promise<Pupil> {
  const pupil = await findPupil(db, id, today);
  if (!pupil || !(await pupilInScope(db, scope, id))) throw new UserError('NOT_FOUND', NOT_KNOWN, field);
  return pupil;
}

async function checkUpnFree(db: Db, scope: PupilScope, upn: string | null, exceptId?: string): Promise<void> {
  if (!upn) return;
  const other = await findPupilByUpn(db, upn);
  if (other && other.id !== exceptId) {
    const named = (await pupilInScope(db, scope, other.id)) ? other : null;
    throw new UserError('CONFLICT', upnClashMessage(named), 'upn');
  }
}

async function checkHomeSchool(db: Db, homeSchoolId: string | null): Promise<void> {
  if (homeSchoolId && !(await findSchool(db, homeSchoolId))) {
    throw new UserError('NOT_FOUND', 'That home school is not one Key Desk knows. Choose it from the list.', 'homeSchoolId');
  }
}

async function sameChildren(db: Db, first: string, last: string, dateOfBirth: string): Promise<PupilName[]> {
  const key = nameKey(first, last, dateOfBirth);
  return (await pupilsBornOn(db, dateOfBirth)).filter((p) => nameKey(p.legalFirstName, p.legalLastName, p.dateOfBirth) === key);
}

/** Pupils already on record with this legal name and date of birth, as far as the caller may see them. */
export async function findDuplicates(
  db: Db,
  scope: PupilScope,
  input: ParsedInput<'pupils.findDuplicates'>,
): Promise<PossibleDuplicate[]> {
  const found: PossibleDuplicate[] = [];
  for (const p of await sameChildren(db, input.legalFirstName, input.legalLastName, input.dateOfBirth)) {
    if (await pupilInScope(db, scope, p.id)) found.push({ id: p.id, name: nameOf(p), dateOfBirth: p.dateOfBirth });
  }
  return found;
}

/** Fields left out of a new record take the defaults the schema has. */
export function newPupilValues(input: PupilFields, yearGroupOffset: number): PupilValues {
  return {
    legalFirstName: input.legalFirstName,
    legalLastName: input.legalLastName,
    preferredName: input.preferredName ?? null,
    dateOfBirth: input.dateOfBirth,
    gender: input.gender ?? null,
    upn: input.upn ?? null,
    yearGroupOffset,
    homeSchoolId: input.homeSchoolId ?? null,
    senStatus: input.senStatus ?? 'none',
    childInCare: input.childInCare ?? false,
    // Kept even when the child is not in care: unticking "in care" by mistake loses nothing, and the
    // pupil page shows them only while the child is in care.
    virtualSchoolContact: input.virtualSchoolContact ?? null,
    hasPep: input.hasPep ?? false,
    pathway: input.pathway ?? 'early-intervention',
    notes: input.notes ?? null,
  };
}

export async function createPupil(db: Db, scope: PupilScope, input: NewPupil, today: string, now: string): Promise<Pupil> {
  const { allowDuplicate, yearGroupOverride, ...fields } = input;
  checkDateOfBirth(fields.dateOfBirth, today, yearGroupOverride ?? null);
  const offset = offsetForOverride(fields.dateOfBirth, yearGroupOverride ?? null, today);
  const id = newId();
  return db.transaction().execute(async (tx) => {
    await checkUpnFree(tx, scope, fields.upn ?? null);
    await checkHomeSchool(tx, fields.homeSchoolId ?? null);
    if (!allowDuplicate) {
      const [existing] = await sameChildren(tx, fields.legalFirstName, fields.legalLastName, fields.dateOfBirth);
      if (existing) {
        const named = (await pupilInScope(tx, scope, existing.id)) ? existing : null;
        throw new UserError('DUPLICATE', duplicateMessage(named), 'legalLastName');
      }
    }
    await insertPupil(tx, id, newPupilValues(fields, offset), now);
    return (await findPupil(tx, id, today)) as Pupil;
  });
}

/** Changes the fields given; the rest stay as they are. The year group offset survives a corrected date of birth. */
export async function changePupil(db: Db, scope: PupilScope, input: PupilChanges, today: string, now: string): Promise<Pupil> {
  const { id, yearGroupOverride, ...changes } = input;
  return db.transaction().execute(async (tx) => {
    const pupil = await requireVisiblePupil(tx, scope, id, today);
    const current = valuesOf(pupil);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<PupilValues>;
    const next: PupilValues = { ...current, ...defined };
    // A record entered years ago stays editable: only a changed date of birth is checked against today.
    if (yearGroupOverride !== undefined) next.yearGroupOffset = offsetForOverride(next.dateOfBirth, yearGroupOverride, today, current.yearGroupOffset);
    if (next.dateOfBirth !== current.dateOfBirth || yearGroupOverride !== undefined) {
      const taughtIn = next.yearGroupOffset === 0 ? null : taughtYearGroup(next.dateOfBirth, next.yearGroupOffset, academicYearOf(today));
      checkDateOfBirth(next.dateOfBirth, today, taughtIn);
    }
    if (next.upn !== current.upn) await checkUpnFree(tx, scope, next.upn, id);
    if (next.homeSchoolId !== current.homeSchoolId) await checkHomeSchool(tx, next.homeSchoolId);
    await updatePupil(tx, id, next, now);
    return (await findPupil(tx, id, today)) as Pupil;
  });
}

export async function getPupilPage(db: Db, scope: PupilScope, id: string, today: string): Promise<PupilPage> {
  const pupil = await requireVisiblePupil(db, scope, id, today);
  // A teacher sees the referrals and placements at their own bases, not why the pupil went elsewhere.
  const placements = (await listPupilPlacements(db, id, today)).filter((p) => scopeAllowsBase(scope, p.baseId));
  return { pupil, contacts: await listContacts(db, id), placements };
}

export interface ListedPupil {
  pupil: Pupil;
  summary: PupilSummary;
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

function summarise(pupil: Pupil, heads: readonly PlacementHead[], today: string): PupilSummary {
  // Heads come newest first: the open one if there is one, else the latest.
  const head = heads.find((h) => isOpen({ decision: h.decision as PanelDecision | null, endDate: h.endDate })) ?? heads[0];
  return {
    id: pupil.id,
    name: displayName(pupil),
    legalName: `${pupil.legalFirstName} ${pupil.legalLastName}`,
    dateOfBirth: pupil.dateOfBirth,
    yearGroup: pupil.yearGroup,
    keyStage: pupil.keyStage,
    upn: pupil.upn,
    homeSchoolId: pupil.homeSchoolId,
    homeSchoolName: pupil.homeSchoolName,
    status: head
      ? placementStatus({ decision: head.decision as PanelDecision | null, startDate: head.startDate, endDate: head.endDate, reintegrationFrom: head.reintegrationFrom }, today)
      : 'none',
    baseId: head?.baseId ?? null,
    baseName: head?.baseName ?? null,
    startDate: head?.startDate ?? null,
    endDate: head ? (head.endDate ?? head.plannedEnd) : null,
  };
}

/**
 * Every pupil the caller may see, by last name then first, with where each stands. Two queries
 * whatever the number of pupils: the list has to filter as staff type with 1,000 on record.
 */
export async function listVisiblePupils(db: Db, scope: PupilScope, today: string): Promise<ListedPupil[]> {
  const pupils = await listPupils(db, today);
  const heads = new Map<string, PlacementHead[]>();
  for (const head of await listPlacementHeads(db, scope)) {
    const list = heads.get(head.pupilId);
    if (list) list.push(head);
    else heads.set(head.pupilId, [head]);
  }
  const listed: ListedPupil[] = [];
  for (const pupil of pupils) {
    // The same scope as pupils.get: a teacher sees where the pupil stands at their own bases only,
    // never a later referral or placement elsewhere (the heads are only those in scope).
    const own = heads.get(pupil.id) ?? [];
    if (!scope.all && own.length === 0) continue;
    listed.push({ pupil, summary: summarise(pupil, own, today) });
  }
  return listed.sort(
    (a, b) =>
      collator.compare(a.pupil.legalLastName, b.pupil.legalLastName) ||
      collator.compare(a.pupil.preferredName ?? a.pupil.legalFirstName, b.pupil.preferredName ?? b.pupil.legalFirstName) ||
      collator.compare(a.pupil.legalFirstName, b.pupil.legalFirstName) ||
      a.pupil.dateOfBirth.localeCompare(b.pupil.dateOfBirth),
  );
}
