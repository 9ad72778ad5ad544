import { UserError } from '../errors';
import type { HandlersFor } from './types';

export const backupHandlers: HandlersFor<'backups'> = {
  'backups.list': (input, core) => core.backups.list(input?.folder),
  'backups.create': (input, core) => core.backups.backUpNow(input?.folder),
  'backups.chooseFolder': async (_input, core) => {
    if (!core.platform.canChooseFolder) {
      throw new UserError('NOT_AVAILABLE', 'Choosing a folder needs the desktop app. Type the folder path instead.');
    }
    return { folder: await core.platform.chooseFolder() };
  },
  'backups.inspect': (input, core) => core.backups.inspect(input),
  'backups.restore': (input, core) => core.backups.restore(input),
};
