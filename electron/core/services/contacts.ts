import { newId } from '../ids';
import type { ParsedInput } from '../../../shared/api/contract';
import type { Contact } from '../../../shared/domain/pupil-record';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { deleteContact, findContact, insertContact, updateContact } from '../repositories/contacts';
import { requireVisiblePupil } from './pupils';
import type { PupilScope } from '../scope';

const NOT_KNOWN = 'That contact is not one Key Desk knows. It may have been removed.';

/** Adds a contact (no id) or replaces one: the form always sends the whole contact. */
export async function saveContact(db: Db, scope: PupilScope, input: ParsedInput<'contacts.save'>, today: string, now: string): Promise<Contact> {
  return db.transaction().execute(async (tx) => {
    await requireVisiblePupil(tx, scope, input.pupilId, today, 'pupilId');
    const contact: Contact = {
      id: input.id ?? newId(),
      pupilId: input.pupilId,
      name: input.name,
      relationship: input.relationship,
      phone: input.phone ?? null,
      email: input.email ?? null,
      parentalResponsibility: input.parentalResponsibility ?? false,
    };
    if (input.id === undefined) {
      await insertContact(tx, contact, now);
    } else {
      // A contact belongs to one pupil: it cannot be moved to another by saving it there.
      const existing = await findContact(tx, input.id);
      if (!existing || existing.pupilId !== input.pupilId) throw new UserError('NOT_FOUND', NOT_KNOWN, 'id');
      await updateContact(tx, contact, now);
    }
    return contact;
  });
}

export async function removeContact(db: Db, scope: PupilScope, id: string, today: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const existing = await findContact(tx, id);
    if (!existing) throw new UserError('NOT_FOUND', NOT_KNOWN, 'id');
    await requireVisiblePupil(tx, scope, existing.pupilId, today, 'id');
    await deleteContact(tx, id);
  });
}
