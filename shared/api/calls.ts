/**
 * The names of every call, with no schemas attached, so the sandboxed preload can build the client
 * without bundling a validation library. The contract and the access table must have exactly these
 * keys (checked by the compiler in contract.ts and access.ts).
 */
export const CALL_NAMES = [
  'app.status',
  'setup.createDatabase',
  'setup.openFolder',
  'setup.chooseFolder',
  'session.signIn',
  'session.recover',
  'session.unlock',
  'session.lock',
  'session.signOut',
  'session.touch',
  'session.changePassword',
  'bases.list',
  'bases.update',
  'settings.get',
  'settings.update',
  'staff.list',
  'staff.create',
  'staff.update',
  'staff.setPassword',
  'staff.remove',
  'provision.newRecoveryKey',
  'audit.list',
  'audit.people',
  'audit.export',
] as const;

export type CallName = (typeof CALL_NAMES)[number];
