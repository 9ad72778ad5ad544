import { requireUser, serviceContext } from '../call-context';
import { listOpenPlacements } from '../repositories/placements';
import { loadCalendar } from '../services/calendar';
import { placementBoard } from '../services/places';
import { addFollowUp, endPlacement, placementTimetable } from '../services/placement-end';
import { agreeStart, previewStart } from '../services/placement-start';
import { decideReferral, recordVisits, referPupil } from '../services/placements';
import type { HandlersFor } from './types';

/** The statuses the pipeline shows: still being arranged. Placed and reintegrating pupils are on the board. */
const IN_PIPELINE = new Set(['referred', 'deferred', 'accepted', 'start-agreed']);

export const placementHandlers: HandlersFor<'placements'> = {
  'placements.refer': (input, ctx) => referPupil(ctx.db, input, serviceContext(ctx)),
  'placements.decide': (input, ctx) => decideReferral(ctx.db, input, serviceContext(ctx)),
  'placements.recordVisits': (input, ctx) => recordVisits(ctx.db, input, serviceContext(ctx)),
  'placements.previewStart': (input, ctx) => previewStart(ctx.db, input, ctx.today),
  // Only a manager may agree a plan against the key stage rule (with a reason).
  'placements.agreeStart': (input, ctx) => agreeStart(ctx.db, input, serviceContext(ctx), requireUser(ctx).roles.includes('manager')),
  'placements.end': (input, ctx) => endPlacement(ctx.db, input, serviceContext(ctx)),
  'placements.addFollowUp': (input, ctx) => addFollowUp(ctx.db, input, serviceContext(ctx)),
  'placements.timetable': (input, ctx) => placementTimetable(ctx.db, input.id, ctx.today, ctx.scope),
  'placements.board': async (_input, ctx) => {
    const db = ctx.db;
    return placementBoard(db, await loadCalendar(db), ctx.today, ctx.scope);
  },
  'placements.pipeline': async (_input, ctx) =>
    (await listOpenPlacements(ctx.db, ctx.today)).filter((p) => IN_PIPELINE.has(p.status)),
};
