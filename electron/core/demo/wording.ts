/** What demo referrals, decisions and notes say: typical of the Key's paperwork, about no real child. */

export const REFERRAL_REASONS = [
  'Leaves the classroom several times a day when work feels hard; two suspensions this term for throwing furniture.',
  'Physical aggression towards other children at lunchtimes and on the playground; at risk of permanent exclusion.',
  'Frequent dysregulation after transitions; struggles to stay in class for more than short periods.',
  'Refuses adult direction and has run out of the school building twice this half term.',
  'Emotional outbursts that end in the class being evacuated; attendance falling as mornings are hard.',
  'Verbal aggression towards staff and peers; reduced timetable in place since the autumn.',
  'Very anxious in large groups; hides under tables and cannot settle to learning.',
  'Repeated suspensions for hurting other children; the school has exhausted its behaviour support.',
] as const;

export const TRIED = [
  'Behaviour support plan, daily check-ins with a trusted adult, nurture group three afternoons a week.',
  'My Support Plan with SEMH outcomes; advice from the educational psychologist; Early Help assessment.',
  'Reduced timetable, sensory breaks, visual timetable and a quiet space outside the classroom.',
  'Zones of regulation work, lunchtime club, weekly mentoring and a home–school diary.',
  'Outreach advice from the SEMHL team, play therapy through the school counsellor, parenting course offered.',
] as const;

export const ACCEPTED_NOTES = [
  'Panel agreed a placement; school to keep the Friday place open.',
  'Accepted: needs match the Key; home school to attend the review meetings.',
  null,
] as const;

export const DEFERRED_NOTE = 'Deferred to the next panel: waiting for the educational psychologist’s report and the updated My Support Plan.';
export const DECLINED_NOTE = 'Declined: needs are mainly around learning rather than SEMH; the panel advised an EHC needs assessment and outreach support for the school.';
export const WAITING_NOTE = 'Accepted at Parkgate; to start when a place is free.';

export const SKIPPED_VISIT = {
  key: 'Pupil visited the base with the home school last term; the family agreed a further visit was not needed.',
  home: 'Family preferred to meet at the home school; meeting held there instead.',
} as const;

export const RETURN_NOTES = [
  'Returned full time; school reports settled mornings and no suspensions.',
  'Back at the home school full time with a reduced-adult-support plan.',
  'Full-time return agreed at the final review with school and family.',
] as const;
export const MOVED_NOTE = 'Family moved across the city; the new school has the Key’s reports and the My Support Plan.';
export const SPECIAL_SCHOOL_NOTE = 'EHCP finalised naming a specialist SEMH school; placement ended when the new school place started.';

export const FOLLOW_UP_NOTES = [
  'Follow-up visit: settled in class, joining in at playtimes; school happy with progress.',
  'Follow-up visit: one wobble after half term, handled well by the class team using the Key’s strategies.',
] as const;

export const PUPIL_NOTES = [
  'Loves football and Lego; responds well to being given jobs.',
  'Uses a visual timetable and a now-and-next board.',
  'Finds the lunch hall overwhelming: eats in a quieter room.',
  'Needs warning before changes to the day.',
  'Younger sibling at the same home school.',
] as const;

export const CIC_NOTE = 'Child in care: PEP reviewed each term with the Virtual School.';
