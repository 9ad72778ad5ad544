import { z } from 'zod';
import { isoDateSchema } from './dates';
import type { PlacementStatus } from './placements';
import { academicYearOf, RECEPTION, upnProblem, yearGroupFor, type PrimaryKeyStage } from './pupils';
import { optionalEmail, optionalPhone, optionalText } from './schools';

export const SEN_STATUSES = ['none', 'sen-support', 'ehcp'] as const;
export type SenStatus = (typeof SEN_STATUSES)[number];
export const SEN_STATUS_LABELS: Record<SenStatus, string> = {
  none: 'None',
  'sen-support': 'SEN support (My Support Plan)',
  ehcp: 'EHCP',
};

export const PATHWAYS = ['early-intervention', 'specialist-semh', 'permanently-excluded'] as const;
export type Pathway = (typeof PATHWAYS)[number];
export const PATHWAY_LABELS: Record<Pathway, string> = {
  'early-intervention': 'Early intervention',
  'specialist-semh': 'Specialist SEMH',
  'permanently-excluded': 'Permanently excluded',
};

/** A pupil as the pupil page shows them. */
export interface Pupil {
  id: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  gender: string | null;
  upn: string | null;
  /** The year group this academic year: by date of birth unless overridden. */
  yearGroup: number;
  /** By date of birth alone (England's rule). */
  yearGroupByAge: number;
  keyStage: PrimaryKeyStage | null;
  homeSchoolId: string | null;
  homeSchoolName: string | null;
  senStatus: SenStatus;
  childInCare: boolean;
  virtualSchoolContact: string | null;
  hasPep: boolean;
  pathway: Pathway;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One row of the pupil list: enough to search, filter and show without opening the record. */
export interface PupilSummary {
  id: string;
  /** Preferred first name (or legal) and last name: what staff call the child. */
  name: string;
  legalName: string;
  dateOfBirth: string;
  yearGroup: number;
  keyStage: PrimaryKeyStage | null;
  upn: string | null;
  homeSchoolId: string | null;
  homeSchoolName: string | null;
  /** From the latest referral or placement; 'none' when there has never been one. */
  status: PlacementStatus | 'none';
  baseId: string | null;
  baseName: string | null;
  startDate: string | null;
  /** The actual end, or the planned end while the placement runs. */
  endDate: string | null;
}

export interface Contact {
  id: string;
  pupilId: string;
  name: string;
  relationship: string;
  phone: string | null;
  email: string | null;
  parentalResponsibility: boolean;
}

export function displayName(p: { legalFirstName: string; legalLastName: string; preferredName: string | null }): string {
  return `${p.preferredName ?? p.legalFirstName} ${p.legalLastName}`;
}

const name = (label: string) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(60, `The ${label} can be at most 60 characters.`);

export const dateOfBirthSchema = isoDateSchema('the date of birth', 'Enter the date of birth.');

export const upnSchema = z
  .string({ error: 'The UPN must be text.' })
  .trim()
  .toUpperCase()
  .transform((text) => (text === '' ? null : text))
  .nullable()
  .optional()
  .superRefine((upn, ctx) => {
    const problem = upn ? upnProblem(upn) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The fields of a pupil record staff type in. The core adds the checks that need today's date. */
export const pupilFieldsSchema = z.object({
  legalFirstName: name('legal first name'),
  legalLastName: name('legal last name'),
  preferredName: optionalText('The preferred name', 60),
  dateOfBirth: dateOfBirthSchema,
  gender: optionalText('Gender', 40),
  upn: upnSchema,
  /** The year group the pupil is taught in this academic year, when it differs from their age. */
  yearGroupOverride: z
    .number({ error: 'Choose a year group.' })
    .int('Choose a year group.')
    .min(0, 'The year group must be Reception to Year 6.')
    .max(6, 'The year group must be Reception to Year 6.')
    .nullable()
    .optional(),
  homeSchoolId: z.uuid({ error: 'Choose the home school from the list.' }).nullable().optional(),
  senStatus: z.enum(SEN_STATUSES, { error: 'Choose the SEN status.' }).optional(),
  childInCare: z.boolean({ error: 'Say whether the child is in care.' }).optional(),
  virtualSchoolContact: optionalText('The Virtual School contact', 120),
  hasPep: z.boolean({ error: 'Say whether there is a PEP.' }).optional(),
  pathway: z.enum(PATHWAYS, { error: 'Choose the pathway.' }).optional(),
  notes: optionalText('Notes', 4000),
});

export const contactFieldsSchema = z.object({
  name: z.string({ error: "Enter the contact's name." }).trim().min(1, "Enter the contact's name.").max(80, 'A name can be at most 80 characters.'),
  relationship: z
    .string({ error: 'Enter the relationship, for example Mother or Foster carer.' })
    .trim()
    .min(1, 'Enter the relationship, for example Mother or Foster carer.')
    .max(40, 'The relationship can be at most 40 characters.'),
  phone: optionalPhone('The phone number'),
  email: optionalEmail('The email'),
  parentalResponsibility: z.boolean({ error: 'Say whether they have parental responsibility.' }).optional(),
});

/**
 * Why a date of birth cannot be a primary pupil's this school year, or null. By England's rule the child
 * must be in Reception to Year 6 on `today`, unless staff say which primary year group they are taught
 * in (`taughtIn`: delayed entry, or kept back a year); how far that may differ from their age is checked
 * where the override is stored.
 */
export function dateOfBirthProblem(dateOfBirth: string, today: string, taughtIn: number | null = null): string | null {
  if (dateOfBirth > today) return 'The date of birth is in the future.';
  if (taughtIn !== null && taughtIn >= RECEPTION && taughtIn <= 6) return null;
  const academicYear = academicYearOf(today);
  const byAge = yearGroupFor(dateOfBirth, academicYear);
  if (byAge < RECEPTION) return `That child does not start Reception until September ${academicYear - byAge}: the Key is for primary pupils.`;
  if (byAge > 6) {
    return `That child would be in Year ${byAge} this school year: the Key is for primary pupils (Reception to Year 6). If they are taught in a primary year group, choose it under Taught in year group.`;
  }
  return null;
}
