import { z } from 'zod';
import { COMMON_PASSWORDS } from './common-passwords';

export const ROLES = ['teacher', 'manager', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  teacher: 'Teacher',
  manager: 'Manager',
  administrator: 'Administrator',
};

export interface StaffMember {
  id: string;
  name: string;
  username: string;
  roles: Role[];
  /** The bases a teacher works at; managers and administrators see every base. */
  baseIds: string[];
}

/** Wrong passwords counted against one member of staff since they last signed in (none after a quiet day). */
export interface FailedSignIns {
  staffId: string;
  failures: number;
  /** ISO timestamp of the latest wrong try. */
  lastFailedAt: string;
  /** ISO timestamp until which they must wait before another try, or null when they may try now. */
  waitUntil: string | null;
}

export const MIN_PASSWORD_LENGTH = 10;

/** Why a new password is not allowed, in words for staff; null when it is fine. */
export function passwordProblem(password: string, context: { username?: string; name?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'That password is too common. Choose something harder to guess.';
  if (/^(.)\1+$/.test(password)) return 'Use more than one repeated character.';
  const personal = [context.username, ...(context.name?.split(/\s+/) ?? [])]
    .map((part) => part?.trim().toLowerCase())
    .filter((part): part is string => !!part && part.length >= 3);
  if (personal.some((part) => lower.includes(part))) return 'Do not use your name or username in your password.';
  return null;
}

export const usernameSchema = z
  .string({ error: 'Enter a username.' })
  .trim()
  .min(2, 'A username needs at least 2 characters.')
  .max(40, 'A username can be at most 40 characters.')
  .regex(/^[A-Za-z0-9._-]+$/, 'Use letters, numbers, dots, dashes or underscores in a username (no spaces).');

export const staffNameSchema = z
  .string({ error: "Enter the person's name." })
  .trim()
  .min(1, "Enter the person's name.")
  .max(80, 'A name can be at most 80 characters.');

export const rolesSchema = z
  .array(z.enum(ROLES, { error: 'Roles are teacher, manager or administrator.' }), { error: 'Choose a role.' })
  .min(1, 'Choose at least one role.')
  .transform((roles) => ROLES.filter((r) => roles.includes(r)));

/** A password field: checked for length and commonness here; against the name in the core. */
export const newPasswordSchema = z
  .string({ error: 'Enter a password.' })
  .max(200, 'A password can be at most 200 characters.')
  .superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
