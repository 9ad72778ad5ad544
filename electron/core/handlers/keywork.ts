import type { KeyDeskCore } from '../core';
import { assignKeyworker, changeKeyworkSettings, changeLink, keyworkSettings, placementFollowUp, professionalsList, pupilKeyworkers, pupilProfessionals, saveBeforeFigures, saveProfessional } from '../services/keywork';
import { addLogEntry, correctLogEntry, exportPupilLog, listPupilLog, markReplyDone, myActions, replyDue, type KeyworkContext } from '../services/keywork-log';
import { scopeFor } from '../services/scope';
import type { HandlersFor } from './types';

/** Who is writing, whose pupils they may see, and the classroom clock (for "not in the future"). */
function keyworkContext(core: KeyDeskCore): KeyworkContext {
  const user = core.sessions.requireUser();
  const clock = core.clockNow();
  const timeNow = `${String(clock.getHours()).padStart(2, '0')}:${String(clock.getMinutes()).padStart(2, '0')}`;
  return { userId: user.id, scope: scopeFor(user), today: core.today(), timeNow, now: core.now() };
}

export const keyworkerHandlers: HandlersFor<'keyworkers'> = {
  'keyworkers.forPupil': (input, core) => pupilKeyworkers(core.requireDb(), input.pupilId, keyworkContext(core)),
  'keyworkers.assign': (input, core) => assignKeyworker(core.requireDb(), input, keyworkContext(core)),
};

export const logHandlers: HandlersFor<'log'> = {
  'log.list': (input, core) => listPupilLog(core.requireDb(), input, keyworkContext(core)),
  'log.add': (input, core) => addLogEntry(core.requireDb(), input, keyworkContext(core)),
  'log.correct': (input, core) => correctLogEntry(core.requireDb(), input, keyworkContext(core)),
  'log.markDone': (input, core) => markReplyDone(core.requireDb(), input, keyworkContext(core)),
  'log.previewDue': async (input, core) => (await replyDue(core.requireDb(), input.kind, input.onDate)) ?? { dueOn: null, days: null },
  'log.export': async (input, core) => {
    const exported = await exportPupilLog(core.requireDb(), input, keyworkContext(core));
    await core.sessions.record('exported-chronology', `${exported.pupilName}: ${exported.rows} rows`, { pupilId: input.pupilId });
    return { fileName: exported.fileName, csv: exported.csv, rows: exported.rows };
  },
  'log.myActions': (_input, core) => myActions(core.requireDb(), keyworkContext(core)),
};

export const professionalHandlers: HandlersFor<'professionals'> = {
  'professionals.list': (_input, core) => professionalsList(core.requireDb(), keyworkContext(core).scope),
  'professionals.save': (input, core) => saveProfessional(core.requireDb(), input, keyworkContext(core).scope, core.now()),
  'professionals.forPupil': (input, core) => pupilProfessionals(core.requireDb(), input.pupilId, keyworkContext(core)),
  'professionals.link': (input, core) => changeLink(core.requireDb(), input, true, keyworkContext(core)),
  'professionals.unlink': (input, core) => changeLink(core.requireDb(), input, false, keyworkContext(core)),
};

export const followUpHandlers: HandlersFor<'followUps'> = {
  'followUps.forPlacement': (input, core) => placementFollowUp(core.requireDb(), input.placementId, keyworkContext(core)),
  'followUps.saveBefore': (input, core) => saveBeforeFigures(core.requireDb(), input, keyworkContext(core)),
  'followUps.settings': (_input, core) => keyworkSettings(core.requireDb()),
  'followUps.saveSettings': (input, core) => changeKeyworkSettings(core.requireDb(), input),
};
