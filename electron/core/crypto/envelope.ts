import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The data file on disk: never a plain database.
 *
 *   "KEYDESK\0" | header length (u32 BE) | header (JSON) | sealed database | SHA-256 of all before it
 *
 * The header holds the key slots (the data key wrapped under each person's password and under the
 * recovery key), the nonce of the sealed database and (format 2) which change journal goes with it. The database is sealed with AES-256-GCM, with
 * the magic and the header as additional data, so no byte of either can change unnoticed. The
 * trailing checksum tells plain damage (a bad disk, a cut-short copy) apart from a wrong password.
 */
export const MAGIC = Buffer.from('KEYDESK\0', 'latin1');
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const LENGTH_BYTES = 4;
const CHECKSUM_BYTES = 32;
const MAX_HEADER_BYTES = 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

/**
 * The cost a slot was hashed at. Bounded, so a header edited to ask for an impossible (not a power of
 * two) or enormous cost is refused as damage rather than failing inside scrypt or eating the memory.
 */
const scryptParamsSchema = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2)
    .max(2 ** 20)
    .refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
});

export const slotSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('password'),
    /** The staff member's id in the database. */
    id: z.string().min(1),
    /** Finds the slot from a typed username without storing names in the clear. */
    lookup: z.string().regex(/^[0-9a-f]{64}$/),
    salt: base64,
    kdf: scryptParamsSchema,
    nonce: base64,
    wrapped: base64,
  }),
  z.object({
    kind: z.literal('recovery'),
    id: z.literal('recovery'),
    salt: base64,
    nonce: base64,
    wrapped: base64,
  }),
]);
export type Slot = z.infer<typeof slotSchema>;

/**
 * Format 2 adds the change journal: the id of the journal that holds the changes made since this
 * snapshot, and of the one before it (whose changes this snapshot already holds). Format 1 files,
 * written before the journal, have neither and still open.
 */
export const journalRefSchema = z.object({ id: z.string().uuid(), previous: z.string().uuid().nullable() });
export type JournalRef = z.infer<typeof journalRefSchema>;

export const headerSchema = z
  .object({
    format: z.union([z.literal(1), z.literal(2)]),
    provisionId: z.string().uuid(),
    demo: z.boolean(),
    slots: z.array(slotSchema).min(1),
    body: z.object({ nonce: base64 }),
    journal: journalRefSchema.optional(),
  })
  .refine((header) => (header.format === 2) === (header.journal !== undefined), 'format 2 names its journal');
export type EnvelopeHeader = z.infer<typeof headerSchema>;

export interface Envelope {
  header: EnvelopeHeader;
  /** The bytes the body's seal authenticates: magic, length and header exactly as stored. */
  aad: Buffer;
  sealedBody: Buffer;
}

export type EnvelopeProblem = 'empty' | 'not-ours' | 'plain-database' | 'damaged' | 'too-new';

/** The file format this build writes; a later Key Desk may write a higher one. */
export const FORMAT = 2;

export class EnvelopeError extends Error {
  constructor(readonly problem: EnvelopeProblem, message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

const checksum = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();

export function encodeEnvelope(header: EnvelopeHeader, sealBody: (aad: Buffer) => Buffer | Buffer[]): Buffer {
  return Buffer.concat(encodeEnvelopeChunks(header, sealBody));
}

/** The file as pieces to write one after another, so a large body is never copied to join them. */
export function encodeEnvelopeChunks(header: EnvelopeHeader, sealBody: (aad: Buffer) => Buffer | Buffer[]): Buffer[] {
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(headerBytes.length);
  const aad = Buffer.concat([MAGIC, length, headerBytes]);
  const body = sealBody(aad);
  const chunks = [aad, ...(Array.isArray(body) ? body : [body])];
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  return [...chunks, hash.digest()];
}

export function decodeEnvelope(bytes: Uint8Array): Envelope {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length === 0) throw new EnvelopeError('empty', 'empty file');
  if (data.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) throw new EnvelopeError('plain-database', 'unencrypted database');
  if (!data.subarray(0, MAGIC.length).equals(MAGIC)) throw new EnvelopeError('not-ours', 'no Key Desk signature');
  const minimum = MAGIC.length + LENGTH_BYTES + CHECKSUM_BYTES;
  if (data.length < minimum) throw new EnvelopeError('damaged', 'file cut short');
  const stored = data.subarray(data.length - CHECKSUM_BYTES);
  const content = data.subarray(0, data.length - CHECKSUM_BYTES);
  if (!checksum(content).equals(stored)) throw new EnvelopeError('damaged', 'checksum mismatch');
  const headerLength = data.readUInt32BE(MAGIC.length);
  const headerEnd = MAGIC.length + LENGTH_BYTES + headerLength;
  if (headerLength > MAX_HEADER_BYTES || headerEnd > content.length) throw new EnvelopeError('damaged', 'header length out of range');
  let raw: unknown;
  try {
    raw = JSON.parse(data.subarray(MAGIC.length + LENGTH_BYTES, headerEnd).toString('utf8'));
  } catch {
    throw new EnvelopeError('damaged', 'header unreadable');
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (typeof format === 'number' && Number.isInteger(format) && format > FORMAT) {
    throw new EnvelopeError('too-new', `file format ${format}`);
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw new EnvelopeError('damaged', 'header unreadable');
  const header = parsed.data;
  // Views, not copies: the body is the size of the whole database.
  return { header, aad: content.subarray(0, headerEnd), sealedBody: content.subarray(headerEnd) };
}

/** What a slot's `lookup` is for a typed username in this provision. */
export function usernameLookup(provisionId: string, username: string): string {
  return createHash('sha256').update(`${provisionId}\n${username.trim().toLowerCase()}`).digest('hex');
}
