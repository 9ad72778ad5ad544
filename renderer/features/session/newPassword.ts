import { z } from 'zod';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../../shared/domain/staff';

/** Whose password it is: the rule refuses a password that contains their name or username. */
export type PasswordOwner = { name?: string | undefined; username?: string | undefined };

/** The two fields of a new password, as every form that chooses one names them. */
export type NewPasswordValues = { password: string; confirm: string };

export const NEW_PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a good one.`;
export const PASSWORDS_DIFFER = 'The two passwords are not the same.';

/** The new password typed twice: spread into a form's `z.object`, then refine it with `newPasswordPair`. */
export const newPasswordShape = {
  password: z.string().max(200, 'A password can be at most 200 characters.'),
  confirm: z.string(),
};

/**
 * A `superRefine` that checks the pair as the core will: the password against the rule (with the
 * owner's own name and username), then that both fields say the same. Without `owner`, the name and
 * username are read from the form's own values (set-up, adding staff, recovery).
 */
export function newPasswordPair(owner?: PasswordOwner) {
  return (values: NewPasswordValues & PasswordOwner, ctx: z.RefinementCtx): void => {
    const problem = passwordProblem(values.password, owner ?? values);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['password'] });
    else if (values.confirm !== values.password) ctx.addIssue({ code: 'custom', message: PASSWORDS_DIFFER, path: ['confirm'] });
  };
}
