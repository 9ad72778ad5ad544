import { randomBytes, randomUUID } from 'node:crypto';
import {
  encodeEnvelopeChunks,
  EnvelopeError,
  usernameLookup,
  type Envelope,
  type EnvelopeHeader,
  type JournalRef,
  type Slot,
} from './envelope';
import {
  DEFAULT_SCRYPT,
  KEY_BYTES,
  keyFromPassword,
  keyFromRecoveryKey,
  NONCE_BYTES,
  NoncePool,
  open,
  seal,
  sealChunks,
  type ScryptParams,
} from './keys';

const SALT_BYTES = 16;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const unb64 = (text: string) => Buffer.from(text, 'base64');

/** Binds a wrapped key to its provision and its slot, so a slot pasted in from another file fails. */
const slotAad = (provisionId: string, slotId: string) => Buffer.from(`key-desk slot\n${provisionId}\n${slotId}`, 'utf8');

/**
 * The data key of one open data file and the slots that unlock it. Only this class ever holds the
 * data key; the database is sealed under it on every save with a fresh nonce.
 */
export class Keyring {
  /** Nonces for journal records (see NoncePool). */
  private readonly nonces = new NoncePool();

  private constructor(
    private readonly dataKey: Buffer,
    readonly provisionId: string,
    readonly demo: boolean,
    private slots: Slot[],
    private readonly scryptParams: ScryptParams,
  ) {}

  static create(options: { demo: boolean; scrypt?: ScryptParams }): Keyring {
    return new Keyring(randomBytes(KEY_BYTES), randomUUID(), options.demo, [], options.scrypt ?? DEFAULT_SCRYPT);
  }

  /** The staff id whose password opened the file, or null when the username or password is wrong. */
  static async unlockWithPassword(
    envelope: Envelope,
    username: string,
    password: string,
    scrypt: ScryptParams = DEFAULT_SCRYPT,
  ): Promise<{ keyring: Keyring; staffId: string } | null> {
    const { header } = envelope;
    const lookup = usernameLookup(header.provisionId, username);
    const slot = header.slots.find((s) => s.kind === 'password' && s.lookup === lookup);
    if (!slot || slot.kind !== 'password') {
      // Same work as a real attempt, so timing does not tell which usernames exist.
      await keyFromPassword(password, randomBytes(SALT_BYTES), scrypt);
      return null;
    }
    const kek = await slotKey(password, slot);
    const dataKey = kek && tryOpen(kek, slot, header.provisionId);
    if (!dataKey) return null;
    return { keyring: new Keyring(dataKey, header.provisionId, header.demo, [...header.slots], scrypt), staffId: slot.id };
  }

  /** Whether a username has a password slot (the guard counts made-up usernames apart). */
  static hasPasswordSlot(envelope: Envelope, username: string): boolean {
    const lookup = usernameLookup(envelope.header.provisionId, username);
    return envelope.header.slots.some((s) => s.kind === 'password' && s.lookup === lookup);
  }

  static async unlockWithRecovery(envelope: Envelope, secret: Uint8Array, scrypt: ScryptParams = DEFAULT_SCRYPT): Promise<Keyring | null> {
    const { header } = envelope;
    const slot = header.slots.find((s) => s.kind === 'recovery');
    if (!slot) return null;
    const kek = await keyFromRecoveryKey(secret, unb64(slot.salt));
    const dataKey = tryOpen(kek, slot, header.provisionId);
    return dataKey ? new Keyring(dataKey, header.provisionId, header.demo, [...header.slots], scrypt) : null;
  }

  /** Checks a password against a person's slot without changing anything (quick unlock). */
  async checkPassword(staffId: string, password: string): Promise<boolean> {
    const slot = this.slots.find((s) => s.kind === 'password' && s.id === staffId);
    if (!slot || slot.kind !== 'password') {
      await keyFromPassword(password, randomBytes(SALT_BYTES), this.scryptParams);
      return false;
    }
    const kek = await slotKey(password, slot);
    const key = kek && tryOpen(kek, slot, this.provisionId);
    return key !== null && key.equals(this.dataKey);
  }

  /** Whether a person's password was wrapped at a lower cost than new passwords get (an older file). */
  slotNeedsNewCost(staffId: string): boolean {
    const slot = this.slots.find((s) => s.kind === 'password' && s.id === staffId);
    if (!slot || slot.kind !== 'password') return false;
    const { N, r, p } = this.scryptParams;
    return slot.kdf.N < N || slot.kdf.r < r || slot.kdf.p < p;
  }

