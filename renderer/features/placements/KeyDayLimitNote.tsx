import { Text } from '@mantine/core';
import { DEFAULT_TIMETABLE_RULES } from '../../../shared/domain/timetable';

/** Under the planned end of a plan that reaches the Key-day limit before its last week. */
export function KeyDayLimitNote() {
  return (
    <Text size="xs" c="dimmed">
      The {DEFAULT_TIMETABLE_RULES.maxKeyDays}th Key day: back at the home school full time from the next school day, and the place is free.
    </Text>
  );
}
