import { z } from 'zod';

export const KEY_STAGES = ['KS1', 'KS2'] as const;
export type KeyStage = (typeof KEY_STAGES)[number];

export interface Base {
  id: string;
  name: string;
  /** The primary school whose site the base is on. */
  hostSchool: string;
  places: number;
  keyStages: KeyStage[];
  /** Pupils placed at the base today. */
  placed: number;
}

export const MAX_PLACES = 200;

/**
 * The rule the core enforces and the UI previews: places may not drop below the pupils placed now.
 * Returns a message for a teacher, or null when the change is allowed.
 */
export function placesProblem(places: number, placedNow: number): string | null {
  if (places < placedNow) {
    const pupils = placedNow === 1 ? '1 pupil is' : `${placedNow} pupils are`;
    return `Places cannot be fewer than the pupils placed there now: ${pupils} placed at this base.`;
  }
  return null;
}

export const baseNameSchema = z
  .string({ error: 'Enter a name for the base.' })
  .trim()
  .min(1, 'Enter a name for the base.')
  .max(60, 'The base name can be at most 60 characters.');

export const placesSchema = z
  .number({ error: 'Places must be a number.' })
  .int('Places must be a whole number.')
  .min(1, 'A base needs at least 1 place.')
  .max(MAX_PLACES, `A base can have at most ${MAX_PLACES} places.`);

export const keyStagesSchema = z
  .array(z.enum(KEY_STAGES, { error: 'Key stages must be KS1 or KS2.' }), {
    error: 'Choose the key stages the base takes.',
  })
  .min(1, 'Choose at least one key stage.')
  .transform((stages) => KEY_STAGES.filter((s) => stages.includes(s)));
