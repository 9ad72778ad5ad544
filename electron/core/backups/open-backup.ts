import { readFile } from 'node:fs/promises';
import type { BackupSummary } from '../../../shared/api/specs/backups';
import type { ScryptParams } from '../crypto/keys';
import { decodeEnvelope, EnvelopeError, type Envelope } from '../crypto/envelope';
import { Keyring } from '../crypto/keyring';
import { parseRecoveryKey } from '../crypto/recovery-key';
import { loadDatabase } from '../db/open';
import { loadSqlJs } from '../db/sqljs';
import { FileRefused, UserError } from '../errors';
import { parseBackupName } from './backup-files';

/** A backup that opened and verified: what is in it, and the key that opened it. Nothing is written. */
export interface OpenedBackup {
  summary: BackupSummary;
  keyring: Keyring;
  envelope: Envelope;
  path: string;
}

export interface OpenBackupOptions {
  /** The provision of the data open now: a backup of any other is refused. */
  provisionId: string;
  /** The signed-in person's username, whose password (as it was when the backup was made) may open it. */
  username: string;
  password?: string | undefined;
  recoveryKey?: string | undefined;
  scrypt?: ScryptParams | undefined;
}

const NOT_RESTORED = 'It has not been restored, and nothing has been changed.';

const ENVELOPE_WORDS: Record<EnvelopeError['problem'], string> = {
  empty: `The backup {name} is empty. ${NOT_RESTORED}`,
  'not-ours': `The file {name} is not a Key Desk backup. ${NOT_RESTORED}`,
  'plain-database': `The file {name} is an unencrypted database, not a Key Desk backup. ${NOT_RESTORED}`,
  'too-new': `The backup {name} was made by a newer version of Key Desk. ${NOT_RESTORED} Install the newer version to restore it.`,
  damaged: `The backup {name} is damaged (or was changed after it was made), so it cannot be trusted. ${NOT_RESTORED} Choose another backup.`,
};

/** Audit triggers that run while an older backup is brought up to date in memory need these functions. */
const registerAuditFunctions = (db: { create_function(name: string, fn: () => unknown): unknown }) => {
  db.create_function('audit_now', () => new Date().toISOString());
  db.create_function('audit_staff_id', () => null);
  db.create_function('audit_staff_name', () => 'Key Desk');
};

/**
 * Opens a backup file with a password or the recovery key and checks it, changing nothing on disk: it
 * must be a sound Key Desk file (checksum, seal, database check), of this provision, and from this
 * version of Key Desk or an older one. Each refusal says which and why, naming the file.
 */
export async function openBackup(path: string, name: string, options: OpenBackupOptions): Promise<OpenedBackup> {
  const parsed = parseBackupName(name);
  if (!parsed) throw new UserError('INVALID_INPUT', 'That is not the name of a Key Desk backup.', 'name');
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('NOT_FOUND', `The backup ${name} is no longer there. Look at the list again.`, 'name');
    throw new UserError('CONFLICT', `The backup ${name} could not be read (${code ?? 'unknown error'}). ${NOT_RESTORED}`, 'name');
  }
  let envelope: Envelope;
  try {
    envelope = decodeEnvelope(bytes);
  } catch (error) {
    if (error instanceof EnvelopeError) throw new UserError('CONFLICT', ENVELOPE_WORDS[error.problem].replace('{name}', name), 'name');
    throw error;
  }
  if (envelope.header.provisionId !== options.provisionId) {
    throw new UserError('CONFLICT', `The backup ${name} is of another provision's data, not this one. ${NOT_RESTORED}`, 'name');
  }
  const keyring = await unlock(envelope, options);
  let database: Buffer;
  try {
    database = keyring.openFile(envelope);
  } catch {
    throw new UserError('CONFLICT', ENVELOPE_WORDS.damaged.replace('{name}', name), 'name');
  }
  const SQL = await loadSqlJs();
  let db;
  try {
    // Brought up to date in memory only (an older backup), so it can be counted the way the app counts.
    db = loadDatabase(SQL, database, path, registerAuditFunctions).db;
  } catch (error) {
    if (!(error instanceof FileRefused)) throw error;
    const words = error.kind === 'too-new' ? ENVELOPE_WORDS['too-new'] : ENVELOPE_WORDS.damaged;
    throw new UserError('CONFLICT', words.replace('{name}', name), 'name');
  }
  try {
    const one = (sql: string) => db.exec(sql)[0]?.values[0]?.[0];
    const summary: BackupSummary = {
      name,
      ...parsed,
      provisionName: String(one('SELECT name FROM provision') ?? 'The Key'),
      pupils: Number(one('SELECT count(*) FROM pupils') ?? 0),
      placements: Number(one('SELECT count(*) FROM placements') ?? 0),
      lastChange: (one('SELECT max(at) FROM audit_log') as string | null | undefined) ?? null,
    };
    return { summary, keyring, envelope, path };
  } finally {
    db.close();
  }
}

async function unlock(envelope: Envelope, options: OpenBackupOptions): Promise<Keyring> {
  if (options.recoveryKey) {
    const secret = parseRecoveryKey(options.recoveryKey);
    const keyring = secret ? await Keyring.unlockWithRecovery(envelope, secret, options.scrypt) : null;
    if (!keyring) throw new UserError('WRONG_PASSWORD', 'That recovery key does not open this backup.', 'recoveryKey');
    return keyring;
  }
  const unlocked = await Keyring.unlockWithPassword(envelope, options.username, options.password ?? '', options.scrypt);
  if (!unlocked) {
    throw new UserError(
      'WRONG_PASSWORD',
      'That password does not open this backup. Use your password as it was when the backup was made, or the recovery key.',
      'password',
    );
  }
  return unlocked.keyring;
}
