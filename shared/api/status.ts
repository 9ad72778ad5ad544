/** Why the data file could not be opened. The file itself is never touched in any of these cases. */
export type FileProblemKind = 'empty' | 'corrupt' | 'not-ours' | 'too-new' | 'unreadable' | 'folder-unusable';

export interface FileProblem {
  kind: FileProblemKind;
  message: string;
  /** The file that was refused, so staff can find it or hand it to support. */
  path: string;
}

export interface AppStatus {
  /** ready: a database is open. setup: no database in the data folder yet. failed: the file was refused. */
  state: 'ready' | 'setup' | 'failed';
  dataFolder: string | null;
  isDemo: boolean;
  provisionName: string | null;
  problem: FileProblem | null;
  /** True where the platform can show a folder picker (the desktop app, not browser mode). */
  canChooseFolder: boolean;
  version: string;
}

export interface DeviceSettings {
  /** The base this PC is usually used at; screens open on it first. */
  defaultBaseId: string | null;
}
