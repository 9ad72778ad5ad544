import type { Base } from '../../../shared/domain/bases';
import type { Db } from '../db/dialect';
import { loadCalendar } from '../services/calendar';
import { saveContact } from '../services/contacts';
import { addFollowUp, endPlacement } from '../services/placement-end';
import { agreeStart, previewStart } from '../services/placement-start';
import { decideReferral, recordVisits, referPupil } from '../services/placements';
import { capacityProblem } from '../services/places';
import { changePupil, createPupil } from '../services/pupils';
import { addSchool } from '../services/schools';
import type { PupilScope } from '../scope';
import { storyClock } from './clock';
import { input } from './input';
import { followUpFindings } from './keywork';
import type { DemoPupil } from './people';
import type { DemoActions, DemoReferral } from './plan';
import type { Random } from './random';
import { DEMO_SCHOOLS } from './schools';

/** When in the day staff record each kind of step (local time). */
const AT = {
  school: '08:40',
  referral: '10:15',
  panel: '14:30',
  visit: '15:45',
  start: '16:10',
  end: '15:30',
  followUp: '13:20',
} as const;

const ALL: PupilScope = { all: true };

/**
 * The demo's story recorded as staff would record it: the home schools, then each pupil, their
 * contacts and their referral's steps, every one through the service its screen calls, with the date
 * and time of the moment in the story it happens (`now` never later than the demo's own).
 */
export async function demoActions(db: Db, options: { now: string; userId: string; schoolsFrom: string; findings: Random }): Promise<DemoActions> {
  const clock = storyClock(options.now);
  const by = (date: string, time: string) => ({ userId: options.userId, ...clock(date, time) });
  const calendar = await loadCalendar(db);

  const schoolIds: string[] = [];
  for (const s of DEMO_SCHOOLS) {
    const school = await addSchool(db, input('schools.create', { name: s.name, sencoName: s.sencoName, phone: s.phone, email: s.email, address: s.address }), clock(options.schoolsFrom, AT.school).now);
    schoolIds.push(school.id);
  }
  const schoolId = (index: number) => {
    const id = schoolIds[index];
    if (!id) throw new Error(`No demo school ${index}`);
    return id;
  };

  const pupilIds = new Map<DemoPupil, string>();
  /** Entered the day the referral came in, with the parents' and carers' details. */
  const recordPupil = async (p: DemoPupil, on: string): Promise<string> => {
    const known = pupilIds.get(p);
    if (known) return known;
    const { today, now } = clock(on, AT.referral);
    const pupil = await createPupil(
      db,
      ALL,
      input('pupils.create', {
        legalFirstName: p.legalFirstName,
        legalLastName: p.legalLastName,
        preferredName: p.preferredName,
        dateOfBirth: p.dateOfBirth,
        gender: p.gender,
        upn: p.upn,
        homeSchoolId: schoolId(p.homeSchool),
        senStatus: p.senStatus,
        childInCare: p.childInCare,
        virtualSchoolContact: p.virtualSchoolContact,
        hasPep: p.hasPep,
        pathway: p.pathway,
        notes: p.notes,
      }),
      today,
      now,
    );
    for (const c of p.contacts) {
      await saveContact(db, ALL, input('contacts.save', { pupilId: pupil.id, ...c }), today, now);
    }
    pupilIds.set(p, pupil.id);
    return pupil.id;
  };

  const play = async (r: DemoReferral): Promise<string> => {
    const pupilId = await recordPupil(r.pupil, r.referredOn);
    const referred = await referPupil(
      db,
      input('placements.refer', { pupilId, referringSchoolId: schoolId(r.pupil.homeSchool), referredOn: r.referredOn, reason: r.reason, tried: r.tried }),
      by(r.referredOn, AT.referral),
    );
    const id = referred.id;
    if (r.decision) {
      const { decision, on, notes, base } = r.decision;
      await decideReferral(db, input('placements.decide', { id, decision, decidedOn: on, notes, ...(base ? { baseId: base.id } : {}) }), by(on, AT.panel));
    }
    if (r.visits) {
      const v = r.visits;
      // Each visit recorded on its day; a skipped one the day of the other, with its reason.
      const keyOn = v.keyVisitOn ?? v.homeVisitOn;
      const homeOn = v.homeVisitOn ?? v.keyVisitOn;
      if (!keyOn || !homeOn) throw new Error('A demo referral skips both visits');
      await recordVisits(db, input('placements.recordVisits', { id, keyVisitOn: v.keyVisitOn, keyVisitSkipped: v.keyVisitSkipped }), by(keyOn, AT.visit));
      await recordVisits(db, input('placements.recordVisits', { id, homeVisitOn: v.homeVisitOn, homeVisitSkipped: v.homeVisitSkipped }), by(homeOn, AT.visit));
    }
    if (r.start) await agreeStart(db, input('placements.agreeStart', { id, startDate: r.start.on }), by(r.start.agreedOn, AT.start));
    if (r.end) {
      const { on, outcome, notes } = r.end;
      await endPlacement(db, input('placements.end', { id, endDate: on, outcome, notes }), by(on, AT.end));
    }
    if (r.afterEnd && r.end) {
      const { homeSchool, ...changes } = r.afterEnd;
      const { today, now } = clock(r.end.on, AT.end);
      await changePupil(db, ALL, input('pupils.update', { id: pupilId, ...changes, ...(homeSchool !== undefined ? { homeSchoolId: schoolId(homeSchool) } : {}) }), today, now);
    }
    for (const f of r.followUps) {
      const found = followUpFindings(options.findings);
      await addFollowUp(db, input('placements.addFollowUp', { id, on: f.on, notes: f.notes, ...found }), by(f.on, AT.followUp));
    }
    return id;
  };

  return {
    play,
    hasRoom: async (base: Base, start: string, end: string) => (await capacityProblem(db, base, start, end, calendar, start)) === null,
    agreeFirstStartFrom: async (placementId, from, on) => {
      const { today } = clock(on, AT.start);
      const preview = await previewStart(db, input('placements.previewStart', { id: placementId, startDate: from }), today);
      const startDate = preview.problem ? preview.firstFreeStart : from;
      if (!startDate) throw new Error(`No start the demo can agree from ${from}: ${preview.problem?.message}`);
      await agreeStart(db, input('placements.agreeStart', { id: placementId, startDate }), by(on, AT.start));
    },
  };
}
