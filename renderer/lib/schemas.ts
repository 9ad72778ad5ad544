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

/** An optional percentage, 0–100: '' until typed, sent as null. */
export const optionalPercent = (label: string) =>
  z
    .union([z.number().min(0, `${label} cannot be below 0%.`).max(100, `${label} cannot be above 100%.`), z.literal('')])
    .transform((v) => (v === '' ? null : v));

/** An optional count of things (suspensions): a whole number from 0 to `max`, '' until typed, sent as null. */
export const optionalCount = (label: string, max = 200) =>
  z
    .union([z.number().int(`${label}: enter a whole number.`).min(0, `${label} cannot be below 0.`).max(max, `${label} can be at most ${max}.`), z.literal('')])
    .transform((v) => (v === '' ? null : v));
