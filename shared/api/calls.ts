/**
 * The names of every call, with no schemas attached, so the sandboxed preload can build the client
 * without bundling a validation library. The contract must have exactly these keys (checked by the
 * compiler in contract.ts).
 */
export const CALL_NAMES = [
  'app.status',
  'setup.createDatabase',
  'setup.openFolder',
  'setup.chooseFolder',
  'bases.list',
  'bases.update',
  'settings.get',
  'settings.update',
] as const;

export type CallName = (typeof CALL_NAMES)[number];
