import { PasswordInput } from '@mantine/core';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import { NEW_PASSWORD_HINT, type NewPasswordValues, type PasswordOwner } from './newPassword';
import { PasswordRule } from './PasswordRule';

/**
 * A new password and the same again, inside a react-hook-form form whose schema spreads
 * `newPasswordShape` and is refined with `newPasswordPair`. Problems found here show under their field;
 * `serverError` is what the core said of the password (see fieldError), shown when there is no other.
 */
export function NewPasswordFields<T extends NewPasswordValues, C, O>({
  form,
  label = 'Password',
  confirmLabel = `${label} again`,
  preview,
  serverError,
  autoFocus = false,
}: {
  form: UseFormReturn<T, C, O>;
  label?: string;
  confirmLabel?: string;
  /** Check the rule as they type, against this person, in place of the fixed hint. */
  preview?: PasswordOwner;
  serverError?: string | undefined;
  /** Focus the password when a modal opens (Mantine's data-autofocus). */
  autoFocus?: boolean;
}) {
  // Only the two password fields are touched here, whatever else the form holds.
  const pair = form as unknown as UseFormReturn<NewPasswordValues>;
  const { errors } = pair.formState;
  const password = useWatch({ control: pair.control, name: 'password' });
  // A preview stays in view until a check finds a problem; then the problem shows instead.
  const description = !preview ? NEW_PASSWORD_HINT : errors.password ? undefined : <PasswordRule password={password} person={preview} />;
  return (
    <>
      <PasswordInput
        label={label}
        autoComplete="new-password"
        data-autofocus={autoFocus || undefined}
        description={description}
        {...pair.register('password')}
        error={errors.password?.message ?? serverError}
      />
      <PasswordInput label={confirmLabel} autoComplete="new-password" {...pair.register('confirm')} error={errors.confirm?.message} />
    </>
  );
}
