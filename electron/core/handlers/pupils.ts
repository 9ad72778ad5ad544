import { listSchools } from '../repositories/schools';
import { removeContact, saveContact } from '../services/contacts';
import { exportPupils, importPupils, previewImport } from '../services/pupil-csv';
import { changePupil, createPupil, findDuplicates, getPupilPage, listVisiblePupils } from '../services/pupils';
import { addSchool, changeSchool } from '../services/schools';
import type { HandlersFor } from './types';

export const schoolHandlers: HandlersFor<'schools'> = {
  'schools.list': (_input, ctx) => listSchools(ctx.db),
  'schools.create': (input, ctx) => addSchool(ctx.db, input, ctx.now),
  'schools.update': (input, ctx) => changeSchool(ctx.db, input, ctx.now),
};

export const pupilHandlers: HandlersFor<'pupils'> = {
  'pupils.list': async (_input, ctx) => (await listVisiblePupils(ctx.db, ctx.scope, ctx.today)).map((p) => p.summary),
  'pupils.get': (input, ctx) => getPupilPage(ctx.db, ctx.scope, input.id, ctx.today),
  'pupils.findDuplicates': (input, ctx) => findDuplicates(ctx.db, ctx.scope, input),
  'pupils.create': (input, ctx) => createPupil(ctx.db, ctx.scope, input, ctx.today, ctx.now),
  'pupils.update': (input, ctx) => changePupil(ctx.db, ctx.scope, input, ctx.today, ctx.now),
  'pupils.importPreview': (input, ctx) => previewImport(ctx.db, ctx.scope, input.csv, ctx.today),
  'pupils.import': (input, ctx) => importPupils(ctx.db, ctx.scope, input.csv, input.onlyValidRows === true, ctx.today, ctx.now, input.schoolChoices),
  'pupils.export': async (input, ctx) => {
    const exported = await exportPupils(ctx.db, ctx.scope, input?.ids, ctx.today);
    await ctx.core.sessions.record('exported-pupils', `${exported.rows} pupils`);
    return { fileName: exported.fileName, csv: exported.csv };
  },
};

export const contactHandlers: HandlersFor<'contacts'> = {
  'contacts.save': (input, ctx) => saveContact(ctx.db, ctx.scope, input, ctx.today, ctx.now),
  'contacts.remove': async (input, ctx) => {
    await removeContact(ctx.db, ctx.scope, input.id, ctx.today);
    return { removed: true };
  },
};
