/**
 * Which bases' records someone may see, and the one place that applies it: services check a record
 * or a base the caller named (`requireInScope`, `requireBaseInScope`), repositories narrow a query
 * (`scopedToBases`). ACCESS only knows roles, so every read or write of a pupil's records goes
 * through here.
 */
import { sql, type ReferenceExpression, type SelectQueryBuilder } from 'kysely';
import type { SignedInUser } from '../../shared/api/status';
import { UserError } from './errors';

/**
 * Managers see every pupil; a teacher sees pupils with a referral or placement at one of their own
 * bases (being an administrator as well adds none: administrators manage staff and settings, not
 * pupils). Nobody signed in sees no base.
 */
export type PupilScope = { all: true } | { all: false; baseIds: readonly string[] };

export const NO_BASES: PupilScope = { all: false, baseIds: [] };

export function scopeFor(user: SignedInUser | null): PupilScope {
  if (!user) return NO_BASES;
  if (user.roles.includes('manager')) return { all: true };
  return { all: false, baseIds: user.baseIds };
}

export function scopeAllowsBase(scope: PupilScope, baseId: string | null | undefined): boolean {
  return scope.all || (!!baseId && scope.baseIds.includes(baseId));
}

/** The scope narrowed to one base the caller chose (still only if it is theirs: check first). */
export function oneBase(baseId: string): PupilScope {
  return { all: false, baseIds: [baseId] };
}

/**
 * A base the caller named (undefined or null: there is no such base), or NOT_FOUND with `message` on
 * `field`: a base outside their scope looks the same as one that does not exist.
 */
export function requireBaseInScope(scope: PupilScope, baseId: string | null | undefined, field: string, message: string): string {
  if (!baseId || !scopeAllowsBase(scope, baseId)) throw new UserError('NOT_FOUND', message, field);
  return baseId;
}

/**
 * A record the caller may see (found, and at one of their bases), or NOT_FOUND with `message` on
 * `field`, as if it did not exist. The record's base is its `baseId`, or what `baseOf` says (a base's
 * own id).
 */
export function requireInScope<T extends { baseId: string | null }>(scope: PupilScope, record: T | null | undefined, field: string, message: string): T;
export function requireInScope<T>(scope: PupilScope, record: T | null | undefined, field: string, message: string, baseOf: (record: T) => string | null): T;
export function requireInScope<T>(
  scope: PupilScope,
  record: T | null | undefined,
  field: string,
  message: string,
  baseOf: (record: T) => string | null = (r) => (r as { baseId: string | null }).baseId,
): T {
  if (!record || !scopeAllowsBase(scope, baseOf(record))) throw new UserError('NOT_FOUND', message, field);
  return record;
}

/** Only the rows whose base (`column`) is in the scope; every row for a scope of all bases. */
export function scopedToBases<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  column: ReferenceExpression<DB, TB>,
  scope: PupilScope,
): SelectQueryBuilder<DB, TB, O> {
  if (scope.all) return query;
  // `IN ()` is not SQL every database takes (PostgreSQL refuses it): no base, no rows.
  if (scope.baseIds.length === 0) return query.where(sql<boolean>`1 = 0`);
  return query.where((eb) => eb(column, 'in', [...scope.baseIds] as never));
}
