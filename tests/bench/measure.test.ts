import { performance } from 'node:perf_hooks';
import { formatMeasure, measureToJson, median, report, timeRuns, type Measure } from '../../bench/measure';

describe('median', () => {
  it('takes the middle sample of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([3])).toBe(3);
  });

  it('averages the two middle samples of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('leaves the samples as they were', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses no samples', () => {
    expect(() => median([])).toThrow();
  });
});

describe('timeRuns', () => {
  it('runs the warm-ups and the runs, keeping a sample for each run only', async () => {
    let calls = 0;
    const samples = await timeRuns(() => {
      calls++;
    }, { runs: 3, warmup: 2 });
    expect(calls).toBe(5);
    expect(samples).toHaveLength(3);
    for (const sample of samples) expect(sample).toBeGreaterThanOrEqual(0);
  });

  describe('on a fake clock', () => {
    let clock = 0;
    beforeEach(() => {
      clock = 0;
      vi.spyOn(performance, 'now').mockImplementation(() => clock);
    });
    afterEach(() => vi.restoreAllMocks());

    it('times only the body given to time(), leaving setup and clean-up off the clock', async () => {
      const samples = await timeRuns(async (time) => {
        clock += 100;
        await time(() => {
          clock += 7;
        });
        clock += 50;
      }, { runs: 2, warmup: 1 });
      expect(samples).toEqual([7, 7]);
    });

    it('times the whole run when the run does not call time()', async () => {
      const samples = await timeRuns(() => {
        clock += 12;
      }, { runs: 1, warmup: 0 });
      expect(samples).toEqual([12]);
    });
  });

  it('hands back what the timed body returns', async () => {
    const seen: number[] = [];
    await timeRuns(async (time) => {
      seen.push(await time(() => 42));
    }, { runs: 1, warmup: 0 });
    expect(seen).toEqual([42]);
  });

  it('refuses a run that times twice', async () => {
    await expect(
      timeRuns(async (time) => {
        await time(() => undefined);
        await time(() => undefined);
      }, { runs: 1, warmup: 0 }),
    ).rejects.toThrow(/once per run/);
  });
});

const open: Measure = { name: 'open', medianMs: 142.31, targetMs: 300, floor: { name: 'raw read of same size', medianMs: 12.08 } };
const save: Measure = { name: 'durable save after a one-row change', medianMs: 151.2, targetMs: 100 };

describe('formatMeasure', () => {
  it('shows the median, the target, the floor and ok', () => {
    expect(formatMeasure(open, 10)).toBe('open          142.3 ms  (target ≤ 300 ms, floor 12.1 ms: raw read of same size)  ok');
  });

  it('marks a measure over its target', () => {
    expect(formatMeasure(save)).toMatch(/151\.2 ms {2}\(target ≤ 100 ms\) {2}OVER TARGET by 52%$/);
  });

  it('leaves out what a measure does not have', () => {
    expect(formatMeasure({ name: 'x', medianMs: 1 })).toBe('x      1.0 ms');
  });

  it('counts a memory measure in MB, target and floor too', () => {
    const memory: Measure = { name: 'memory', medianMs: 3.26, unit: 'MB', targetMs: 20, floor: { name: 'heap after 10', medianMs: 41.04 } };
    expect(formatMeasure(memory)).toBe('memory      3.3 MB  (target ≤ 20 MB, floor 41.0 MB: heap after 10)  ok');
    expect(JSON.parse(measureToJson(memory))).toMatchObject({ unit: 'MB', target_ms: 20 });
  });
});

describe('JSON output', () => {
  it('has exactly name, median_ms, target_ms and floor_ms where they exist', () => {
    expect(JSON.parse(measureToJson(open))).toEqual({ name: 'open', median_ms: 142.31, target_ms: 300, floor_ms: 12.08 });
    expect(JSON.parse(measureToJson(save))).toEqual({ name: 'durable save after a one-row change', median_ms: 151.2, target_ms: 100 });
  });

  it('prints one JSON object per line and nothing else', () => {
    const lines: string[] = [];
    report([open, save], true, (line) => lines.push(line));
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('prints text lines aligned, with a summary of what is over target', () => {
    const lines: string[] = [];
    report([open, save], false, (line) => lines.push(line));
    expect(lines[0]?.indexOf('142.3')).toBe(lines[1]!.indexOf('151.2'));
    expect(lines.at(-1)).toMatch(/1 over target: durable save/);
  });
});
