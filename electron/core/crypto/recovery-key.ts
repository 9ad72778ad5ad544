import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a printed key cannot be misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET_BYTES = 20;

export function newRecoverySecret(): Buffer {
  return randomBytes(SECRET_BYTES);
}

/** 32 characters in 8 groups of 4, e.g. `7KQ2-M9XD-…`, to print and keep somewhere safe. */
export function formatRecoveryKey(secret: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of secret) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{1,4}/g)?.join('-') ?? out;
}

/** Reads a typed recovery key, forgiving case, spaces, dashes and the letters people confuse. */
export function parseRecoveryKey(text: string): Buffer | null {
  const cleaned = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== Math.ceil((SECRET_BYTES * 8) / 5)) return null;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of cleaned) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return Buffer.from(bytes);
}
