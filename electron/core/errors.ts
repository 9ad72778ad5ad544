import type { ApiErrorValue, ErrorCode } from '../../shared/api/result';
import type { FileProblem, FileProblemKind } from '../../shared/api/status';

/** An expected failure with a message written for staff; crosses the API as an error value. */
export class UserError extends Error implements ApiErrorValue {
  readonly code: ErrorCode;
  readonly field?: string;
  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

/** The data file was not opened. Whoever catches this must leave the file exactly as it is. */
export class FileRefused extends Error {
  readonly kind: FileProblemKind;
  readonly path: string;
  constructor(kind: FileProblemKind, path: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FileRefused';
    this.kind = kind;
    this.path = path;
  }
  toProblem(): FileProblem {
    return { kind: this.kind, message: this.message, path: this.path };
  }
}
