import { migration001 } from './001-bases-pupils-placements';
import { migration002 } from './002-staff-audit';
import { migration003 } from './003-pupils-placements-calendar';
import { migration004 } from './004-shipped-calendar';
import { migration005 } from './005-registers';
import { migration006 } from './006-home-school-code';
import { migration007 } from './007-keyworker-log';
import { migration008 } from './008-support-plans';
import { migration009 } from './009-report-texts';
import { migration010 } from './010-issued-reports';
import { migration011 } from './011-placements-by-end';
import type { Migration } from './types';

/** In order. The last one's version is the schema version this build writes. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011];

export const LATEST_VERSION = migrations.at(-1)?.version ?? 0;
