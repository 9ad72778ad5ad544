import { migration001 } from './001-bases-pupils-placements';
import type { Migration } from './types';

/** In order. The last one's version is the schema version this build writes. */
export const migrations: readonly Migration[] = [migration001];

export const LATEST_VERSION = migrations.at(-1)?.version ?? 0;
