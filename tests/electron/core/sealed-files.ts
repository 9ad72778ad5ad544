import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyDeskCore } from '../../../electron/core/core';
import { decodeEnvelope, type Envelope, type Slot } from '../../../electron/core/crypto/envelope';
import { DATA_FILE_NAME, dataFilePath } from '../../../electron/core/data-file';
import { TEST_NOW } from '../../helpers/core';

/** Helpers for the encryption, access, session and audit tests: files as they are on disk, and the open database. */

export async function readEnvelope(folder: string): Promise<Envelope> {
  return decodeEnvelope(await readFile(dataFilePath(folder)));
}

export function slotFor(envelope: Envelope, id: string): Slot | undefined {
  return envelope.header.slots.find((slot) => slot.id === id);
}

/** The trailing SHA-256 recomputed, as someone deliberately editing the file would do. */
export function withFreshChecksum(bytes: Uint8Array): Buffer {
  const content = Buffer.from(bytes).subarray(0, bytes.length - 32);
  return Buffer.concat([content, createHash('sha256').update(content).digest()]);
}

/** Re-encodes a data file with an edited header (same sealed body, checksum made to match). */
export function withEditedHeader(file: Uint8Array, edit: (header: Envelope['header']) => Envelope['header']): Buffer {
  const envelope = decodeEnvelope(file);
  const headerBytes = Buffer.from(JSON.stringify(edit(structuredClone(envelope.header))), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(headerBytes.length);
  return withFreshChecksum(Buffer.concat([envelope.aad.subarray(0, 8), length, headerBytes, envelope.sealedBody, Buffer.alloc(32)]));
}

/** Copies the data file as staff move it: the snapshot and the change journal beside it. */
export async function copyDataFile(from: string, to: string): Promise<void> {
  await copyFile(dataFilePath(from), join(to, DATA_FILE_NAME));
  await copyFile(`${dataFilePath(from)}.journal`, join(to, `${DATA_FILE_NAME}.journal`)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** Every file in a folder and its subfolders (backups) with its bytes (data file, guard file, anything a save left behind). */
export async function folderFiles(folder: string, prefix = ''): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) for (const [name, bytes] of await folderFiles(path, `${prefix}${entry.name}/`)) files.set(name, bytes);
    else files.set(`${prefix}${entry.name}`, await readFile(path));
  }
  return files;
}

/** Each file in a folder by name with a SHA-256 of its bytes: cheap to compare (deep-equal on big buffers is slow). */
export async function folderDigest(folder: string): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const [name, bytes] of await folderFiles(folder)) digest[name] = sha256(bytes);
  return digest;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface AuditRow {
  seq: number;
  at: string;
  staff_id: string | null;
  staff_name: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  pupil_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  detail: string | null;
}

function rows(core: KeyDeskCore, sql: string): Array<Record<string, unknown>> {
  const result = core.requireFile().sql.exec(sql)[0];
  if (!result) return [];
  return result.values.map((values) => Object.fromEntries(result.columns.map((column, i) => [column, values[i]])));
}

/** The audit log straight from the open database (not through audit.list, which is itself under test). */
export function auditRows(core: KeyDeskCore, afterSeq = 0): AuditRow[] {
  return rows(core, `SELECT * FROM audit_log WHERE seq > ${Number(afterSeq)} ORDER BY seq`).map((row) => ({
    ...(row as unknown as AuditRow),
    before: typeof row.before === 'string' ? (JSON.parse(row.before) as Record<string, unknown>) : null,
    after: typeof row.after === 'string' ? (JSON.parse(row.after) as Record<string, unknown>) : null,
  }));
}

export function lastAuditSeq(core: KeyDeskCore): number {
  return Number(core.requireFile().sql.exec('SELECT coalesce(max(seq), 0) FROM audit_log')[0]?.values[0]?.[0] ?? 0);
}

/** Every row of every table except the audit log: what "nothing changed" means. */
export function dataTables(core: KeyDeskCore): Record<string, unknown[]> {
  const tables = rows(core, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit_log' ORDER BY name");
  // Sorted here rather than by rowid: register marks are WITHOUT ROWID tables.
  const sorted = (list: unknown[]) => list.map((row) => JSON.stringify(row)).sort();
  return Object.fromEntries(tables.map(({ name }) => [String(name), sorted(rows(core, `SELECT * FROM "${String(name)}"`))]));
}

export function pupilRows(core: KeyDeskCore): Array<{ id: string; legal_first_name: string; legal_last_name: string; preferred_name: string | null; date_of_birth: string }> {
  return rows(core, 'SELECT id, legal_first_name, legal_last_name, preferred_name, date_of_birth FROM pupils') as never;
}

/** A clock the test moves by hand; pass `clock.now` as startCore's `now`. */
export function movingClock(start = TEST_NOW) {
  let time = start.getTime();
  return {
    now: () => new Date(time),
    advance(ms: number) {
      time += ms;
    },
    set(date: Date) {
      time = date.getTime();
    },
  };
}

export const MINUTE = 60_000;

/** What a user could notice about a file: its bytes, when it was written, whether it was replaced. */
export async function fileState(path: string): Promise<{ sha256: string; size: number; mtimeMs: number; ino: number }> {
  const bytes = await readFile(path);
  const info = await stat(path);
  return { sha256: sha256(bytes), size: bytes.length, mtimeMs: info.mtimeMs, ino: info.ino };
}
