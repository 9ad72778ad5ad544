import type { Role } from '../domain/staff';

/** Why the data file could not be opened. The file itself is never touched in any of these cases. */
export type FileProblemKind = 'empty' | 'corrupt' | 'not-ours' | 'too-new' | 'unreadable' | 'folder-unusable';

export interface FileProblem {
  kind: FileProblemKind;
  message: string;
  /** The file that was refused, so staff can find it or hand it to support. */
  path: string;
}

export interface SignedInUser {
  id: string;
  name: string;
  username: string;
  roles: Role[];
  baseIds: string[];
}

/** A demo file's made-up accounts, shown on its sign-in screen. Never present for a real provision. */
export interface DemoAccount {
  username: string;
  password: string;
  description: string;
}

export interface AppStatus {
  /**
   * setup: no data file in the folder yet. failed: the file was refused. sign-in: a data file is
   * there, sealed, and nobody is signed in. locked: signed in, but locked after inactivity (or by
   * hand). ready: signed in and working.
   */
  state: 'setup' | 'failed' | 'sign-in' | 'locked' | 'ready';
  dataFolder: string | null;
  isDemo: boolean;
  /** Known once the file is open. */
  provisionName: string | null;
  problem: FileProblem | null;
  user: SignedInUser | null;
  demoAccounts: DemoAccount[] | null;
  /** Minutes without use before Key Desk locks itself. */
  autoLockMinutes: number | null;
  /** Set when saving to disk is failing; changes are kept in memory and retried. */
  saveProblem: string | null;
  /** Saving has stopped for good (the file on disk was changed by something else): no retries. */
  saveStopped?: boolean;
  /**
   * Browser mode: someone is signed in from another browser, so this one sees only the sign-in
   * screen (and is told why signing in is refused).
   */
  inUseElsewhere?: boolean;
  /**
   * Another Key Desk holds the data folder, in words: "Key Desk is open on CLASSROOM-PC since 09:12 by
   * jsmith." Set on the sign-in screen (signing in then opens the data read-only) and while read-only.
   */
  heldElsewhere?: string | null;
  /** This window has the data open read-only: every change is refused and nothing is saved. */
  readOnly?: boolean;
  /** True where the platform can show a folder picker (the desktop app, not browser mode). */
  canChooseFolder: boolean;
  version: string;
  /** Today by the core's clock (ISO): the date screens show and forms start from, not the browser's. */
  today: string;
}

export interface DeviceSettings {
  /** The base this PC is usually used at; screens open on it first. */
  defaultBaseId: string | null;
  /** For the whole provision: minutes without use before Key Desk locks itself. */
  autoLockMinutes: number;
}
