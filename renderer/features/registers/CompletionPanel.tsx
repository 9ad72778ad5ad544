import { Alert, Anchor, Button, Group, List, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { RegisterStatus } from '../../../shared/api/specs/registers';
import { formatUkDate } from '../../../shared/domain/dates';
import { count } from '../../lib/format';
import { weekdayOf } from '../../lib/today';
import { useCompletion } from './queries';

/** The newest few first; the rest on request. */
const SHOWN = 4;

const describe = (r: RegisterStatus) =>
  r.state === 'not-taken' ? `not taken (${count(r.expected, 'pupil')} expected)` : `${count(r.unmarked, 'pupil')} unmarked`;

/** Registers missing or incomplete over the last school days, and absences still without a reason. */
export function CompletionPanel({ onOpen }: { onOpen: (register: RegisterStatus) => void }) {
  const board = useCompletion();
  const [all, setAll] = useState(false);
  if (!board.data) return null;
  const { registers, overdueReasons } = board.data;
  if (registers.length === 0 && overdueReasons.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Every register for the last 10 school days is complete.
      </Text>
    );
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="registers-to-do">
      <Title order={3} size="h5" id="registers-to-do">
        Registers to finish ({registers.length})
      </Title>
      {registers.length > 0 && (
        <List size="sm" mt="xs" spacing={4}>
          {(all ? registers : registers.slice(0, SHOWN)).map((r) => (
            <List.Item key={`${r.baseId}-${r.date}-${r.session}`}>
              <Group gap="xs">
                <Anchor component="button" type="button" onClick={() => onOpen(r)}>
                  {r.baseName}, {weekdayOf(r.date)} {formatUkDate(r.date)} {r.session}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {describe(r)}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {registers.length > SHOWN && (
        <Button variant="subtle" size="compact-sm" mt={4} onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${registers.length}`}
        </Button>
      )}
      {overdueReasons.length > 0 && (
        <Alert mt="sm" color="orange" title="Absences with no reason after 5 school days (N)">
          <List size="sm">
            {overdueReasons.map((o) => (
              <List.Item key={`${o.pupilId}-${o.date}-${o.session}`}>
                {o.name}, {o.baseName}: {formatUkDate(o.date)} {o.session}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Paper>
  );
}
