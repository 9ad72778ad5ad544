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