  /** Adds or replaces one person's slot; every other slot is left exactly as it was. */
  async setPassword(staffId: string, username: string, password: string): Promise<void> {
    const salt = randomBytes(SALT_BYTES);
    const kek = await keyFromPassword(password, salt, this.scryptParams);
    const { nonce, sealed } = seal(kek, this.dataKey, slotAad(this.provisionId, staffId));
    const slot: Slot = {
      kind: 'password',
      id: staffId,
      lookup: usernameLookup(this.provisionId, username),
      salt: b64(salt),
      kdf: { name: 'scrypt', ...this.scryptParams },
      nonce: b64(nonce),
      wrapped: b64(sealed),
    };
    this.slots = [...this.slots.filter((s) => s.id !== staffId), slot];
  }

  /** A new username finds the same slot; the password and wrapped key are unchanged. */
  renameSlot(staffId: string, username: string): void {
    this.slots = this.slots.map((s) =>
      s.kind === 'password' && s.id === staffId ? { ...s, lookup: usernameLookup(this.provisionId, username) } : s,
    );
  }

  removeSlot(staffId: string): void {
    this.slots = this.slots.filter((s) => s.id !== staffId);
  }

  hasSlot(staffId: string): boolean {
    return this.slots.some((s) => s.id === staffId);
  }

  async setRecoveryKey(secret: Uint8Array): Promise<void> {
    const salt = randomBytes(SALT_BYTES);
    const kek = await keyFromRecoveryKey(secret, salt);
    const { nonce, sealed } = seal(kek, this.dataKey, slotAad(this.provisionId, 'recovery'));
    const slot: Slot = { kind: 'recovery', id: 'recovery', salt: b64(salt), nonce: b64(nonce), wrapped: b64(sealed) };
    this.slots = [...this.slots.filter((s) => s.kind !== 'recovery'), slot];
  }

  /** The whole file for these database bytes: sealed under the data key with a new nonce. */
  sealFile(database: Uint8Array, journal?: JournalRef): Buffer {
    return Buffer.concat(this.sealFileChunks(database, journal));
  }

  /**
   * The same file in pieces, for writing without joining them (what every checkpoint uses). With a
   * journal named, the file is format 2; without, format 1 (as files were before the journal).
   */
  sealFileChunks(database: Uint8Array, journal?: JournalRef): Buffer[] {
    // A file nobody could ever open again must not replace one they can.
    if (this.slots.length === 0) throw new Error('Refusing to seal a data file with no way to open it');
    // The nonce is in the header, which the seal authenticates: choose it first, then seal.
    const nonce = randomBytes(NONCE_BYTES);
    const header: EnvelopeHeader = {
      format: journal ? 2 : 1,
      provisionId: this.provisionId,
      demo: this.demo,
      slots: this.slots,
      body: { nonce: b64(nonce) },
      ...(journal ? { journal } : {}),
    };
    return encodeEnvelopeChunks(header, (aad) => sealChunks(this.dataKey, nonce, database, aad));
  }

  /** One change-journal record (its plaintext in parts, sealed as one): under the data key with a fresh nonce, bound to `aad`. */
  sealRecord(plaintext: readonly Uint8Array[], aad: Uint8Array): { nonce: Buffer; sealed: Buffer[] } {
    const nonce = this.nonces.next();
    return { nonce, sealed: sealChunks(this.dataKey, nonce, plaintext, aad) };
  }

  /** A journal record's plaintext; throws if it, its nonce or `aad` is not exactly what was sealed. */
  openRecord(nonce: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Buffer {
    return open(this.dataKey, nonce, sealed, aad);
  }

  /** The database bytes inside an envelope sealed under this keyring's data key. */
  openFile(envelope: Envelope): Buffer {
    try {
      return open(this.dataKey, unb64(envelope.header.body.nonce), envelope.sealedBody, envelope.aad);
    } catch {
      throw new EnvelopeError('damaged', 'database seal does not verify');
    }
  }
}

/** The key a password gives for a slot; null when the slot's stored cost cannot be used (an edited header). */
async function slotKey(password: string, slot: Extract<Slot, { kind: 'password' }>): Promise<Buffer | null> {
  try {
    return await keyFromPassword(password, unb64(slot.salt), slot.kdf);
  } catch {
    return null;
  }
}

function tryOpen(kek: Buffer, slot: Slot, provisionId: string): Buffer | null {
  try {
    const key = open(kek, unb64(slot.nonce), unb64(slot.wrapped), slotAad(provisionId, slot.id));
    return key.length === KEY_BYTES ? key : null;
  } catch {
    return null;
  }
}

