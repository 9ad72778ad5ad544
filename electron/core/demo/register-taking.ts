import type { Session } from '../../../shared/domain/attendance';
import { addMinutes } from '../../../shared/domain/register-settings';
import type { Db } from '../db/dialect';
import { markAllPresent, markPupil, presentCode, submitRegister, type RegisterContext } from '../services/registers';
import { oneBase, type PupilScope } from '../scope';
import { londonInstant, storyClock } from './clock';
import { input } from './input';
import type { Random } from './random';

/** A mark other than present, as the teacher enters it. */
export interface DemoMark {
  code: string;
  minutesLate: number | null;
}

/** One register as it was taken: who took it, when it opened and closed, and every mark but present. */
export interface DemoRegister {
  baseId: string;
  date: string;
  session: Session;
  takenBy: string;
  startsAt: string;
  closesAt: string;
  /** The pupils the demo expects at the Key: the service's own register must have exactly these. */
  expected: readonly string[];
  marks: ReadonlyMap<string, DemoMark>;
}

/** A change made to a submitted register once a reason came: on the day `on`, at the local `time`. */
export interface DemoAmendment {
  baseId: string;
  date: string;
  session: Session;
  pupilId: string;
  code: string;
  reason: string;
  on: string;
  time: string;
}

const ALL: PupilScope = { all: true };

/** The call's context at a local `time` (plus some seconds) on `date`, as staff at the base would make it. */
function at(userId: string, scope: PupilScope, date: string, time: string, seconds = 0): RegisterContext {
  const now = new Date(Date.parse(londonInstant(date, time)) + seconds * 1000).toISOString();
  return { userId, scope, today: date, timeNow: addMinutes(time, Math.floor(seconds / 60)), now };
}

/**
 * Takes one register through the services a teacher's screen calls: the absences and lates entered
 * one by one as the register opens, then everyone else marked present, a pupil who arrived after it
 * closed marked U then, and the register submitted as it closes. The service decides who is on it;
 * the demo stops if that is not who it expected.
 */
export async function takeDemoRegister(db: Db, random: Random, r: DemoRegister): Promise<void> {
  const key = { baseId: r.baseId, date: r.date, session: r.session };
  const scope = oneBase(r.baseId);
  const when = (time: string, seconds = 0) => at(r.takenBy, scope, r.date, time, seconds);
  let seconds = random.int(30, 120);
  const afterClosing: Array<[string, DemoMark]> = [];
  for (const [pupilId, mark] of r.marks) {
    if (mark.code === 'U') afterClosing.push([pupilId, mark]);
    else await markPupil(db, input('registers.mark', { ...key, pupilId, code: mark.code, minutesLate: mark.minutesLate }), when(r.startsAt, (seconds += random.int(10, 90))));
  }
  let register;
  if (afterClosing.length === 0) register = await markAllPresent(db, input('registers.markAllPresent', key), when(r.startsAt, seconds + random.int(10, 60)));
  else {
    // A pupil still to arrive is left unmarked: each present pupil marked on their own instead.
    for (const pupilId of r.expected) {
      if (r.marks.has(pupilId)) continue;
      await markPupil(db, input('registers.mark', { ...key, pupilId, code: presentCode(r.session) }), when(r.startsAt, (seconds += random.int(5, 20))));
    }
    for (const [pupilId, mark] of afterClosing) {
      register = await markPupil(db, input('registers.mark', { ...key, pupilId, code: mark.code }), when(r.closesAt, random.int(60, 600)));
    }
  }
  const onIt = register!.pupils.map((l) => l.pupilId).sort();
  if (onIt.join() !== [...r.expected].sort().join()) throw new Error(`The demo's register for ${r.date} ${r.session} does not have the pupils the service has`);
  await submitRegister(db, input('registers.submit', key), when(r.closesAt, afterClosing.length ? 900 : 0));
}

/** Amendments on the day (and time) each reason came, never after the demo's own moment. */
export async function amendDemoRegisters(db: Db, amendments: readonly DemoAmendment[], by: string, demoNow: string): Promise<void> {
  const clock = storyClock(demoNow);
  const ordered = [...amendments].sort((a, b) => `${a.on} ${a.time}`.localeCompare(`${b.on} ${b.time}`));
  for (const a of ordered) {
    const { today, now } = clock(a.on, a.time);
    await markPupil(
      db,
      input('registers.mark', { baseId: a.baseId, date: a.date, session: a.session, pupilId: a.pupilId, code: a.code, reason: a.reason }),
      { userId: by, scope: ALL, today, timeNow: a.time, now },
    );
  }
}
