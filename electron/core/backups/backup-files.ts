import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { BACKUP_KINDS, type BackupEntry, type BackupKind } from '../../../shared/api/specs/backups';
import { decodeEnvelope, type Envelope } from '../crypto/envelope';
import { writeFileAtomic } from '../persistence/atomic-write';

/** The folder beside the data file that automatic backups go in. */
export const BACKUPS_FOLDER_NAME = 'backups';
export const BACKUP_EXTENSION = '.kdbackup';

const NAME = new RegExp(`^keydesk-(\\d{4}-\\d\\d-\\d\\d)T(\\d\\d)-(\\d\\d)-(\\d\\d)Z(?:-(\\d+))?-(${BACKUP_KINDS.join('|')})\\.kdbackup$`);

/** keydesk-2026-11-23T09-12-30Z-daily.kdbackup: sorts by date, says what it is, safe on every file system. */
export function backupName(takenAt: Date, kind: BackupKind, copy = 0): string {
  const stamp = takenAt.toISOString().slice(0, 19).replace(/:/g, '-');
  return `keydesk-${stamp}Z${copy > 0 ? `-${copy}` : ''}-${kind}${BACKUP_EXTENSION}`;
}

export function parseBackupName(name: string): { takenAt: string; kind: BackupKind } | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [, day, h, m, s, , kind] = match;
  const takenAt = new Date(`${day}T${h}:${m}:${s}Z`);
  if (Number.isNaN(takenAt.getTime())) return null;
  return { takenAt: takenAt.toISOString(), kind: kind as BackupKind };
}

/** The backups in a folder, newest first. A folder that is not there has none. */
export async function listBackups(folder: string): Promise<BackupEntry[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries = await Promise.all(
    names.map(async (name): Promise<BackupEntry | null> => {
      const parsed = parseBackupName(name);
      if (!parsed) return null;
      const info = await stat(join(folder, name)).catch(() => null);
      return info?.isFile() ? { name, ...parsed, bytes: info.size } : null;
    }),
  );
  return entries.filter((e): e is BackupEntry => e !== null).sort((a, b) => b.takenAt.localeCompare(a.takenAt) || b.name.localeCompare(a.name));
}

/** A backup's temp file while it is written (see writeFileAtomic): `.keydesk-….kdbackup.<uuid>.tmp`. */
const TEMP = /^\.keydesk-.+\.kdbackup\.[0-9a-f-]{36}\.tmp$/;
/** Old enough that no Key Desk is still writing it (a backup takes seconds, even to a slow stick). */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Removes backup temp files left by a crash or a stick pulled out mid-write. They never hold the
 * only copy of anything (the data file does), and only ones an hour old go, so another PC writing to
 * the same stick is not disturbed.
 */
export async function removeStaleBackupTemps(folder: string, now: Date): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names.filter((n) => TEMP.test(n))) {
    const info = await stat(join(folder, name)).catch(() => null);
    if (!info?.isFile() || now.getTime() - info.mtimeMs < STALE_TEMP_MS) continue;
    await unlink(join(folder, name)).then(
      () => removed.push(name),
      () => undefined,
    );
  }
  return removed;
}

/** The data file exactly as it was read: the envelope's bytes with their checksum (still sealed). */
export function sealedFileBytes(envelope: Envelope): Buffer[] {
  const hash = createHash('sha256').update(envelope.aad).update(envelope.sealedBody);
  return [envelope.aad, envelope.sealedBody, hash.digest()];
}

/**
 * Writes one backup (sealed bytes only: a backup is the encrypted envelope, never a plain database)
 * into `folder`, made if need be, atomically; then reads it back and checks every byte landed, as a
 * USB stick can fail quietly.
 */
export async function writeBackup(folder: string, kind: BackupKind, takenAt: Date, sealed: readonly Uint8Array[]): Promise<BackupEntry> {
  await mkdir(folder, { recursive: true });
  // File times are the real clock's, not the classroom clock a test may set.
  await removeStaleBackupTemps(folder, new Date());
  const existing = new Set(await readdir(folder));
  let copy = 0;
  while (existing.has(backupName(takenAt, kind, copy))) copy++;
  const name = backupName(takenAt, kind, copy);
  const path = join(folder, name);
  const expected = createHash('sha256');
  let bytes = 0;
  for (const chunk of sealed) {
    expected.update(chunk);
    bytes += chunk.byteLength;
  }
  await writeFileAtomic(path, sealed);
  const back = await readFile(path);
  if (!createHash('sha256').update(back).digest().equals(expected.digest())) {
    throw new Error(`The backup ${path} did not read back as written`);
  }
  // Parses as a Key Desk file: the checksum over its content holds.
  decodeEnvelope(back);
  return { name, takenAt: takenAt.toISOString(), kind, bytes };
}
