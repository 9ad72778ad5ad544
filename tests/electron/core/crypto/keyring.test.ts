import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeEnvelope, EnvelopeError, type Envelope, type Slot } from '../../../../electron/core/crypto/envelope';
import { Keyring } from '../../../../electron/core/crypto/keyring';
import { newRecoverySecret } from '../../../../electron/core/crypto/recovery-key';
import { TEST_SCRYPT } from '../../../helpers/core';
import { withEditedHeader } from '../sealed-files';

const DATABASE = Buffer.from('SQLite format 3\0 Pretend pupil: Amara Bramwell, born 2018-04-12', 'latin1');
const TEACHER_ID = randomUUID();
const MANAGER_ID = randomUUID();

async function twoPersonKeyring() {
  const keyring = Keyring.create({ demo: false, scrypt: TEST_SCRYPT });
  await keyring.setPassword(TEACHER_ID, 'k.teacher', 'teacher-password-1');
  await keyring.setPassword(MANAGER_ID, 'k.manager', 'manager-password-1');
  const secret = newRecoverySecret();
  await keyring.setRecoveryKey(secret);
  return { keyring, secret };
}

const slotOf = (envelope: Envelope, id: string): Slot | undefined => envelope.header.slots.find((s) => s.id === id);

function passwordSlot(envelope: Envelope, id: string): Extract<Slot, { kind: 'password' }> {
  const slot = slotOf(envelope, id);
  if (slot?.kind !== 'password') throw new Error(`no password slot for ${id}`);
  return slot;
}

