import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../../shared/domain/staff';

/**
 * The core's password rule, checked as the administrator types, so they do not find out only when
 * they press Save. Sits in the field's description (read out with it) and is announced as it changes.
 */
export function PasswordRule({ password, person }: { password: string; person: { name?: string; username?: string } }) {
  const problem = password ? passwordProblem(password, person) : null;
  const text = !password
    ? `At least ${MIN_PASSWORD_LENGTH} characters; not a common password, and not the person's name or username.`
    : (problem ?? 'This password meets the rules.');
  return <span aria-live="polite">{text}</span>;
}
