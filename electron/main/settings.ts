import Store from 'electron-store';
import { DEFAULT_SETTINGS, type SettingsData, type SettingsStore } from '../core/settings';

/** This PC's settings in the user's app-data folder (settings.json), via electron-store. */
export function electronSettings(defaultDataFolder: string): SettingsStore {
  const store = new Store<SettingsData>({
    name: 'settings',
    defaults: { ...DEFAULT_SETTINGS, dataFolder: defaultDataFolder },
    clearInvalidConfig: false,
  });
  return {
    get: () => ({
      dataFolder: store.get('dataFolder'),
      defaultBaseId: store.get('defaultBaseId'),
      window: store.get('window'),
    }),
    update: (patch) => {
      for (const [key, value] of Object.entries(patch) as Array<[keyof SettingsData, SettingsData[keyof SettingsData]]>) {
        if (value !== undefined) store.set(key, value);
      }
    },
  };
}
