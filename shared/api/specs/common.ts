import { z } from 'zod';
import { isoDateSchema } from '../../domain/dates';

/** A call's input schema and, as a phantom type, what it returns. */
export interface CallSpec<I extends z.ZodType, O> {
  input: I;
  /** Never set: carries the result type only. */
  output?: O;
}

export const call = <O>() => <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });

export const noInput = z.object({}).strict().optional();

export const id = (what: string) =>
  z.uuid({
    error: (issue) =>
      issue.input === undefined || issue.input === null ? `Choose a ${what}.` : `That ${what} is not one Key Desk knows.`,
  });

/**
 * A day typed by staff: they see dd/mm/yyyy, the API carries ISO. A real day between 1900 and 2100,
 * with messages naming the field (`label` as it reads in a sentence: "the start date").
 */
export const dateField = (label: string) => isoDateSchema(label);

/** A date with no better name: prefer dateField, whose messages say which date is wrong. */
export const isoDate = dateField('a date');

export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} can be at most ${max} characters.`);

/** A spreadsheet's text, as read from the file the user chose. */
export const csvText = z
  .string({ error: 'Choose a CSV file.' })
  .min(1, 'The file is empty.')
  .max(5_000_000, 'The file is too large to import (5 MB at most).');
