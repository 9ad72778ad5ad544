import type { HandlersFor } from './types';

export const backupHandlers: HandlersFor<'backups'> = {
  'backups.list': (input, core) => core.backups.list(input?.folder),
  'backups.create': (input, core) => core.backups.backUpNow(input?.folder),
  'backups.inspect': (input, core) => core.backups.inspect(input),
  'backups.restore': (input, core) => core.backups.restore(input),
};
