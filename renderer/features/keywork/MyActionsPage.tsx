import { Anchor, Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatUkDate } from '../../../shared/domain/dates';
import { LOG_KIND_LABELS, type LogEntry } from '../../../shared/domain/keywork';
import { ColumnHeadings, LoadError, LoadingRows } from '../../components/ListParts';
import { PageHeader } from '../../components/PageHeader';
import { weekdayOf } from '../../lib/today';
import { MarkDoneDialog } from './LogTab';
import { useMyActions } from './queries';

function ActionTable({ title, entries, empty, onDone, done }: { title: string; entries: LogEntry[]; empty: string; onDone?: (e: LogEntry) => void; done?: boolean }) {
  const id = `actions-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h4" id={id} mb="xs">
        {title} ({entries.length})
      </Title>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped>
            <ColumnHeadings columns={[done ? 'Replied' : 'Reply due', 'Pupil', 'Contact', 'Summary', onDone && 'Done?']} />
            <Table.Tbody>
              {entries.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{done ? formatUkDate(e.doneOn!) : `${weekdayOf(e.dueOn!)} ${formatUkDate(e.dueOn!)}`}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/pupils/${e.pupilId}?tab=log`}>
                      {e.pupilName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {LOG_KIND_LABELS[e.current.kind]}, {formatUkDate(e.current.onDate)} {e.current.atTime}
                    {e.current.withName ? ` (${e.current.withName})` : ''}
                  </Table.Td>
                  <Table.Td>{e.current.summary}</Table.Td>
                  {onDone && (
                    <Table.Td>
                      <Button size="compact-sm" onClick={() => onDone(e)} aria-label={`Mark the reply to ${e.pupilName}'s ${LOG_KIND_LABELS[e.current.kind].toLowerCase()} done`}>
                        Mark done
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

/** What the signed-in person owes: calls and emails needing a reply, by when, and those done lately. */
export default function MyActionsPage() {
  const actions = useMyActions();
  const [marking, setMarking] = useState<LogEntry | null>(null);
  const data = actions.data;
  return (
    <Stack>
      <PageHeader
        title="My actions"
        description="Calls and emails logged as needing a reply that you owe, due in working days (weekends and bank holidays never count)."
      />
      <LoadError query={actions} title="Your actions could not be loaded" />
      {actions.isPending && <LoadingRows label="Loading your actions" />}
      {data && (
        <>
          {data.overdue.length + data.dueToday.length === 0 && (
            <Paper withBorder p="md">
              <Badge color="keyTeal" c="keyTeal.9" variant="light" tt="none">
                Nothing overdue or due today
              </Badge>
            </Paper>
          )}
          <ActionTable title="Overdue" entries={data.overdue} empty="Nothing overdue." onDone={setMarking} />
          <ActionTable title="Due today" entries={data.dueToday} empty="Nothing due today." onDone={setMarking} />
          <ActionTable title="Coming up" entries={data.upcoming} empty="Nothing else owed." onDone={setMarking} />
          <ActionTable title="Done in the last 30 days" entries={data.done} empty="No replies marked done in the last 30 days." done />
        </>
      )}
      <MarkDoneDialog entry={marking} onClose={() => setMarking(null)} />
    </Stack>
  );
}
