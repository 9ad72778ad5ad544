import type { KeyDeskCore } from '../core';
import { listOpenPlacements } from '../repositories/placements';
import { loadCalendar } from '../services/calendar';
import { placementBoard } from '../services/places';
import { addFollowUp, endPlacement, placementTimetable } from '../services/placement-end';
import { agreeStart, previewStart } from '../services/placement-start';
import type { Recorder } from '../services/placement-steps';
import { decideReferral, recordVisits, referPupil } from '../services/placements';
import { scopeFor } from '../services/scope';
import type { HandlersFor } from './types';

const recorder = (core: KeyDeskCore): Recorder => ({ userId: core.sessions.requireUser().id, today: core.today(), now: core.now() });

/** The statuses the pipeline shows: still being arranged. Placed and reintegrating pupils are on the board. */
const IN_PIPELINE = new Set(['referred', 'deferred', 'accepted', 'start-agreed']);

export const placementHandlers: HandlersFor<'placements'> = {
  'placements.refer': (input, core) => referPupil(core.requireDb(), input, recorder(core)),
  'placements.decide': (input, core) => decideReferral(core.requireDb(), input, recorder(core)),
  'placements.recordVisits': (input, core) => recordVisits(core.requireDb(), input, recorder(core)),
  'placements.previewStart': (input, core) => previewStart(core.requireDb(), input, core.today()),
  // Only a manager may agree a plan against the key stage rule (with a reason).
  'placements.agreeStart': (input, core) => agreeStart(core.requireDb(), input, recorder(core), core.sessions.requireUser().roles.includes('manager')),
  'placements.end': (input, core) => endPlacement(core.requireDb(), input, recorder(core)),
  'placements.addFollowUp': (input, core) => addFollowUp(core.requireDb(), input, recorder(core)),
  'placements.timetable': (input, core) => placementTimetable(core.requireDb(), input.id, core.today(), scopeFor(core.sessions.requireUser())),
  'placements.board': async (_input, core) => {
    const db = core.requireDb();
    return placementBoard(db, await loadCalendar(db), core.today(), scopeFor(core.sessions.requireUser()));
  },
  'placements.pipeline': async (_input, core) =>
    (await listOpenPlacements(core.requireDb(), core.today())).filter((p) => IN_PIPELINE.has(p.status)),
};
