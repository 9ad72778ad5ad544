import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import { ApiError } from '../../shared/api/result';

/** The core's message for `field` (or a field inside it), to show under that input. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || !error.field) return undefined;
  return error.field === field || error.field.startsWith(`${field}.`) ? error.message : undefined;
}

/** A message for the top of a form: any failure not tied to one of `fields`. */
export function formError(error: unknown, fields: readonly string[] = []): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error instanceof ApiError && error.field && fields.some((f) => fieldError(error, f))) return undefined;
  return error.message;
}

/** Which of a form's fields the core blamed (`baseIds.0` counts as `baseIds`); anything else goes at the top. */
export function fieldAtFault<F extends string>(error: unknown, fields: readonly F[]): F | 'root' {
  return fields.find((f) => fieldError(error, f) !== undefined) ?? 'root';
}

/**
 * Runs a form's save. What the core refuses shows under the field it blames, or at the top of the form
 * (`errors.root`); resolves false then, and true once saved.
 */
export async function saveForm<T extends FieldValues>(setError: UseFormSetError<T>, fields: readonly FieldPath<T>[], save: () => Promise<void>): Promise<boolean> {
  try {
    await save();
    return true;
  } catch (error) {
    setError(fieldAtFault(error, fields), { message: (error as Error).message });
    return false;
  }
}
