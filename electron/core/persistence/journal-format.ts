import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { NONCE_BYTES, TAG_BYTES } from '../crypto/keys';

/**
 * The change journal, `keydesk.db.journal`: what changed since the snapshot, one record per save.
 *
 *   "KDJRNL02" | journal id (16 bytes) | record | record | … | zeros
 *   record = length (u32 BE) | check (CRC-32 of length and the rest, u32 BE) | nonce | ciphertext | tag
 *
 * Each record is the write-ahead-log bytes SQLite wrote for the transactions committed since the last
 * record, after one byte saying how they are kept (0: as they are; 1: deflated, for records of more
 * than a couple of pages), sealed with AES-256-GCM under the data key. Its additional data binds the format, the
 * journal id, the record's sequence number, where its bytes start in the log and the previous
 * record's tag, so a record dropped, reordered, duplicated or moved from another journal fails.
 * The check is not security (the seal is): it tells a record cut short by a crash (the last one,
 * never acknowledged) from one damaged later. Zeros after the last record are room written ahead
 * for the next ones (see JournalledStore).
 *
 * Journals before this one ("KDJRNL01") held each record's log bytes deflated. They are still read,
 * and never appended to: the first save after opening one writes a snapshot and a new journal.
 */
export const JOURNAL_MAGIC = Buffer.from('KDJRNL02', 'latin1');
const DEFLATED_JOURNAL_MAGIC = Buffer.from('KDJRNL01', 'latin1');
const ID_BYTES = 16;
export const JOURNAL_HEADER_BYTES = JOURNAL_MAGIC.length + ID_BYTES;
const HEAD_BYTES = 8;
const AAD_LABEL = Buffer.from('key-desk journal 2\n', 'utf8');
const DEFLATED_AAD_LABEL = Buffer.from('key-desk journal\n', 'utf8');
const NO_TAG = Buffer.alloc(TAG_BYTES);
const AS_THEY_ARE = 0;
const DEFLATED = 1;
const KIND_AS_THEY_ARE = Uint8Array.of(AS_THEY_ARE);
const KIND_DEFLATED = Uint8Array.of(DEFLATED);
/**
 * Records up to this many log bytes are kept as they are: a mark's one page deflates to about 1.7 KB
 * of 4.1, but setting zlib up and running it costs more than the disk takes to write the difference
 * over the room kept for it. Bigger changes (an import, a plan saved) are deflated, to a third or less.
 */
const DEFLATE_FROM_BYTES = 2 * (4096 + 24) + 1;

