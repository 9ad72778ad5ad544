import { z } from 'zod';
import { isIsoDate } from '../../../shared/domain/dates';
import { dateOfBirthProblem, dateOfBirthSchema, PATHWAY_LABELS, PATHWAYS, pupilFieldsSchema, SEN_STATUS_LABELS, SEN_STATUSES, type Pupil } from '../../../shared/domain/pupil-record';
import { keyStageFor, yearGroupLabel, yearGroupOverrideProblem } from '../../../shared/domain/pupils';

/**
 * The core's rules, plus the age check it makes against today's date: for a new pupil, or when the date
 * of birth or the year group taught in changes (a record entered years ago stays editable).
 */
export const formSchema = (today: string, saved?: Pupil) =>
  pupilFieldsSchema
    .extend({
      dateOfBirth: z.string({ error: 'Enter the date of birth.' }).min(1, 'Enter the date of birth.').pipe(dateOfBirthSchema),
    })
    .superRefine((values, ctx) => {
      const taughtIn = values.yearGroupOverride ?? null;
      const savedTaughtIn = saved && saved.yearGroup !== saved.yearGroupByAge ? saved.yearGroup : null;
      if (saved && saved.dateOfBirth === values.dateOfBirth && savedTaughtIn === taughtIn) return;
      const problem = dateOfBirthProblem(values.dateOfBirth, today, taughtIn);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['dateOfBirth'] });
      else if (isIsoDate(values.dateOfBirth)) {
        const tooFar = yearGroupOverrideProblem(values.dateOfBirth, taughtIn, today);
        if (tooFar) ctx.addIssue({ code: 'custom', message: tooFar, path: ['yearGroupOverride'] });
      }
    });
export type FormInput = z.input<ReturnType<typeof formSchema>>;
export type FormOutput = z.output<ReturnType<typeof formSchema>>;

export const FIELDS = [
  'legalFirstName',
  'legalLastName',
  'preferredName',
  'dateOfBirth',
  'gender',
  'upn',
  'yearGroupOverride',
  'homeSchoolId',
  'senStatus',
  'childInCare',
  'virtualSchoolContact',
  'hasPep',
  'pathway',
  'notes',
] as const;

export const YEAR_OPTIONS = [0, 1, 2, 3, 4, 5, 6].map((year) => ({ value: String(year), label: yearGroupLabel(year) }));
export const SEN_OPTIONS = SEN_STATUSES.map((value) => ({ value, label: SEN_STATUS_LABELS[value] }));
export const PATHWAY_OPTIONS = PATHWAYS.map((value) => ({ value, label: PATHWAY_LABELS[value] }));

export function valuesOf(pupil?: Pupil): FormInput {
  return {
    legalFirstName: pupil?.legalFirstName ?? '',
    legalLastName: pupil?.legalLastName ?? '',
    preferredName: pupil?.preferredName ?? '',
    dateOfBirth: pupil?.dateOfBirth ?? '',
    gender: pupil?.gender ?? '',
    upn: pupil?.upn ?? '',
    yearGroupOverride: pupil && pupil.yearGroup !== pupil.yearGroupByAge ? pupil.yearGroup : null,
    homeSchoolId: pupil?.homeSchoolId ?? null,
    senStatus: pupil?.senStatus ?? 'none',
    childInCare: pupil?.childInCare ?? false,
    virtualSchoolContact: pupil?.virtualSchoolContact ?? '',
    hasPep: pupil?.hasPep ?? false,
    pathway: pupil?.pathway ?? 'early-intervention',
    notes: pupil?.notes ?? '',
  };
}

/** "Year 2 (KS1)", or a plain word when the date of birth is not primary age. */
export function yearAndStage(yearGroup: number): string {
  const stage = keyStageFor(yearGroup);
  return stage ? `${yearGroupLabel(yearGroup)} (${stage})` : `${yearGroupLabel(yearGroup)}, not primary age`;
}
