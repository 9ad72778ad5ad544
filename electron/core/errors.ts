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

/**
 * The data file on disk is no longer the one Key Desk last read or wrote (another copy of Key Desk on
 * a shared folder, a restored backup). Saving stops so that nothing in the newer file is overwritten.
 */
export class FileChangedOnDisk extends Error {
  readonly path: string;
  constructor(path: string, message?: string) {
    super(
      message ??
        'The data file was changed by another copy of Key Desk or a restored backup since you opened it. ' +
          'Key Desk has stopped saving so that nothing in it is overwritten: your changes since then are only in this window and will not be saved. ' +
          'Note down anything you need to keep, then close Key Desk without saving and open it again to carry on with the newer file.',
    );
    this.name = 'FileChangedOnDisk';
    this.path = path;
  }
}
