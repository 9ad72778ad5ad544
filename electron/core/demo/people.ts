import type { Base } from '../../../shared/domain/bases';
import { addDays } from '../../../shared/domain/dates';
import { baseTakes } from '../../../shared/domain/placements';
import { dateOfBirthProblem, type Contact, type Pathway, type Pupil, type SenStatus } from '../../../shared/domain/pupil-record';
import { academicYearOf, keyStageFor, withCheckLetter, yearGroupFor } from '../../../shared/domain/pupils';
import { ADULT_MEN, ADULT_WOMEN, FIRST_NAMES, genderFor, LAST_NAMES, PREFERRED_NAMES, STAFF_LAST_NAMES } from './names';
import type { Random } from './random';
import { DEMO_SCHOOLS } from './schools';
import * as say from './wording';

/** A parent or carer as staff enter them (Key Desk gives the id). */
export type DemoContact = Omit<Contact, 'id' | 'pupilId'>;

/** A pupil's record as staff enter it, the home school an index into DEMO_SCHOOLS. */
export type DemoPupil = Pick<
  Pupil,
  'legalFirstName' | 'legalLastName' | 'preferredName' | 'dateOfBirth' | 'gender' | 'upn' | 'senStatus' | 'childInCare' | 'virtualSchoolContact' | 'hasPep' | 'pathway' | 'notes'
> & { homeSchool: number; contacts: DemoContact[] };

/** Weights for the year group of a pupil referred to the Key: mostly KS2, where exclusions peak. */
const YEAR_WEIGHTS = [1, 2, 3, 3, 3, 3, 2] as const;
/** How many of the demo's first pupils are children in care. */
const IN_CARE = 3;

type PupilOptions = { base?: Base; years?: readonly number[]; also?: readonly string[] };

