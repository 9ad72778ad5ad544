import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

/** One test's time, for the list printed at the end of a run. */
export interface TestTime {
  project: string;
  file: string;
  name: string;
  ms: number;
}

/** The `count` slowest of `times`, slowest first. */
export function slowest(times: readonly TestTime[], count = 10): TestTime[] {
  return [...times].sort((a, b) => b.ms - a.ms).slice(0, count);
}

export function formatSlowest(times: readonly TestTime[]): string {
  const lines = times.map((t) => `  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.project.padEnd(4)} ${t.file} › ${t.name}`);
  return ['', times.length === 1 ? 'The slowest test:' : `The ${times.length} slowest tests:`, ...lines, ''].join('\n');
}

/** Prints the ten slowest tests after the run, so a test that grows slow is seen before the suite does. */
export default class SlowestTests implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const times: TestTime[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const ms = test.diagnostic()?.duration;
        if (ms === undefined) continue;
        times.push({ project: module.project.name, file: relative(process.cwd(), module.moduleId), name: test.fullName, ms });
      }
    }
    if (times.length > 0) process.stdout.write(`${formatSlowest(slowest(times))}\n`);
  }
}
