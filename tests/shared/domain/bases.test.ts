import { describe, expect, it } from 'vitest';
import { baseNameSchema, keyStagesSchema, MAX_PLACES, placesProblem, placesSchema } from '../../../shared/domain/bases';

describe('placesProblem: places may not drop below the pupils placed now', () => {
  it('allows places equal to or above the pupils placed', () => {
    expect(placesProblem(10, 10)).toBeNull();
    expect(placesProblem(11, 10)).toBeNull();
    expect(placesProblem(1, 0)).toBeNull();
  });

  it('refuses one place fewer than the pupils placed, saying how many are placed', () => {
    expect(placesProblem(9, 10)).toBe('Places cannot be fewer than the pupils placed there now: 10 pupils are placed at this base.');
  });

  it('speaks of one pupil in the singular', () => {
    expect(placesProblem(0, 1)).toMatch(/: 1 pupil is placed at this base\.$/);
  });
});

describe('placesSchema', () => {
  it.each([1, 12, MAX_PLACES])('accepts %i', (places) => {
    expect(placesSchema.parse(places)).toBe(places);
  });

  it.each([
    [0, 'A base needs at least 1 place.'],
    [-1, 'A base needs at least 1 place.'],
    [2.5, 'Places must be a whole number.'],
    [MAX_PLACES + 1, `A base can have at most ${MAX_PLACES} places.`],
    ['12', 'Places must be a number.'],
    [Number.NaN, 'Places must be a number.'],
  ])('refuses %s with a message for staff', (places, message) => {
    const result = placesSchema.safeParse(places);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

describe('baseNameSchema', () => {
  it('trims the name', () => {
    expect(baseNameSchema.parse('  Howes  ')).toBe('Howes');
  });

  it.each([[''], ['   '], ['x'.repeat(61)], [null]])('refuses %j', (name) => {
    expect(baseNameSchema.safeParse(name).success).toBe(false);
  });

  it('accepts a name of exactly 60 characters', () => {
    expect(baseNameSchema.parse('x'.repeat(60))).toHaveLength(60);
  });
});

describe('keyStagesSchema', () => {
  it('returns the key stages in order, once each', () => {
    expect(keyStagesSchema.parse(['KS2', 'KS1', 'KS2'])).toEqual(['KS1', 'KS2']);
    expect(keyStagesSchema.parse(['KS1'])).toEqual(['KS1']);
  });

  it.each([[[]], [['KS3']], [['ks1']], ['KS1'], [[null]]])('refuses %j', (stages) => {
    expect(keyStagesSchema.safeParse(stages).success).toBe(false);
  });
});
