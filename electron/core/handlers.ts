import type { CallName, CallOutput, ParsedInput } from '../../shared/api/contract';
import type { KeyDeskCore } from './core';
import { changeBase, listAllBases } from './services/bases';
import { UserError } from './errors';

/** One handler per call in the contract: a missing or misspelt one fails to compile. */
export type Handlers = {
  [N in CallName]: (input: ParsedInput<N>, core: KeyDeskCore) => Promise<CallOutput<N>>;
};

export const handlers: Handlers = {
  'app.status': (_input, core) => core.status(),

  'setup.createDatabase': (input, core) => core.createDatabase(input),
  'setup.openFolder': (input, core) => core.openFolder(input.folder),
  'setup.chooseFolder': async (_input, core) => {
    if (!core.platform.canChooseFolder) {
      throw new UserError('NOT_AVAILABLE', 'Choosing a folder needs the desktop app. Type the folder path instead.');
    }
    return { folder: await core.platform.chooseFolder() };
  },

  'bases.list': (_input, core) => listAllBases(core.requireDb(), core.today()),
  'bases.update': (input, core) => changeBase(core.requireDb(), input, core.today(), core.now()),

  'settings.get': async (_input, core) => ({ defaultBaseId: core.settings.get().defaultBaseId }),
  'settings.update': async (input, core) => {
    if (input.defaultBaseId !== null) {
      const bases = await listAllBases(core.requireDb(), core.today());
      if (!bases.some((b) => b.id === input.defaultBaseId)) {
        throw new UserError('NOT_FOUND', 'That base is not one Key Desk knows.', 'defaultBaseId');
      }
    }
    core.settings.update({ defaultBaseId: input.defaultBaseId });
    return { defaultBaseId: input.defaultBaseId };
  },
};
