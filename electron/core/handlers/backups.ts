import { UserError } from '../errors';
import type { HandlersFor } from './types';

export const backupHandlers: HandlersFor<'backups'> = {
  'backups.list': (input, ctx) => ctx.core.backups.list(input?.folder),
  'backups.create': (input, ctx) => ctx.core.backups.backUpNow(input?.folder),
  'backups.chooseFolder': async (_input, ctx) => {
    if (!ctx.core.platform.canChooseFolder) {
      throw new UserError('NOT_AVAILABLE', 'Choosing a folder needs the desktop app. Type the folder path instead.');
    }
    return { folder: await ctx.core.platform.chooseFolder() };
  },
  'backups.inspect': (input, ctx) => ctx.core.backups.inspect(input),
  'backups.restore': (input, ctx) => ctx.core.backups.restore(input),
};
