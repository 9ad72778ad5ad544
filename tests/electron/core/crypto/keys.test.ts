import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, keyFromPassword, keyFromRecoveryKey, NONCE_BYTES, NoncePool, open, seal, sealChunks } from '../../../../electron/core/crypto/keys';
import { TEST_SCRYPT } from '../../../helpers/core';

describe('keys and seals', () => {
  it('derives the same key from the same password and salt, and a different one from any change', async () => {
    const salt = randomBytes(16);
    const key = await keyFromPassword('correct-horse-staple', salt, TEST_SCRYPT);
    expect(key).toHaveLength(32);
    expect((await keyFromPassword('correct-horse-staple', salt, TEST_SCRYPT)).equals(key)).toBe(true);
    expect((await keyFromPassword('correct-horse-stapl', salt, TEST_SCRYPT)).equals(key)).toBe(false);
    expect((await keyFromPassword('correct-horse-staple', randomBytes(16), TEST_SCRYPT)).equals(key)).toBe(false);
    expect((await keyFromPassword('correct-horse-staple', salt, { ...TEST_SCRYPT, N: TEST_SCRYPT.N * 2 })).equals(key)).toBe(false);
  });

  it('treats a password typed with composed or decomposed accents as the same password', async () => {
    const salt = randomBytes(16);
    const composed = await keyFromPassword('café-au-lait-2026', salt, TEST_SCRYPT);
    const decomposed = await keyFromPassword('cafe\u0301-au-lait-2026', salt, TEST_SCRYPT);
    expect(decomposed.equals(composed)).toBe(true);
  });

  it('derives a recovery slot key from the secret and salt', async () => {
    const secret = randomBytes(20);
    const salt = randomBytes(16);
    const key = await keyFromRecoveryKey(secret, salt);
    expect(key).toHaveLength(32);
    expect((await keyFromRecoveryKey(secret, salt)).equals(key)).toBe(true);
    expect((await keyFromRecoveryKey(randomBytes(20), salt)).equals(key)).toBe(false);
  });

  it('AES-256-GCM: opens what it sealed; any changed byte of nonce, data, tag or aad, or another key, throws', () => {
    const key = randomBytes(32);
    const aad = Buffer.from('header');
    const plain = Buffer.from('Pupil: Freya Marlow');
    const { nonce, sealed } = seal(key, plain, aad);
    expect(open(key, nonce, sealed, aad).equals(plain)).toBe(true);
    expect(sealed.includes(plain)).toBe(false);
    for (let i = 0; i < sealed.length; i++) {
      const copy = Buffer.from(sealed);
      copy[i] = copy[i]! ^ 1;
      expect(() => open(key, nonce, copy, aad), `sealed byte ${i}`).toThrow();
    }
    for (let i = 0; i < nonce.length; i++) {
      const copy = Buffer.from(nonce);
      copy[i] = copy[i]! ^ 1;
      expect(() => open(key, copy, sealed, aad), `nonce byte ${i}`).toThrow();
    }
    expect(() => open(key, nonce, sealed, Buffer.from('headeR'))).toThrow();
    expect(() => open(key, nonce, sealed)).toThrow();
    expect(() => open(randomBytes(32), nonce, sealed, aad)).toThrow();
    expect(() => open(key, nonce, sealed.subarray(0, 15), aad)).toThrow(/too short/);
    expect(() => open(key, nonce, sealed.subarray(0, sealed.length - 1), aad)).toThrow();
  });

  it('never reuses a nonce', () => {
    const key = randomBytes(32);
    const nonces = new Set(Array.from({ length: 1000 }, () => seal(key, Buffer.from('x')).nonce.toString('hex')));
    expect(nonces.size).toBe(1000);
  });

  // The one test that pays for the real cost: it must not hold up the event loop (the window stays live).
  it('hashes a password at the app’s own cost off the event loop', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const started = performance.now();
      await keyFromPassword('violet-harbour-lamp', randomBytes(16), DEFAULT_SCRYPT);
      const elapsed = performance.now() - started;
      // The event loop kept turning while scrypt ran on the thread pool.
      expect(ticks).toBeGreaterThanOrEqual(Math.min(3, Math.floor(elapsed / 20)));
      expect(elapsed).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
    expect(DEFAULT_SCRYPT.N).toBeGreaterThanOrEqual(2 ** 15);
  });
});

describe('journal record seals', () => {
  it('draw a different 12-byte nonce every time, past the pool refilling', () => {
    const pool = new NoncePool();
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const nonce = pool.next();
      expect(nonce.length).toBe(NONCE_BYTES);
      seen.add(nonce.toString('hex'));
    }
    expect(seen.size).toBe(1000);
  });

  it('seal a plaintext given in parts exactly as the same bytes given whole', () => {
    const key = randomBytes(32);
    const nonce = new NoncePool().next();
    const aad = Buffer.from('record 7');
    const parts = [Uint8Array.of(0), randomBytes(4120)];
    const sealed = Buffer.concat(sealChunks(key, nonce, parts, aad));
    expect(sealed).toEqual(Buffer.concat(sealChunks(key, nonce, Buffer.concat(parts), aad)));
    expect(open(key, nonce, sealed, aad)).toEqual(Buffer.concat(parts));
  });
});
