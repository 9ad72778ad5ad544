import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import type { CallName } from '../../shared/api/calls';

const RANGE = 'must be between 01/01/1900 and 31/12/2100.';

/** Each date the API takes, a valid input around it, and the words its messages use for it. */
const DATE_INPUTS: Array<[CallName, Record<string, unknown>, string[], string]> = [
  ['audit.list', { filters: { from: '2026-11-23' } }, ['filters', 'from'], 'the start date'],
  ['audit.list', { filters: { to: '2026-11-23' } }, ['filters', 'to'], 'the end date'],
  ['audit.export', { filters: { to: '2026-11-23' } }, ['filters', 'to'], 'the end date'],
  ['placements.end', { id: '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11', endDate: '2026-11-23', outcome: 'other' }, ['endDate'], 'the end date'],
  ['placements.agreeStart', { id: '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11', startDate: '2026-11-23' }, ['startDate'], 'the start date'],
  ['calendar.addClosure', { date: '2026-11-23', kind: 'closure', name: 'Boiler' }, ['date'], 'the date'],
  ['pupils.findDuplicates', { legalFirstName: 'Ann', legalLastName: 'Ames', dateOfBirth: '2019-05-04' }, ['dateOfBirth'], 'the date of birth'],
];

function withDate(input: Record<string, unknown>, path: string[], value: string): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return { ...input, [head]: value };
  return { ...input, [head]: withDate(input[head] as Record<string, unknown>, rest, value) };
}

const sentence = (label: string) => `${label[0]!.toUpperCase()}${label.slice(1)}`;

describe('every date the API takes', () => {
  it.each(DATE_INPUTS)('%s %j: takes 1900 to 2100, refuses other years naming the field', (name, input, path, label) => {
    const schema = contract[name].input;
    expect(schema.safeParse(input).success).toBe(true);
    for (const edge of ['1900-01-01', '2100-12-31', '2024-02-29']) expect(schema.safeParse(withDate(input, path, edge)).success, edge).toBe(true);

    for (const far of ['9999-12-31', '0000-01-01', '0050-06-15', '0099-12-31', '1899-12-31', '2101-01-01']) {
      const parsed = schema.safeParse(withDate(input, path, far));
      expect(parsed.success, far).toBe(false);
      expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message]), far).toEqual([[path.join('.'), `${sentence(label)} ${RANGE}`]]);
    }
    for (const unreal of ['2025-02-29', '2026-04-31', '2026-13-01', '23/11/2026', '2026-11-23T00:00', '']) {
      const parsed = schema.safeParse(withDate(input, path, unreal));
      expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message]), unreal).toEqual([[path.join('.'), `Enter ${label} as dd/mm/yyyy.`]]);
    }
  });
});
