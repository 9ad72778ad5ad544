import { randomUUID } from 'node:crypto';
import type { ParsedInput } from '../../../shared/api/contract';
import { passwordProblem, type StaffMember } from '../../../shared/domain/staff';
import type { DataFile } from '../data-file';
import type { Db } from '../db/dialect';
import { UserError } from '../errors';
import { listBases } from '../repositories/bases';
import { findStaff, findStaffByUsername, insertStaff, listStaff, removeStaff, updateStaff } from '../repositories/staff';

export type NewStaff = ParsedInput<'staff.create'>;

async function checkUsernameFree(db: Db, username: string, exceptId?: string): Promise<void> {
  const clash = await findStaffByUsername(db, username);
  if (clash && clash.id !== exceptId) throw new UserError('CONFLICT', `Someone already has the username ${username}.`, 'username');
}

async function checkBases(db: Db, baseIds: readonly string[], today: string): Promise<void> {
  const known = new Set((await listBases(db, today)).map((b) => b.id));
  if (baseIds.some((id) => !known.has(id))) throw new UserError('NOT_FOUND', 'One of those bases is not one Key Desk knows.', 'baseIds');
}

function checkPassword(password: string, person: { username: string; name: string }, field = 'password'): void {
  const problem = passwordProblem(password, person);
  if (problem) throw new UserError('INVALID_INPUT', problem, field);
}

/** Key Desk must always have someone who can manage staff. */
async function checkAnAdministratorRemains(db: Db, without: string, roles?: readonly string[]): Promise<void> {
  const others = (await listStaff(db)).filter((s) => s.id !== without && s.roles.includes('administrator'));
  if (others.length === 0 && !roles?.includes('administrator')) {
    throw new UserError('CONFLICT', 'Key Desk needs at least one administrator. Make someone else an administrator first.', 'roles');
  }
}

/** A new account and its key slot: from now on their password opens the data file. */
export async function addStaffMember(file: DataFile, input: NewStaff, today: string, now: string): Promise<StaffMember> {
  checkPassword(input.password, input);
  const member: StaffMember = { id: randomUUID(), name: input.name, username: input.username, roles: input.roles, baseIds: input.baseIds };
  await file.db.transaction().execute(async (tx) => {
    await checkUsernameFree(tx, input.username);
    await checkBases(tx, input.baseIds, today);
    await insertStaff(tx, member, now);
  });
  await file.keyring.setPassword(member.id, member.username, input.password);
  file.saveSoon();
  return member;
}

export async function changeStaffMember(file: DataFile, input: ParsedInput<'staff.update'>, today: string, now: string): Promise<StaffMember> {
  const { id, ...changes } = input;
  const updated = await file.db.transaction().execute(async (tx) => {
    const member = await findStaff(tx, id);
    if (!member) throw new UserError('NOT_FOUND', 'That member of staff is not one Key Desk knows.', 'id');
    if (changes.username !== undefined) await checkUsernameFree(tx, changes.username, id);
    if (changes.baseIds) await checkBases(tx, changes.baseIds, today);
    if (changes.roles && member.roles.includes('administrator')) await checkAnAdministratorRemains(tx, id, changes.roles);
    await updateStaff(tx, id, changes, now);
    return (await findStaff(tx, id)) as StaffMember;
  });
  if (changes.username !== undefined) {
    file.keyring.renameSlot(id, updated.username);
    file.saveSoon();
  }
  return updated;
}

export async function removeStaffMember(file: DataFile, id: string, selfId: string, now: string): Promise<void> {
  if (id === selfId) throw new UserError('CONFLICT', 'You cannot remove your own account. Ask another administrator.', 'id');
  await file.db.transaction().execute(async (tx) => {
    const member = await findStaff(tx, id);
    if (!member) throw new UserError('NOT_FOUND', 'That member of staff is not one Key Desk knows.', 'id');
    if (member.roles.includes('administrator')) await checkAnAdministratorRemains(tx, id);
    await removeStaff(tx, id, now);
  });
  file.keyring.removeSlot(id);
  file.saveSoon();
}

/** Sets a person's password: only their own key slot is rewritten. */
export async function setStaffPassword(file: DataFile, id: string, password: string, field = 'password'): Promise<StaffMember> {
  const member = await findStaff(file.db, id);
  if (!member) throw new UserError('NOT_FOUND', 'That member of staff is not one Key Desk knows.', 'id');
  checkPassword(password, member, field);
  await file.keyring.setPassword(member.id, member.username, password);
  file.saveSoon();
  return member;
}
