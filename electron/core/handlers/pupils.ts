import type { KeyDeskCore } from '../core';
import { listSchools } from '../repositories/schools';
import { removeContact, saveContact } from '../services/contacts';
import { exportPupils, importPupils, previewImport } from '../services/pupil-csv';
import { changePupil, createPupil, findDuplicates, getPupilPage, listVisiblePupils } from '../services/pupils';
import { addSchool, changeSchool } from '../services/schools';
import { scopeFor } from '../services/scope';
import type { HandlersFor } from './types';

/** Whose pupils the signed-in person may see: every read and write of a pupil goes through this. */
const scope = (core: KeyDeskCore) => scopeFor(core.sessions.requireUser());

export const schoolHandlers: HandlersFor<'schools'> = {
  'schools.list': (_input, core) => listSchools(core.requireDb()),
  'schools.create': (input, core) => addSchool(core.requireDb(), input, core.now()),
  'schools.update': (input, core) => changeSchool(core.requireDb(), input, core.now()),
};

export const pupilHandlers: HandlersFor<'pupils'> = {
  'pupils.list': async (_input, core) => (await listVisiblePupils(core.requireDb(), scope(core), core.today())).map((p) => p.summary),
  'pupils.get': (input, core) => getPupilPage(core.requireDb(), scope(core), input.id, core.today()),
  'pupils.findDuplicates': (input, core) => findDuplicates(core.requireDb(), scope(core), input),
  'pupils.create': (input, core) => createPupil(core.requireDb(), scope(core), input, core.today(), core.now()),
  'pupils.update': (input, core) => changePupil(core.requireDb(), scope(core), input, core.today(), core.now()),
  'pupils.importPreview': (input, core) => previewImport(core.requireDb(), scope(core), input.csv, core.today()),
  'pupils.import': (input, core) => importPupils(core.requireDb(), scope(core), input.csv, input.onlyValidRows === true, core.today(), core.now(), input.schoolChoices),
  'pupils.export': async (input, core) => {
    const exported = await exportPupils(core.requireDb(), scope(core), input?.ids, core.today());
    await core.sessions.record('exported-pupils', `${exported.rows} pupils`);
    return { fileName: exported.fileName, csv: exported.csv };
  },
};

export const contactHandlers: HandlersFor<'contacts'> = {
  'contacts.save': (input, core) => saveContact(core.requireDb(), scope(core), input, core.today(), core.now()),
  'contacts.remove': async (input, core) => {
    await removeContact(core.requireDb(), scope(core), input.id, core.today());
    return { removed: true };
  },
};
