import type { Selectable } from 'kysely';
import type { Contact } from '../../../shared/domain/pupil-record';
import type { Db } from '../db/dialect';
import type { DbContact } from '../db/schema';

function toContact(row: Selectable<DbContact>): Contact {
  return {
    id: row.id,
    pupilId: row.pupil_id,
    name: row.name,
    relationship: row.relationship,
    phone: row.phone,
    email: row.email,
    parentalResponsibility: row.parental_responsibility === 1,
  };
}

/** A pupil's contacts, those with parental responsibility first, then in the order they were added. */
export async function listContacts(db: Db, pupilId: string): Promise<Contact[]> {
  const rows = await db
    .selectFrom('contacts')
    .selectAll()
    .where('pupil_id', '=', pupilId)
    .orderBy('parental_responsibility', 'desc')
    .orderBy('created_at')
    .orderBy('name')
    .execute();
  return rows.map(toContact);
}

export async function findContact(db: Db, id: string): Promise<Contact | undefined> {
  const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toContact(row) : undefined;
}

export async function insertContact(db: Db, contact: Contact, now: string): Promise<void> {
  await db
    .insertInto('contacts')
    .values({
      id: contact.id,
      pupil_id: contact.pupilId,
      name: contact.name,
      relationship: contact.relationship,
      phone: contact.phone,
      email: contact.email,
      parental_responsibility: contact.parentalResponsibility ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** Replaces every field of a contact (the form always sends the whole contact). */
export async function updateContact(db: Db, contact: Contact, now: string): Promise<void> {
  await db
    .updateTable('contacts')
    .set({
      name: contact.name,
      relationship: contact.relationship,
      phone: contact.phone,
      email: contact.email,
      parental_responsibility: contact.parentalResponsibility ? 1 : 0,
      updated_at: now,
    })
    .where('id', '=', contact.id)
    .execute();
}

export async function deleteContact(db: Db, id: string): Promise<void> {
  await db.deleteFrom('contacts').where('id', '=', id).execute();
}
