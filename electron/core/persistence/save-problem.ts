import { UserError } from '../errors';

const DRIVE_GONE = 'Key Desk cannot reach the data folder. If it is on a USB stick or a network drive, check it is connected.';

/** Error codes from the operating system, in words a teacher can act on. */
const BY_CODE: Record<string, string> = {
  ENOSPC: 'The data folder is full: the drive it is on has no space left. Free some space on it.',
  EDQUOT: 'The data folder is full: your share of the drive it is on is used up. Free some space, or ask whoever looks after this PC.',
  EFBIG: 'The data file has grown too big for the drive it is on. Ask whoever looks after this PC.',
  EROFS: 'The data folder is read-only, so nothing can be saved in it. Ask whoever looks after this PC.',
  EACCES: 'Key Desk is not allowed to save in the data folder. Ask whoever looks after this PC to let it.',
  EPERM: 'Key Desk is not allowed to save in the data folder. Ask whoever looks after this PC to let it.',
  ENOENT: 'Key Desk cannot find the data folder: it may have been moved, renamed or deleted, or its drive is not connected.',
  ENOTDIR: 'Key Desk cannot find the data folder: it may have been moved, renamed or deleted, or its drive is not connected.',
  EISDIR: 'Something else is where the data file should be, so Key Desk cannot save it. Ask whoever looks after this PC.',
  EIO: 'The drive the data folder is on is not working properly (it could not be written to). Check the drive, or ask whoever looks after this PC.',
  EBUSY: 'Another program is using the data file. Close any program that may have it open (a backup or sync tool).',
  ETXTBSY: 'Another program is using the data file. Close any program that may have it open (a backup or sync tool).',
  EMFILE: 'This PC has too many files open. Close other programs.',
  ENFILE: 'This PC has too many files open. Close other programs.',
  ENODEV: DRIVE_GONE,
  ENXIO: DRIVE_GONE,
  ESTALE: DRIVE_GONE,
  ETIMEDOUT: DRIVE_GONE,
  EHOSTDOWN: DRIVE_GONE,
  EHOSTUNREACH: DRIVE_GONE,
  ENETDOWN: DRIVE_GONE,
  ENETUNREACH: DRIVE_GONE,
  ECONNRESET: DRIVE_GONE,
  ECONNREFUSED: DRIVE_GONE,
  ENOTCONN: DRIVE_GONE,
  EPIPE: DRIVE_GONE,
};

/**
 * Why a save failed, for the banner: no error codes, no paths (a temp file's name means nothing to
 * anyone). The full error still goes to the log.
 */
export function describeSaveError(error: unknown): string {
  if (error instanceof UserError) return error.message;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (code && BY_CODE[code]) || 'Key Desk cannot save to the data folder. Check the drive or folder, or ask whoever looks after this PC.';
}
