import { ApiError } from '../../../shared/api/result';

/** Which of a form's fields the core blamed (`baseIds.0` counts as `baseIds`); anything else goes at the top. */
export function fieldAtFault<F extends string>(error: unknown, fields: readonly F[]): F | 'root' {
  const field = error instanceof ApiError ? error.field : undefined;
  return fields.find((f) => field === f || field?.startsWith(`${f}.`)) ?? 'root';
}
