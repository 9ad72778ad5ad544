import { createCipheriv, createDecipheriv, hkdf, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;

/** Parameters kept with each password slot, so they can be raised later without breaking old slots. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's minimum for scrypt (N=2^17, r=8, p=1, 128 MiB): about half a second on an idle 2-core
 * machine. Older slots keep the cost they were made with and are wrapped again at this one at sign-in.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/** Derives a key-encryption key from a password. Runs on libuv's thread pool, off the event loop. */
export function keyFromPassword(password: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes (128 MiB at the default); Node refuses more than 32 MiB unless told.
  const options: ScryptOptions = { ...params, maxmem: 256 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** The recovery key is 160 random bits already: a fast derivation is enough. */
export function keyFromRecoveryKey(secret: Uint8Array, salt: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    hkdf('sha256', secret, salt, 'key-desk recovery slot', KEY_BYTES, (error, key) =>
      error ? reject(error) : resolve(Buffer.from(key)),
    );
  });
}

export interface Sealed {
  nonce: Buffer;
  /** Ciphertext followed by the 16-byte GCM tag. */
  sealed: Buffer;
}

/** AES-256-GCM with a fresh random nonce every time. `aad` is authenticated but not encrypted. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  return { nonce, sealed: sealWithNonce(key, nonce, plaintext, aad) };
}

/** Only for a nonce the caller has just drawn at random (the file's nonce lives in its header). */
export function sealWithNonce(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array): Buffer {
  return Buffer.concat(sealChunks(key, nonce, plaintext, aad));
}

/**
 * The same, as ciphertext and tag in pieces: a whole database is large, and joining them costs a copy.
 * A plaintext given in parts is sealed as if joined (without joining it).
 */
export function sealChunks(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array | readonly Uint8Array[], aad?: Uint8Array): Buffer[] {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  if (aad) cipher.setAAD(aad);
  const chunks = plaintext instanceof Uint8Array ? [cipher.update(plaintext)] : plaintext.map((part) => cipher.update(part));
  const rest = cipher.final();
  if (rest.length) chunks.push(rest);
  chunks.push(cipher.getAuthTag());
  return chunks;
}

/**
 * Fresh random nonces, drawn from the system's generator 256 at a time: drawing 12 bytes costs more
 * than sealing a journal record. Each is handed out once. Nonces are not secret (each is stored
 * beside its ciphertext), so holding the next few in memory tells nobody anything.
 */
export class NoncePool {
  private pool = Buffer.alloc(0);
  private at = 0;

  next(): Buffer {
    if (this.at + NONCE_BYTES > this.pool.length) {
      this.pool = randomBytes(NONCE_BYTES * 256);
      this.at = 0;
    }
    const nonce = this.pool.subarray(this.at, this.at + NONCE_BYTES);
    this.at += NONCE_BYTES;
    return nonce;
  }
}

/** Throws if the key is wrong or a single byte of the sealed data, nonce or aad has changed. */
export function open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array, aad?: Uint8Array): Buffer {
  if (sealed.length < TAG_BYTES) throw new Error('sealed data too short');
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const body = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
  const rest = decipher.final();
  return rest.length ? Buffer.concat([body, rest]) : body;
}
