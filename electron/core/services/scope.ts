import type { SignedInUser } from '../../../shared/api/status';

/**
 * Which bases' pupils someone may see. Managers see every pupil; a teacher sees pupils with a referral
 * or placement at one of their own bases (being an administrator as well adds none: administrators
 * manage staff and settings, not pupils). ACCESS only knows roles, so the
 * services that read pupils apply this.
 */
export type PupilScope = { all: true } | { all: false; baseIds: readonly string[] };

export function scopeFor(user: SignedInUser): PupilScope {
  if (user.roles.includes('manager')) return { all: true };
  return { all: false, baseIds: user.baseIds };
}

export function scopeAllowsBase(scope: PupilScope, baseId: string | null): boolean {
  return scope.all || (baseId !== null && scope.baseIds.includes(baseId));
}
