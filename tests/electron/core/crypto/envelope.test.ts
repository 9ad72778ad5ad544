import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeEnvelope,
  encodeEnvelope,
  EnvelopeError,
  MAGIC,
  usernameLookup,
  type EnvelopeHeader,
} from '../../../../electron/core/crypto/envelope';

const header = (overrides: Partial<EnvelopeHeader> = {}): EnvelopeHeader => ({
  format: 1,
  provisionId: randomUUID(),
  demo: false,
  slots: [
    {
      kind: 'recovery',
      id: 'recovery',
      salt: Buffer.alloc(16, 1).toString('base64'),
      nonce: Buffer.alloc(12, 2).toString('base64'),
      wrapped: Buffer.alloc(48, 3).toString('base64'),
    },
  ],
  body: { nonce: Buffer.alloc(12, 4).toString('base64') },
  ...overrides,
});

const BODY = Buffer.from('pretend this is a sealed database', 'utf8');

function problemOf(bytes: Uint8Array): string {
  try {
    decodeEnvelope(bytes);
  } catch (error) {
    if (error instanceof EnvelopeError) return error.problem;
    throw error;
  }
  return 'decoded';
}

const withChecksum = (content: Buffer) => Buffer.concat([content, createHash('sha256').update(content).digest()]);

describe('the data file envelope', () => {
  it('round-trips the header and the sealed body, handing the seal exactly the bytes stored before it as aad', () => {
    const h = header();
    let aadSeen: Buffer | undefined;
    const bytes = encodeEnvelope(h, (aad) => {
      aadSeen = Buffer.from(aad);
      return BODY;
    });
    expect(bytes.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    const decoded = decodeEnvelope(bytes);
    expect(decoded.header).toEqual(h);
    expect(decoded.sealedBody.equals(BODY)).toBe(true);
    expect(decoded.aad.equals(aadSeen!)).toBe(true);
    // magic | u32 length | header JSON: nothing of the body is in the aad, all of the header is.
    expect(decoded.aad.length).toBe(MAGIC.length + 4 + bytes.readUInt32BE(MAGIC.length));
    expect(bytes.length).toBe(decoded.aad.length + BODY.length + 32);
  });

  it('finds a flipped bit at every position of the file (magic, length, header, body, checksum)', () => {
    const bytes = encodeEnvelope(header(), () => BODY);
    for (let i = 0; i < bytes.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const copy = Buffer.from(bytes);
        copy[i] = copy[i]! ^ bit;
        const problem = problemOf(copy);
        // The magic itself changed reads as "not ours"; anything after it as damage.
        expect(problem, `byte ${i} bit ${bit}`).toBe(i < MAGIC.length ? 'not-ours' : 'damaged');
      }
    }
  });

  it('calls a file cut short at any length damaged (and an empty one empty)', () => {
    const bytes = encodeEnvelope(header(), () => BODY);
    expect(problemOf(bytes.subarray(0, 0))).toBe('empty');
    for (let length = 1; length < bytes.length; length++) {
      const expected = length < MAGIC.length ? 'not-ours' : 'damaged';
      expect(problemOf(bytes.subarray(0, length)), `cut to ${length} bytes`).toBe(expected);
    }
  });

  it('tells a plain SQLite database and a stranger file from damage', () => {
    expect(problemOf(Buffer.from('SQLite format 3\0 and then pages', 'latin1'))).toBe('plain-database');
    expect(problemOf(Buffer.from('{"some": "json"}', 'utf8'))).toBe('not-ours');
  });

  it('refuses a header that is not ours even when the checksum has been recomputed to match', () => {
    const bad = (json: string, lengthDelta = 0) => {
      const headerBytes = Buffer.from(json, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(headerBytes.length + lengthDelta);
      return withChecksum(Buffer.concat([MAGIC, length, headerBytes, BODY]));
    };
    const good = JSON.stringify(header());
    expect(problemOf(bad(good))).toBe('decoded');
    expect(problemOf(bad('not json at all'))).toBe('damaged');
    // A higher format is a newer Key Desk's file, not a damaged one.
    expect(problemOf(bad(JSON.stringify({ ...header(), format: 3 })))).toBe('too-new');
    // Format 2 names its change journal; one that does not is damaged, as is a journal on format 1.
    expect(problemOf(bad(JSON.stringify({ ...header(), format: 2 })))).toBe('damaged');
    const journal = { id: randomUUID(), previous: null };
    expect(problemOf(bad(JSON.stringify({ ...header(), format: 2, journal })))).toBe('decoded');
    expect(problemOf(bad(JSON.stringify({ ...header(), format: 1, journal })))).toBe('damaged');
    expect(problemOf(bad(JSON.stringify({ ...header(), format: 0 })))).toBe('damaged');
    expect(problemOf(bad(JSON.stringify({ ...header(), format: '2' })))).toBe('damaged');
    expect(problemOf(bad(JSON.stringify({ ...header(), slots: [] })))).toBe('damaged');
    expect(problemOf(bad(JSON.stringify({ ...header(), provisionId: 'not-a-uuid' })))).toBe('damaged');
    // A length running past the end of the file.
    expect(problemOf(bad(good, BODY.length + 100))).toBe('damaged');
    // A length pointing into the middle of the header.
    expect(problemOf(bad(good, -5))).toBe('damaged');
  });

  it('refuses a password slot whose stored scrypt cost is impossible or enormous, as damage', () => {
    const passwordSlot = (kdf: Record<string, unknown>) => ({
      kind: 'password',
      id: randomUUID(),
      lookup: 'c'.repeat(64),
      salt: Buffer.alloc(16, 5).toString('base64'),
      kdf: { name: 'scrypt', ...kdf },
      nonce: Buffer.alloc(12, 6).toString('base64'),
      wrapped: Buffer.alloc(48, 7).toString('base64'),
    });
    const file = (kdf: Record<string, unknown>) => {
      const headerBytes = Buffer.from(JSON.stringify({ ...header(), slots: [passwordSlot(kdf)] }), 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(headerBytes.length);
      return withChecksum(Buffer.concat([MAGIC, length, headerBytes, BODY]));
    };
    expect(problemOf(file({ N: 2 ** 10, r: 8, p: 1 }))).toBe('decoded');
    expect(problemOf(file({ N: 2 ** 15, r: 8, p: 1 }))).toBe('decoded');
    for (const kdf of [
      { N: 1025, r: 8, p: 1 },
      { N: 1000, r: 8, p: 1 },
      { N: 1, r: 8, p: 1 },
      { N: 2 ** 21, r: 8, p: 1 },
      { N: 2 ** 10, r: 0, p: 1 },
      { N: 2 ** 10, r: 33, p: 1 },
      { N: 2 ** 10, r: 8, p: 0 },
      { N: 2 ** 10, r: 8, p: 17 },
      { N: 2 ** 10, r: 8.5, p: 1 },
    ]) {
      expect(problemOf(file(kdf)), JSON.stringify(kdf)).toBe('damaged');
    }
  });

  it('looks usernames up the same way whatever their case or spaces, and differently in another provision', () => {
    const provision = randomUUID();
    expect(usernameLookup(provision, '  Demo.Teacher ')).toBe(usernameLookup(provision, 'demo.teacher'));
    expect(usernameLookup(provision, 'demo.teacher')).not.toBe(usernameLookup(provision, 'demo.manager'));
    expect(usernameLookup(randomUUID(), 'demo.teacher')).not.toBe(usernameLookup(provision, 'demo.teacher'));
    expect(usernameLookup(provision, 'demo.teacher')).toMatch(/^[0-9a-f]{64}$/);
  });
});
