import { describe, expect, it } from 'vitest';
import { slowest, type TestTime } from './slowest';

const t = (name: string, ms: number): TestTime => ({ project: 'node', file: 'tests/x.test.ts', name, ms });

describe('the slowest-tests list', () => {
  it('keeps the ten slowest, slowest first', () => {
    const times = Array.from({ length: 14 }, (_, i) => t(`test ${i}`, ((i * 5) % 14) * 100));
    const top = slowest(times);
    expect(top).toHaveLength(10);
    expect(top.map((x) => x.ms)).toEqual([1300, 1200, 1100, 1000, 900, 800, 700, 600, 500, 400]);
  });
});
