import { newId } from '../ids';
import type { ParsedInput } from '../../../shared/api/contract';
import type { School } from '../../../shared/domain/schools';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { findSchool, findSchoolByName, insertSchool, updateSchool } from '../repositories/schools';

async function checkNameFree(db: Db, name: string, exceptId?: string): Promise<void> {
  const clash = await findSchoolByName(db, name);
  if (clash && clash.id !== exceptId) throw new UserError('CONFLICT', `There is already a school called ${clash.name}.`, 'name');
}

export async function addSchool(db: Db, input: ParsedInput<'schools.create'>, now: string): Promise<School> {
  const school: School = {
    id: newId(),
    name: input.name,
    sencoName: input.sencoName ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    address: input.address ?? null,
  };
  return db.transaction().execute(async (tx) => {
    await checkNameFree(tx, school.name);
    await insertSchool(tx, school, now);
    return school;
  });
}

export async function changeSchool(db: Db, input: ParsedInput<'schools.update'>, now: string): Promise<School> {
  const { id, ...changes } = input;
  return db.transaction().execute(async (tx) => {
    if (!(await findSchool(tx, id))) throw new UserError('NOT_FOUND', 'That school is not one Key Desk knows.', 'id');
    if (changes.name !== undefined) await checkNameFree(tx, changes.name, id);
    await updateSchool(tx, id, changes, now);
    return (await findSchool(tx, id)) as School;
  });
}