/** Who the demo's pupils are: made-up names, ages, schools, needs and families, each different. */
export function pupilChooser(random: Random, today: string) {
  const usedNames = new Set<string>();
  const usedUpns = new Set<string>();
  const usedPhones = new Set<string>();
  const usedEmails = new Set<string>();
  const inCare = new Set(random.shuffle(Array.from({ length: 40 }, (_, i) => i)).slice(0, IN_CARE));
  let made = 0;
  /** Infant and junior schools take only some year groups. */
  const schoolsFor = (yearNow: number) =>
    DEMO_SCHOOLS.map((_, i) => i).filter((i) => {
      const range = DEMO_SCHOOLS[i]?.years ?? [0, 6];
      return range[0] <= yearNow && yearNow <= range[1];
    });
  const yearNowShift = (at: string) => academicYearOf(today) - academicYearOf(at);

  const phone = () => {
    let number: string;
    do number = `07700 900${String(random.int(0, 999)).padStart(3, '0')}`;
    while (usedPhones.has(number));
    usedPhones.add(number);
    return number;
  };
  const contact = (name: string, relationship: string, parentalResponsibility: boolean): DemoContact => {
    let email: string | null = null;
    if (random.chance(0.6)) {
      const local = name.toLowerCase().replace(/[^a-z ]/g, '').replace(/ +/g, '.');
      email = `${local}@example.org`;
      for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@example.org`;
      usedEmails.add(email);
    }
    return { name, relationship, phone: phone(), email, parentalResponsibility };
  };
  /** Parents and carers; a child in care has a foster carer first. */
  const contactsFor = (pupil: DemoPupil): DemoContact[] => {
    const surname = pupil.legalLastName;
    if (pupil.childInCare) {
      const carers = [contact(`${random.pick(ADULT_WOMEN)} ${random.pick(STAFF_LAST_NAMES)}`, 'Foster carer', false)];
      if (random.chance(0.5)) carers.push(contact(`${random.pick(ADULT_WOMEN)} ${surname}`, 'Mother', true));
      return carers;
    }
    const main = random.weighted([['Mother', 7], ['Father', 2], ['Grandmother', 1]] as const);
    const family = [contact(`${random.pick(main === 'Father' ? ADULT_MEN : ADULT_WOMEN)} ${surname}`, main, main !== 'Grandmother')];
    if (random.chance(0.5)) {
      const second = random.weighted([['Father', 4], ['Stepfather', 2], ['Mother', main === 'Mother' ? 0 : 3], ['Aunt', 1]] as const);
      const man = second === 'Father' || second === 'Stepfather';
      const name = `${random.pick(man ? ADULT_MEN : ADULT_WOMEN)} ${second === 'Stepfather' ? random.pick(LAST_NAMES) : surname}`;
      family.push(contact(name, second, second === 'Father' || second === 'Mother'));
    }
    return family;
  };

  /** The year groups (on `at`) such a pupil could be in: see `newPupil`. */
  const yearsFor = (at: string, options: PupilOptions) => {
    const academicYear = academicYearOf(at);
    const then = (y: number, date: string) => y + academicYearOf(date) - academicYear;
    const primary = (y: number, date: string) => then(y, date) >= 0 && then(y, date) <= 6;
    const taken = (y: number, date: string) => primary(y, date) && (!options.base || baseTakes(options.base.keyStages, keyStageFor(then(y, date))));
    return (options.years ?? [0, 1, 2, 3, 4, 5, 6]).filter((y) => primary(y, today) && [at, ...(options.also ?? [])].every((date) => taken(y, date)));
  };
  /**
   * A new pupil of primary age today, on `at` and on each day in `also` (they are entered the day
   * the referral comes in), in a year group `base` takes on those days (the panel checks the key
   * stage on the day it accepts, the start on every day of the plan).
   */
  const newPupil = (at: string, options: PupilOptions = {}): DemoPupil => {
    const academicYear = academicYearOf(at);
    const shift = yearNowShift(at);
    const years = yearsFor(at, options);
    if (years.length === 0) throw new Error(`No year group fits a demo pupil on ${at}`);
    const year = random.weighted(years.map((y) => [y, YEAR_WEIGHTS[y] ?? 1] as const));
    // Born September (academic year − year − 5) to August (academic year − year − 4).
    const dateOfBirth = addDays(`${academicYear - year - 5}-09-01`, random.int(0, 364));
    if (yearGroupFor(dateOfBirth, academicYear) !== year || dateOfBirthProblem(dateOfBirth, today) !== null) {
      throw new Error(`Demo date of birth ${dateOfBirth} does not fit year ${year}`);
    }
    let first: string;
    let last: string;
    do {
      first = random.pick(FIRST_NAMES);
      last = random.pick(LAST_NAMES);
    } while (usedNames.has(`${first} ${last}`));
    usedNames.add(`${first} ${last}`);
    const nickname = PREFERRED_NAMES[first];
    const homeSchool = random.pick(schoolsFor(year + shift));
    let upn: string | null = null;
    if (random.chance(0.85)) {
      // 999 is no local authority's number, so a demo UPN can never be a real child's.
      do {
        const establishment = String(2100 + homeSchool * 37);
        const allocated = String((academicYearOf(dateOfBirth) + 5) % 100).padStart(2, '0');
        upn = withCheckLetter(`999${establishment}${allocated}${String(random.int(0, 999)).padStart(3, '0')}`);
      } while (usedUpns.has(upn));
      usedUpns.add(upn);
    }
    const childInCare = inCare.has(made++);
    const pupil: DemoPupil = {
      legalFirstName: first,
      legalLastName: last,
      preferredName: nickname && random.chance(0.6) ? nickname : null,
      dateOfBirth,
      gender: random.chance(0.9) ? genderFor(first, random.chance(0.5)) : null,
      upn,
      homeSchool,
      senStatus: random.weighted<SenStatus>([['none', 5], ['sen-support', 4], ['ehcp', 1.5]]),
      childInCare,
      virtualSchoolContact: childInCare ? `${random.pick(ADULT_WOMEN)} ${random.pick(STAFF_LAST_NAMES)} (Virtual School), 024 7696 0${random.int(400, 499)}` : null,
      hasPep: childInCare,
      pathway: random.weighted<Pathway>([['early-intervention', 6], ['specialist-semh', 3], ['permanently-excluded', 1]]),
      notes: childInCare ? say.CIC_NOTE : random.chance(0.3) ? random.pick(say.PUPIL_NOTES) : null,
      contacts: [],
    };
    pupil.contacts = contactsFor(pupil);
    return pupil;
  };
  return { newPupil, yearsFor, schoolsFor };
}
