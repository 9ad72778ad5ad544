/** What this PC remembers outside the database. The desktop app keeps it with electron-store. */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximised: boolean;
}

export interface SettingsData {
  dataFolder: string | null;
  defaultBaseId: string | null;
  window: WindowState | null;
}

export interface SettingsStore {
  get(): SettingsData;
  update(patch: Partial<SettingsData>): void;
}

export const DEFAULT_SETTINGS: SettingsData = { dataFolder: null, defaultBaseId: null, window: null };

/** Settings that last as long as the process: browser mode and tests. */
export function memorySettings(initial: Partial<SettingsData> = {}): SettingsStore {
  let data: SettingsData = { ...DEFAULT_SETTINGS, ...initial };
  return {
    get: () => data,
    update(patch) {
      data = { ...data, ...patch };
    },
  };
}
