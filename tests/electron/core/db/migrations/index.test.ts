import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrations } from '../../../../../electron/core/db/migrations';

describe('the migration list', () => {
  it('is numbered 1, 2, 3 … with no gaps or repeats, and the last number is the latest version', () => {
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
    expect(LATEST_VERSION).toBe(migrations.at(-1)?.version);
  });

  it('names every migration', () => {
    for (const migration of migrations) expect(migration.name.trim()).not.toBe('');
  });
});
