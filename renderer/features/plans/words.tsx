import { Badge } from '@mantine/core';
import type { ScheduleStatus, VersionStatus } from '../../../shared/domain/plans';

/** The schedule's state in words (never colour alone), as the Plans page and the Plan tab show it. */
export const SCHEDULE_STATUS_WORDS: Record<ScheduleStatus, string> = {
  overdue: 'Overdue',
  'due-soon': 'Due soon',
  scheduled: 'Scheduled',
  complete: 'Complete',
};

const SCHEDULE_COLOURS: Record<ScheduleStatus, { color: string; c: string }> = {
  overdue: { color: 'red', c: 'red.9' },
  'due-soon': { color: 'orange', c: 'var(--mantine-color-orange-light-color)' },
  scheduled: { color: 'blue', c: 'blue.9' },
  complete: { color: 'gray', c: 'gray.9' },
};

export function ScheduleBadge({ status }: { status: ScheduleStatus }) {
  const { color, c } = SCHEDULE_COLOURS[status];
  return (
    <Badge color={color} c={c} variant="light" tt="none">
      {SCHEDULE_STATUS_WORDS[status]}
    </Badge>
  );
}

export const VERSION_STATUS_WORDS: Record<VersionStatus, string> = { draft: 'Draft', reviewed: 'Reviewed' };

export function VersionBadge({ status }: { status: VersionStatus }) {
  return (
    <Badge color={status === 'draft' ? 'orange' : 'keyTeal'} c={status === 'draft' ? 'var(--mantine-color-orange-light-color)' : 'keyTeal.9'} variant="light" tt="none">
      {status === 'draft' ? 'Draft: can be edited' : 'Reviewed: locked'}
    </Badge>
  );
}
