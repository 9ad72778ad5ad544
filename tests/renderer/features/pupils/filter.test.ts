import { describe, expect, it } from 'vitest';
import { filterPupils, hasCriteria, NO_CRITERIA } from '../../../../renderer/features/pupils/filter';
import { ali, ELMFIELD, FRED_BIRD, jo, PARKGATE, PUPILS, sam, summary, WILLOW, zoe } from './fixtures';

const names = (list: ReturnType<typeof filterPupils>) => list.map((p) => p.name);
const search = (text: string) => names(filterPupils(PUPILS, { ...NO_CRITERIA, search: text }));

describe('filterPupils', () => {
  it('keeps everyone, in order, when nothing is chosen', () => {
    expect(names(filterPupils(PUPILS, NO_CRITERIA))).toEqual(['Jo Bloggs', 'Zoë Marlow', 'Sam Okafor', 'Ali Hussain']);
    expect(names(filterPupils(PUPILS, {}))).toHaveLength(4);
    expect(hasCriteria(NO_CRITERIA)).toBe(false);
  });

  it('searches the preferred and the legal name, ignoring case, accents and extra spaces', () => {
    expect(search('bloggs')).toEqual(['Jo Bloggs']);
    expect(search('joanna')).toEqual(['Jo Bloggs']);
    expect(search('  JO   ')).toEqual(['Jo Bloggs']);
    expect(search('zoe')).toEqual(['Zoë Marlow']);
    expect(search('Zoë')).toEqual(['Zoë Marlow']);
  });

  it('searches the UPN and the home school', () => {
    expect(search('a1234567')).toEqual(['Jo Bloggs']);
    expect(search('willow')).toEqual(['Zoë Marlow']);
    expect(search('elmfield')).toEqual(['Jo Bloggs', 'Sam Okafor']);
  });

  it('needs every word typed, each anywhere in the name, UPN or school', () => {
    expect(search('sam elmfield')).toEqual(['Sam Okafor']);
    expect(search('sam willow')).toEqual([]);
    expect(search('nobody')).toEqual([]);
  });

  it('never matches across two fields', () => {
    const pupil = summary({ name: 'Ann Lee', homeSchoolName: 'Park Primary' });
    expect(names(filterPupils([pupil], { search: 'leepark' }))).toEqual([]);
    expect(names(filterPupils([pupil], { search: 'lee park' }))).toEqual(['Ann Lee']);
  });

  it('filters by base', () => {
    expect(names(filterPupils(PUPILS, { ...NO_CRITERIA, baseId: FRED_BIRD }))).toEqual(['Zoë Marlow']);
    expect(names(filterPupils(PUPILS, { ...NO_CRITERIA, baseId: PARKGATE }))).toEqual(['Jo Bloggs', 'Sam Okafor']);
  });

  it('filters by status, including pupils never referred', () => {
    expect(names(filterPupils(PUPILS, { ...NO_CRITERIA, status: 'referred' }))).toEqual(['Sam Okafor']);
    expect(names(filterPupils(PUPILS, { ...NO_CRITERIA, status: 'none' }))).toEqual(['Ali Hussain']);
    expect(names(filterPupils(PUPILS, { ...NO_CRITERIA, status: 'ended' }))).toEqual([]);
  });

  it('filters by key stage', () => {
    expect(names(filterPupils(PUPILS, { ...NO_CRITERIA, keyStage: 'KS2' }))).toEqual(['Zoë Marlow', 'Ali Hussain']);
    expect(names(filterPupils(PUPILS, { ...NO_CRITERIA, keyStage: 'EYFS' }))).toEqual(['Sam Okafor']);
  });

  it('filters by home school', () => {
    expect(names(filterPupils(PUPILS, { ...NO_CRITERIA, homeSchoolId: WILLOW }))).toEqual(['Zoë Marlow']);
  });

  it('combines the search with every filter', () => {
    const criteria = { search: 'o', baseId: PARKGATE, status: 'placed' as const, keyStage: 'KS1' as const, homeSchoolId: ELMFIELD };
    expect(hasCriteria(criteria)).toBe(true);
    expect(filterPupils(PUPILS, criteria)).toEqual([jo]);
    expect(filterPupils(PUPILS, { ...criteria, status: 'referred' })).toEqual([]);
    expect(filterPupils(PUPILS, { ...criteria, status: 'referred', keyStage: 'EYFS' })).toEqual([sam]);
    expect(filterPupils(PUPILS, { ...NO_CRITERIA, keyStage: 'KS2', search: 'hussain' })).toEqual([ali]);
    expect(filterPupils(PUPILS, { ...NO_CRITERIA, keyStage: 'KS2', baseId: FRED_BIRD })).toEqual([zoe]);
  });

  it('filters 1,000 pupils well inside a keystroke', () => {
    const many = Array.from({ length: 1000 }, (_, i) => summary({ name: `Pupil${i} Marlow${i % 97}`, homeSchoolName: `School ${i % 60}` }));
    filterPupils(many, { search: 'x' });
    const start = performance.now();
    for (const text of ['m', 'ma', 'mar', 'marl', 'mar', 'ma', 'm', '']) filterPupils(many, { search: text });
    expect((performance.now() - start) / 8).toBeLessThan(10);
  });
});