/** Seals and opens records under the data key (the Keyring; tests may pass their own). */
export interface RecordSealer {
  /** Seals the parts as one plaintext. */
  sealRecord(plaintext: readonly Uint8Array[], aad: Uint8Array): { nonce: Buffer; sealed: Buffer[] };
  openRecord(nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Buffer;
}

/** Where the next record goes and what it is chained to. */
export interface JournalPosition {
  id: string;
  /** Sequence number of the next record. */
  seq: number;
  /** Where in SQLite's write-ahead log the next record's bytes start. */
  walOffset: number;
  /** The tag of the last record; zeros before the first. */
  prevTag: Buffer;
}

export const startOfJournal = (id: string): JournalPosition => ({ id, seq: 0, walOffset: 0, prevTag: NO_TAG });

function idBytes(id: string): Buffer {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a journal id: ${id}`);
  return Buffer.from(hex, 'hex');
}

function idFromBytes(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function journalHeader(id: string): Buffer {
  return Buffer.concat([JOURNAL_MAGIC, idBytes(id)]);
}

/** The last journal id turned into bytes: every record of a journal asks for the same one. */
let lastId: { id: string; bytes: Buffer } | undefined;

function recordAad(at: JournalPosition, label = AAD_LABEL): Buffer {
  if (lastId?.id !== at.id) lastId = { id: at.id, bytes: idBytes(at.id) };
  const aad = Buffer.allocUnsafe(label.length + ID_BYTES + 12 + TAG_BYTES);
  let offset = label.copy(aad, 0);
  offset += lastId.bytes.copy(aad, offset);
  offset = aad.writeUInt32BE(at.seq, offset);
  // The offset as a 64-bit number: two 32-bit halves (a log never reaches 2^53 bytes).
  offset = aad.writeUInt32BE(Math.floor(at.walOffset / 2 ** 32), offset);
  offset = aad.writeUInt32BE(at.walOffset % 2 ** 32, offset);
  at.prevTag.copy(aad, offset);
  return aad;
}

/** One record, as one buffer (one write), and the position after it. */
export function encodeRecord(sealer: RecordSealer, at: JournalPosition, wal: Uint8Array): { bytes: Buffer; next: JournalPosition } {
  const deflate = wal.length >= DEFLATE_FROM_BYTES;
  // A 4 KiB window (one page) and a small hash: zlib's default state (about 256 KiB) costs more to set up.
  const body = deflate ? deflateRawSync(wal, { level: 1, memLevel: 4, windowBits: 12 }) : wal;
  // The kind byte and the log bytes, sealed as one plaintext without copying them together.
  const { nonce, sealed } = sealer.sealRecord([deflate ? KIND_DEFLATED : KIND_AS_THEY_ARE, body], recordAad(at));
  // Our own copy, like the store's copy of the log it came from: wiped once sealed.
  if (deflate) body.fill(0);
  const bodyLength = nonce.length + sealed.reduce((sum, chunk) => sum + chunk.length, 0);
  const bytes = Buffer.allocUnsafe(HEAD_BYTES + bodyLength);
  bytes.writeUInt32BE(bodyLength, 0);
  let offset = HEAD_BYTES;
  for (const chunk of [nonce, ...sealed]) offset += chunk.copy(bytes, offset);
  bytes.writeUInt32BE(checkOf(bytes, 0, bytes.length), 4);
  const prevTag = Buffer.from(bytes.subarray(bytes.length - TAG_BYTES));
  return { bytes, next: { id: at.id, seq: at.seq + 1, walOffset: at.walOffset + wal.length, prevTag } };
}

/** CRC-32 of a record's length and body (everything but the check itself). */
function checkOf(bytes: Uint8Array, start: number, end: number): number {
  return crc32(bytes.subarray(start + HEAD_BYTES, end), crc32(bytes.subarray(start, start + 4))) >>> 0;
}

export type JournalProblem = 'not-a-journal' | 'other-database' | 'damaged';

export class JournalError extends Error {
  constructor(
    readonly problem: JournalProblem,
    message: string,
  ) {
    super(message);
    this.name = 'JournalError';
  }
}

export type JournalContents =
  /** Changes since the snapshot: the log to replay, and where the next record would go. */
  | {
      kind: 'changes';
      wal: Buffer;
      records: number;
      next: JournalPosition;
      /** Where the records end: zeros after them are room for more. */
      validBytes: number;
      tornTail: boolean;
      /** A journal in the earlier format: read, never appended to. */
      deflated: boolean;
    }
  /** The journal of the snapshot before this one: all of it is in the snapshot already. */
  | { kind: 'already-in-snapshot' };

const isZero = (bytes: Uint8Array, from: number) => {
  for (let i = from; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
};

/**
 * Whether a whole record (its length in bounds and its check matching) starts anywhere from `from` on.
 * Only asked when a record does not check out (cut short, or damaged), so the scan is rare; a chance match
 * of the 32-bit check is about one in four billion per candidate.
 */
function wholeRecordAfter(bytes: Buffer, from: number): boolean {
  for (let at = from; at + HEAD_BYTES + NONCE_BYTES + TAG_BYTES <= bytes.length; at++) {
    const length = bytes.readUInt32BE(at);
    if (length < NONCE_BYTES + TAG_BYTES || at + HEAD_BYTES + length > bytes.length) continue;
    if (bytes.readUInt32BE(at + 4) === checkOf(bytes, at, at + HEAD_BYTES + length)) return true;
  }
  return false;
}

/** A record's log bytes from its opened plaintext (how they are kept, then them). */
function unpack(plain: Buffer): Buffer {
  const body = plain.subarray(1);
  if (plain[0] === AS_THEY_ARE) return body;
  if (plain[0] === DEFLATED) return inflateRawSync(body);
  throw new Error(`unknown record kind ${plain[0]}`);
}

/**
 * Reads a journal against the snapshot that names it (`expected`: its journal id and the one before).
 * A last record cut short or zeroed by a crash is dropped (it was never acknowledged); any other
 * damage, a record out of place, or a journal belonging to another snapshot throws JournalError.
 */
export function readJournal(bytes: Buffer, expected: { id: string; previous: string | null } | null, sealer: RecordSealer): JournalContents {
  if (bytes.length < JOURNAL_HEADER_BYTES) {
    // Journals are created whole (written aside, then renamed): a shorter one was cut off or emptied.
    if (expected === null && bytes.length === 0) return { kind: 'already-in-snapshot' };
    throw new JournalError('damaged', 'journal shorter than its header');
  }
  const magic = bytes.subarray(0, JOURNAL_MAGIC.length);
  const deflated = magic.equals(DEFLATED_JOURNAL_MAGIC);
  if (!deflated && !magic.equals(JOURNAL_MAGIC)) throw new JournalError('not-a-journal', 'no journal signature');
  const id = idFromBytes(bytes.subarray(JOURNAL_MAGIC.length, JOURNAL_HEADER_BYTES));
  if (expected !== null && id === expected.previous) return { kind: 'already-in-snapshot' };
  if (expected === null || id !== expected.id) throw new JournalError('other-database', `journal ${id} does not go with this snapshot`);

  let at = startOfJournal(id);
  const wal: Buffer[] = [];
  let offset = JOURNAL_HEADER_BYTES;
  let tornTail = false;
  while (offset < bytes.length) {
    // Zeros to the end: room written ahead for the records to come (or, after a crash, where the file
    // grew but a record's data did not land: a record never acknowledged). The next record goes here.
    if (isZero(bytes, offset)) break;
    // A crash mid-append leaves a prefix of the record.
    if (bytes.length - offset < HEAD_BYTES) {
      tornTail = true;
      break;
    }
    const length = bytes.readUInt32BE(offset);
    const end = offset + HEAD_BYTES + length;
    if (end > bytes.length) {
      // Runs past the end: a record cut short, unless whole records follow it (its length was damaged).
      if (wholeRecordAfter(bytes, offset + 1)) throw new JournalError('damaged', `record ${at.seq + 1} is damaged (its length is wrong)`);
      tornTail = true;
      break;
    }
    const checkMatches = length >= NONCE_BYTES + TAG_BYTES && bytes.readUInt32BE(offset + 4) === checkOf(bytes, offset, end);
    if (!checkMatches) {
      // The last record, cut short by a crash: at the end of the file, or written over the room kept
      // for it with only some of its blocks landed (its head may be the part still zeros).
      if (!wholeRecordAfter(bytes, offset + 1)) {
        tornTail = true;
        break;
      }
      throw new JournalError('damaged', `record ${at.seq + 1} is damaged`);
    }
    const nonce = bytes.subarray(offset + HEAD_BYTES, offset + HEAD_BYTES + NONCE_BYTES);
    const sealed = bytes.subarray(offset + HEAD_BYTES + NONCE_BYTES, end);
    let part: Buffer;
    try {
      part = deflated ? inflateRawSync(sealer.openRecord(nonce, sealed, recordAad(at, DEFLATED_AAD_LABEL))) : unpack(sealer.openRecord(nonce, sealed, recordAad(at)));
    } catch {
      throw new JournalError('damaged', `record ${at.seq + 1} does not verify (damaged, out of order, or from another journal)`);
    }
    wal.push(part);
    at = { id, seq: at.seq + 1, walOffset: at.walOffset + part.length, prevTag: Buffer.from(sealed.subarray(sealed.length - TAG_BYTES)) };
    offset = end;
  }
  return { kind: 'changes', wal: Buffer.concat(wal), records: at.seq, next: at, validBytes: offset, tornTail, deflated };
}