describe('the keyring', () => {
  it('seals a database that only its data key opens, with none of the plain bytes in the file', async () => {
    const { keyring } = await twoPersonKeyring();
    const file = keyring.sealFile(DATABASE);
    expect(file.includes(Buffer.from('Amara'))).toBe(false);
    expect(file.includes(Buffer.from('2018-04-12'))).toBe(false);
    expect(file.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(keyring.openFile(decodeEnvelope(file)).equals(DATABASE)).toBe(true);
    const stranger = Keyring.create({ demo: false, scrypt: TEST_SCRYPT });
    expect(() => stranger.openFile(decodeEnvelope(file))).toThrow(EnvelopeError);
  });

  it('opens with each person’s own password, telling who it was, and with nothing else', async () => {
    const { keyring } = await twoPersonKeyring();
    const envelope = decodeEnvelope(keyring.sealFile(DATABASE));
    const teacher = await Keyring.unlockWithPassword(envelope, 'K.Teacher', 'teacher-password-1', TEST_SCRYPT);
    expect(teacher?.staffId).toBe(TEACHER_ID);
    expect(teacher?.keyring.openFile(envelope).equals(DATABASE)).toBe(true);
    expect((await Keyring.unlockWithPassword(envelope, 'k.manager', 'manager-password-1', TEST_SCRYPT))?.staffId).toBe(MANAGER_ID);
    // Someone else's password, a near miss, an unknown username, an empty password.
    expect(await Keyring.unlockWithPassword(envelope, 'k.teacher', 'manager-password-1', TEST_SCRYPT)).toBeNull();
    expect(await Keyring.unlockWithPassword(envelope, 'k.teacher', 'teacher-password-2', TEST_SCRYPT)).toBeNull();
    expect(await Keyring.unlockWithPassword(envelope, 'k.nobody', 'teacher-password-1', TEST_SCRYPT)).toBeNull();
    expect(await Keyring.unlockWithPassword(envelope, 'k.teacher', '', TEST_SCRYPT)).toBeNull();
  });

  it('opens with the recovery key and not with another one', async () => {
    const { keyring, secret } = await twoPersonKeyring();
    const envelope = decodeEnvelope(keyring.sealFile(DATABASE));
    const recovered = await Keyring.unlockWithRecovery(envelope, secret, TEST_SCRYPT);
    expect(recovered?.openFile(envelope).equals(DATABASE)).toBe(true);
    expect(await Keyring.unlockWithRecovery(envelope, newRecoverySecret(), TEST_SCRYPT)).toBeNull();
  });

  it('a new recovery key replaces the old one', async () => {
    const { keyring, secret } = await twoPersonKeyring();
    const replacement = newRecoverySecret();
    await keyring.setRecoveryKey(replacement);
    const envelope = decodeEnvelope(keyring.sealFile(DATABASE));
    expect(envelope.header.slots.filter((s) => s.kind === 'recovery')).toHaveLength(1);
    expect(await Keyring.unlockWithRecovery(envelope, secret, TEST_SCRYPT)).toBeNull();
    expect(await Keyring.unlockWithRecovery(envelope, replacement, TEST_SCRYPT)).not.toBeNull();
  });

  it('seals every save under a new nonce, so the same database never gives the same bytes twice', async () => {
    const { keyring } = await twoPersonKeyring();
    const nonces = new Set<string>();
    const bodies = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const envelope = decodeEnvelope(keyring.sealFile(DATABASE));
      nonces.add(envelope.header.body.nonce);
      bodies.add(envelope.sealedBody.toString('base64'));
    }
    expect(nonces.size).toBe(20);
    expect(bodies.size).toBe(20);
  });

  it('changing one password rewrites only that slot; the other slots stay exactly as they were', async () => {
    const { keyring } = await twoPersonKeyring();
    const before = decodeEnvelope(keyring.sealFile(DATABASE));
    await keyring.setPassword(TEACHER_ID, 'k.teacher', 'teacher-password-2');
    const after = decodeEnvelope(keyring.sealFile(DATABASE));
    expect(JSON.stringify(slotOf(after, MANAGER_ID))).toBe(JSON.stringify(slotOf(before, MANAGER_ID)));
    expect(JSON.stringify(slotOf(after, 'recovery'))).toBe(JSON.stringify(slotOf(before, 'recovery')));
    const [old, changed] = [slotOf(before, TEACHER_ID), slotOf(after, TEACHER_ID)];
    expect(changed).toMatchObject({ kind: 'password', id: TEACHER_ID });
    expect(changed && old && changed.salt !== old.salt && changed.nonce !== old.nonce && changed.wrapped !== old.wrapped).toBe(true);
    expect(after.header.slots).toHaveLength(before.header.slots.length);
    expect(await Keyring.unlockWithPassword(after, 'k.teacher', 'teacher-password-1', TEST_SCRYPT)).toBeNull();
    expect((await Keyring.unlockWithPassword(after, 'k.teacher', 'teacher-password-2', TEST_SCRYPT))?.staffId).toBe(TEACHER_ID);
  });

  it('checks a person’s password against their own slot only (quick unlock)', async () => {
    const { keyring } = await twoPersonKeyring();
    expect(await keyring.checkPassword(TEACHER_ID, 'teacher-password-1')).toBe(true);
    expect(await keyring.checkPassword(TEACHER_ID, 'manager-password-1')).toBe(false);
    expect(await keyring.checkPassword(randomUUID(), 'teacher-password-1')).toBe(false);
  });

  it('a removed person’s slot is gone and their password no longer opens the file', async () => {
    const { keyring } = await twoPersonKeyring();
    keyring.removeSlot(TEACHER_ID);
    expect(keyring.hasSlot(TEACHER_ID)).toBe(false);
    const envelope = decodeEnvelope(keyring.sealFile(DATABASE));
    expect(slotOf(envelope, TEACHER_ID)).toBeUndefined();
    expect(await Keyring.unlockWithPassword(envelope, 'k.teacher', 'teacher-password-1', TEST_SCRYPT)).toBeNull();
    expect(await Keyring.unlockWithPassword(envelope, 'k.manager', 'manager-password-1', TEST_SCRYPT)).not.toBeNull();
  });

  it('a renamed username finds the same slot, with the same password', async () => {
    const { keyring } = await twoPersonKeyring();
    const before = decodeEnvelope(keyring.sealFile(DATABASE));
    keyring.renameSlot(TEACHER_ID, 'k.renamed');
    const envelope = decodeEnvelope(keyring.sealFile(DATABASE));
    const [old, renamed] = [slotOf(before, TEACHER_ID), slotOf(envelope, TEACHER_ID)];
    expect(renamed && old && { ...renamed, lookup: '' }).toEqual(old && { ...old, lookup: '' });
    expect((await Keyring.unlockWithPassword(envelope, 'k.renamed', 'teacher-password-1', TEST_SCRYPT))?.staffId).toBe(TEACHER_ID);
    expect(await Keyring.unlockWithPassword(envelope, 'k.teacher', 'teacher-password-1', TEST_SCRYPT)).toBeNull();
  });

  it('a slot spliced in from another provision’s file does not open this one', async () => {
    const ours = await twoPersonKeyring();
    const theirs = Keyring.create({ demo: false, scrypt: TEST_SCRYPT });
    await theirs.setPassword(TEACHER_ID, 'k.teacher', 'their-password-1');
    const theirSlot = passwordSlot(decodeEnvelope(theirs.sealFile(DATABASE)), TEACHER_ID);
    const ourLookup = passwordSlot(decodeEnvelope(ours.keyring.sealFile(DATABASE)), TEACHER_ID).lookup;
    // Their slot, relabelled to be found under our provision's lookup for the same username.
    const spliced = withEditedHeader(ours.keyring.sealFile(DATABASE), (header) => ({
      ...header,
      slots: [...header.slots.filter((s) => s.id !== TEACHER_ID), { ...theirSlot, lookup: ourLookup }],
    }));
    const envelope = decodeEnvelope(spliced);
    expect(await Keyring.unlockWithPassword(envelope, 'k.teacher', 'their-password-1', TEST_SCRYPT)).toBeNull();
    expect(await Keyring.unlockWithPassword(envelope, 'k.teacher', 'teacher-password-1', TEST_SCRYPT)).toBeNull();
  });

  it('a slot relabelled as someone else’s (same file, other id) does not open', async () => {
    const { keyring } = await twoPersonKeyring();
    const file = keyring.sealFile(DATABASE);
    const relabelled = withEditedHeader(file, (header) => ({
      ...header,
      slots: header.slots.map((s) => (s.id === TEACHER_ID ? { ...s, id: MANAGER_ID } : s)).filter((s, i, all) => all.findIndex((o) => o.id === s.id) === i),
    }));
    expect(await Keyring.unlockWithPassword(decodeEnvelope(relabelled), 'k.teacher', 'teacher-password-1', TEST_SCRYPT)).toBeNull();
  });

  it('a slot asking for more memory than Key Desk allows does not open, and does not throw', async () => {
    const { keyring } = await twoPersonKeyring();
    const edited = withEditedHeader(keyring.sealFile(DATABASE), (header) => ({
      ...header,
      slots: header.slots.map((s) => (s.kind === 'password' ? { ...s, kdf: { name: 'scrypt' as const, N: 2 ** 20, r: 32, p: 1 } } : s)),
    }));
    await expect(Keyring.unlockWithPassword(decodeEnvelope(edited), 'k.teacher', 'teacher-password-1', TEST_SCRYPT)).resolves.toBeNull();
  });

  it('a body spliced under another file’s header, or any header edit, fails the seal', async () => {
    const { keyring } = await twoPersonKeyring();
    const first = decodeEnvelope(keyring.sealFile(DATABASE));
    const second = decodeEnvelope(keyring.sealFile(Buffer.from('another database', 'utf8')));
    expect(() => keyring.openFile({ ...first, sealedBody: second.sealedBody })).toThrow(EnvelopeError);
    const edited = decodeEnvelope(withEditedHeader(keyring.sealFile(DATABASE), (header) => ({ ...header, demo: !header.demo })));
    expect(() => keyring.openFile(edited)).toThrow(/does not verify/);
  });
});
