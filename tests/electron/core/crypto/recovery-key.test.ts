import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, newRecoverySecret, parseRecoveryKey } from '../../../../electron/core/crypto/recovery-key';

describe('the recovery key', () => {
  it('is 160 random bits shown as 8 groups of 4 unambiguous characters, and reads back exactly', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const secret = newRecoverySecret();
      expect(secret).toHaveLength(20);
      const text = formatRecoveryKey(secret);
      expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$/);
      expect(parseRecoveryKey(text)?.equals(secret)).toBe(true);
      seen.add(text);
    }
    expect(seen.size).toBe(200);
  });

  it('forgives case, spaces, missing dashes and the letters people confuse with digits', () => {
    const secret = Buffer.from('00112233445566778899aabbccddeeff01234567', 'hex');
    const text = formatRecoveryKey(secret);
    expect(parseRecoveryKey(text.toLowerCase())?.equals(secret)).toBe(true);
    expect(parseRecoveryKey(` ${text.replace(/-/g, ' ')} `)?.equals(secret)).toBe(true);
    expect(parseRecoveryKey(text.replace(/-/g, ''))?.equals(secret)).toBe(true);
    expect(parseRecoveryKey(text.replace(/0/g, 'O').replace(/1/g, 'l'))?.equals(secret)).toBe(true);
    expect(parseRecoveryKey(text.replace(/1/g, 'I'))?.equals(secret)).toBe(true);
  });

  it('reads all-zero and all-one secrets (the edges of the encoding)', () => {
    for (const fill of [0x00, 0xff]) {
      const secret = Buffer.alloc(20, fill);
      expect(parseRecoveryKey(formatRecoveryKey(secret))?.equals(secret)).toBe(true);
    }
  });

  it('refuses text that is not a recovery key: wrong length or a letter not in the alphabet', () => {
    const text = formatRecoveryKey(newRecoverySecret());
    expect(parseRecoveryKey('')).toBeNull();
    expect(parseRecoveryKey(text.slice(0, -1))).toBeNull();
    expect(parseRecoveryKey(`${text}A`)).toBeNull();
    expect(parseRecoveryKey(`${text.slice(0, -1)}U`)).toBeNull();
    expect(parseRecoveryKey(`${text.slice(0, -1)}*`)).toBeNull();
  });
});
