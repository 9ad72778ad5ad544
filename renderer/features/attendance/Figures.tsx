import { Badge, Group, SimpleGrid, Text } from '@mantine/core';
import type { AttendanceFigures } from '../../../shared/domain/attendance';
import { percentText } from '../../../shared/domain/attendance-charts';

const FIELDS: Array<[string, (f: AttendanceFigures) => string]> = [
  ['Possible sessions', (f) => String(f.possible)],
  ['Present', (f) => String(f.present)],
  ['Approved educational activity', (f) => String(f.approvedActivity)],
  ['Authorised absence', (f) => String(f.authorised)],
  ['Unable to attend (unavoidable)', (f) => String(f.unavoidable)],
  ['Unauthorised absence', (f) => String(f.unauthorised)],
  ['Attendance', (f) => percentText(f.attendancePercent)],
];

/** The figures as a labelled list (a screen reader reads each label with its number). */
export function Figures({ figures, label }: { figures: AttendanceFigures; label: string }) {
  return (
    <div>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm" component="dl" aria-label={label} m={0}>
        {FIELDS.map(([name, value]) => (
          <div key={name}>
            <Text component="dt" size="xs" c="dimmed">
              {name}
            </Text>
            <Text component="dd" m={0} fw={700} size="lg">
              {value(figures)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <Group gap="sm" mt="xs">
        {figures.persistentAbsence ? (
          <Badge color="red" variant="outline" c="red.9" tt="none">
            Persistent absence: below 90%
          </Badge>
        ) : figures.attendancePercent !== null ? (
          <Badge color="gray" variant="outline" c="gray.9" tt="none">
            Not persistently absent (90% or more)
          </Badge>
        ) : null}
        {figures.unmarked > 0 && (
          <Text size="sm" c="dimmed">
            {figures.unmarked} expected {figures.unmarked === 1 ? 'session is' : 'sessions are'} not marked yet and not counted.
          </Text>
        )}
      </Group>
    </div>
  );
}
