/** What every call returns: errors cross the boundary as values, never as thrown exceptions. */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** Looks like a record already on file: staff may confirm and go on. */
  | 'DUPLICATE'
  | 'NO_DATABASE'
  | 'UNKNOWN_CALL'
  | 'NOT_AVAILABLE'
  | 'NOT_SIGNED_IN'
  | 'LOCKED'
  | 'FORBIDDEN'
  /** Another Key Desk holds the data folder: this one may only look (read-only) or wait. */
  | 'IN_USE'
  /** This window has the data open read-only: nothing can be changed from here. */
  | 'READ_ONLY'
  | 'WRONG_PASSWORD'
  | 'TOO_MANY_ATTEMPTS'
  | 'INTERNAL';

export interface ApiErrorValue {
  code: ErrorCode;
  /** Written for a teacher: what went wrong and what to do about it. */
  message: string;
  /** The input field at fault, as a dotted path (e.g. `places`), when there is one. */
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorValue };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ApiErrorValue): Result<never> => ({ ok: false, error });

/** Thrown by `unwrap` so UI code (queries, mutations) can use ordinary control flow. */
export class ApiError extends Error implements ApiErrorValue {
  readonly code: ErrorCode;
  readonly field?: string;
  constructor(value: ApiErrorValue) {
    super(value.message);
    this.name = 'ApiError';
    this.code = value.code;
    if (value.field !== undefined) this.field = value.field;
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error);
}
