import { Alert, Badge, Group, Paper, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { formatUkDate } from '../../../shared/domain/dates';
import { DEFAULT_TIMETABLE_RULES, type Timetable } from '../../../shared/domain/timetable';
import { useToday } from '../../lib/today';
import { useTimetable } from './queries';
import { KeyDayLimitNote } from './KeyDayLimitNote';
import { SHORT_WEEKDAYS, thisWeekLine, weekOf, weekRows, type WeekCell } from './weeks';

const FULL_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;

const CELL_STYLE: Record<WeekCell['kind'], React.CSSProperties | undefined> = {
  key: { background: 'var(--mantine-color-keyTeal-0)' },
  home: { background: 'var(--mantine-color-yellow-0)' },
  'no-school': { background: 'var(--mantine-color-gray-1)' },
  before: undefined,
  after: undefined,
};

/** Each day says in words where the pupil is: colour only helps. */
function Cell({ cell }: { cell: WeekCell }) {
  const date = (
    <Text size="xs" c="dimmed">
      {formatUkDate(cell.date)}
    </Text>
  );
  let what: React.ReactNode;
  switch (cell.kind) {
    case 'key':
      what = <Text fw={700}>Key</Text>;
      break;
    case 'home':
      what = <Text fw={500}>Home</Text>;
      break;
    case 'no-school':
      what = (
        <Text c="dimmed">
          <span aria-hidden>—</span>
          <VisuallyHidden>No school</VisuallyHidden>
        </Text>
      );
      break;
    default:
      what = <VisuallyHidden>{cell.kind === 'before' ? 'Before the start' : 'After the plan'}</VisuallyHidden>;
  }
  return (
    <Table.Td style={CELL_STYLE[cell.kind]}>
      {what}
      {date}
    </Table.Td>
  );
}

/** The plan week by week (Monday to Friday), holidays shown as gaps, this week marked. */
export function TimetableTable({ timetable, pupilName, today }: { timetable: Timetable; pupilName: string; today: string }) {
  const rows = weekRows(timetable, today);
  const current = rows.find((r) => r.isCurrent);
  const weekend = weekOf(today) !== today;
  const currentLabel = weekend ? 'Next week' : 'This week';
  const homeDays = timetable.days.filter((d) => d.place === 'home').length;
  return (
    <Stack gap="sm">
      <Group gap="xl" component="section" aria-label="Totals">
        <div>
          <Text size="xs" c="dimmed">
            Key days
          </Text>
          <Text fw={600}>
            {timetable.keyDays} of {DEFAULT_TIMETABLE_RULES.maxKeyDays}
          </Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            Home-school days
          </Text>
          <Text fw={600}>{homeDays}</Text>
        </div>
        <div>
          <Text size="xs" c="dimmed">
            Planned end
          </Text>
          <Text fw={600}>{formatUkDate(timetable.endDate)}</Text>
          {timetable.endedBy === 'key-days' && <KeyDayLimitNote />}
        </div>
      </Group>
      <div>
        <Text fw={600}>{thisWeekLine(timetable, today)}</Text>
        {current?.week && (
          <Text size="sm" c="dimmed">
            {currentLabel}: week {current.week} of the placement, beginning {formatUkDate(current.monday)}.
          </Text>
        )}
      </div>
      <Table.ScrollContainer minWidth={720}>
        <Table withTableBorder withColumnBorders verticalSpacing={4}>
          <Table.Caption>
            Week-by-week timetable for {pupilName}. Key: at the Key. Home: at the home school. —: no school (holiday, INSET day or bank holiday).
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Week</Table.Th>
              {SHORT_WEEKDAYS.map((d, i) => (
                <Table.Th scope="col" key={d}>
                  <abbr title={FULL_WEEKDAYS[i]} style={{ textDecoration: 'none' }}>
                    {d}
                  </abbr>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr
                key={row.monday}
                aria-current={row.isCurrent ? 'date' : undefined}
                style={row.isCurrent ? { outline: '3px solid var(--mantine-color-keyTeal-7)', outlineOffset: -2 } : undefined}
              >
                <Table.Th scope="row" fw={row.isCurrent ? 700 : 500}>
                  <Group gap={6} wrap="nowrap">
                    {row.week === null ? 'No school' : `Week ${row.week}`}
                    {row.isCurrent && (
                      <Badge size="xs" variant="filled">
                        {currentLabel}
                      </Badge>
                    )}
                  </Group>
                </Table.Th>
                {row.week === null ? (
                  <Table.Td colSpan={5} style={CELL_STYLE['no-school']}>
                    <Text c="dimmed" size="sm">
                      Holiday: {formatUkDate(row.monday)} to {formatUkDate(row.friday)}
                    </Text>
                  </Table.Td>
                ) : (
                  row.cells.map((cell) => <Cell key={cell.date} cell={cell} />)
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The timetable of a placement with a start date, loaded from the core. */
export function TimetableSection({ placementId, pupilName }: { placementId: string; pupilName: string }) {
  const timetable = useTimetable(placementId);
  const today = useToday();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`timetable-${placementId}`}>
      <Title order={3} size="h4" id={`timetable-${placementId}`} mb="sm">
        Timetable
      </Title>
      {timetable.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label="Loading the timetable">
          <Skeleton h={24} />
          <Skeleton h={200} />
        </Stack>
      ) : timetable.isError ? (
        <Alert color="red" title="The timetable could not be loaded">
          {timetable.error.message}
        </Alert>
      ) : (
        <TimetableTable timetable={timetable.data} pupilName={pupilName} today={today} />
      )}
    </Paper>
  );
}
