import { serviceContext } from '../call-context';
import { assignKeyworker, changeKeyworkSettings, changeLink, keyworkSettings, placementFollowUp, professionalsList, pupilKeyworkers, pupilProfessionals, saveBeforeFigures, saveProfessional } from '../services/keywork';
import { addLogEntry, correctLogEntry, exportPupilLog, listPupilLog, markReplyDone, myActions, replyDue } from '../services/keywork-log';
import type { HandlersFor } from './types';

export const keyworkerHandlers: HandlersFor<'keyworkers'> = {
  'keyworkers.forPupil': (input, ctx) => pupilKeyworkers(ctx.db, input.pupilId, serviceContext(ctx)),
  'keyworkers.assign': (input, ctx) => assignKeyworker(ctx.db, input, serviceContext(ctx)),
};

export const logHandlers: HandlersFor<'log'> = {
  'log.list': (input, ctx) => listPupilLog(ctx.db, input, serviceContext(ctx)),
  'log.add': (input, ctx) => addLogEntry(ctx.db, input, serviceContext(ctx)),
  'log.correct': (input, ctx) => correctLogEntry(ctx.db, input, serviceContext(ctx)),
  'log.markDone': (input, ctx) => markReplyDone(ctx.db, input, serviceContext(ctx)),
  'log.previewDue': async (input, ctx) => (await replyDue(ctx.db, input.kind, input.onDate)) ?? { dueOn: null, days: null },
  'log.export': async (input, ctx) => {
    const exported = await exportPupilLog(ctx.db, input, serviceContext(ctx));
    await ctx.core.sessions.record('exported-chronology', `${exported.pupilName}: ${exported.rows} rows`, { pupilId: input.pupilId });
    return { fileName: exported.fileName, csv: exported.csv, rows: exported.rows };
  },
  'log.myActions': (_input, ctx) => myActions(ctx.db, serviceContext(ctx)),
};

export const professionalHandlers: HandlersFor<'professionals'> = {
  'professionals.list': (_input, ctx) => professionalsList(ctx.db, ctx.scope),
  'professionals.save': (input, ctx) => saveProfessional(ctx.db, input, ctx.scope, ctx.now),
  'professionals.forPupil': (input, ctx) => pupilProfessionals(ctx.db, input.pupilId, serviceContext(ctx)),
  'professionals.link': (input, ctx) => changeLink(ctx.db, input, true, serviceContext(ctx)),
  'professionals.unlink': (input, ctx) => changeLink(ctx.db, input, false, serviceContext(ctx)),
};

export const followUpHandlers: HandlersFor<'followUps'> = {
  'followUps.forPlacement': (input, ctx) => placementFollowUp(ctx.db, input.placementId, serviceContext(ctx)),
  'followUps.saveBefore': (input, ctx) => saveBeforeFigures(ctx.db, input, serviceContext(ctx)),
  'followUps.settings': (_input, ctx) => keyworkSettings(ctx.db),
  'followUps.saveSettings': (input, ctx) => changeKeyworkSettings(ctx.db, input),
};
