import { z } from 'zod';
import { isIsoDate } from '../../shared/domain/dates';

/** A date the form must have: '' or null until typed, then a real day. */
export const requiredDate = (message: string) =>
  z
    .string()
    .nullable()
    .refine((v): v is string => !!v && isIsoDate(v), message);

/** Optional free text: '' is sent as null. */
export const optionalNotes = (label: string, max = 4000) =>
  z
    .string()
    .trim()
    .max(max, `${label} can be at most ${max} characters.`)
    .transform((t) => (t === '' ? null : t));
