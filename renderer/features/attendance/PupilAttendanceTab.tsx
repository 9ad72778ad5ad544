import { Alert, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { AttendanceHistoryEntry } from '../../../shared/api/specs/registers';
import { findCode } from '../../../shared/domain/attendance';
import { pupilWeeklyChart } from '../../../shared/domain/attendance-charts';
import { formatUkDate } from '../../lib/format';
import { usePupilAttendance } from '../registers/queries';
import { Figures } from './Figures';
import { WeeklyChart } from './WeeklyChart';
import { ColumnHeadings, ScrollingTable } from '../../components/ListParts';

const codeText = (code: string | null, minutesLate: number | null = null) => {
  if (code === null) return 'Not marked';
  const meaning = findCode(code)?.meaning ?? '';
  return `${code}${code === 'L' && minutesLate ? ` (${minutesLate} min)` : ''} ${meaning ? `– ${meaning}` : ''}`.trim();
};

const when = (iso: string) => {
  const d = new Date(iso);
  return `${formatUkDate(iso.slice(0, 10))} ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
};

function Changes({ entry }: { entry: AttendanceHistoryEntry }) {
  if (entry.amendments.length === 0) return <Text size="sm" c="dimmed">Not amended</Text>;
  return (
    <Stack gap={4}>
      <Text size="sm">Originally {entry.originalCode ?? 'not marked'}</Text>
      {entry.amendments.map((a, i) => (
        <Text size="sm" key={i}>
          {a.oldCode ?? 'not marked'} → {a.newCode}: {a.reason} ({a.amendedBy ?? 'unknown'}, {when(a.amendedAt)})
        </Text>
      ))}
    </Stack>
  );
}

/** Every recorded session, newest first, with the original code and each amendment. */
function History({ history }: { history: AttendanceHistoryEntry[] }) {
  const rows = history.filter((h) => h.expected).reverse();
  if (rows.length === 0) return <Text c="dimmed">No registers have been taken with this pupil expected at the Key.</Text>;
  return (
    <ScrollingTable label="Attendance history">
      <ColumnHeadings columns={['Date', 'Session', 'Base', 'Code', 'Amendments']} />
      <Table.Tbody>
        {rows.map((h) => (
          <Table.Tr key={`${h.date}-${h.session}-${h.baseName}`}>
            <Table.Th scope="row" fw={500}>
              {formatUkDate(h.date)}
            </Table.Th>
            <Table.Td>{h.session}</Table.Td>
            <Table.Td>{h.baseName}</Table.Td>
            <Table.Td>{codeText(h.code, h.minutesLate)}</Table.Td>
            <Table.Td>
              <Changes entry={h} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollingTable>
  );
}

/** A pupil's attendance over their placement: the figures, the weekly chart and every recorded session. */
export function PupilAttendanceTab({ pupilId, pupilName }: { pupilId: string; pupilName: string }) {
  const attendance = usePupilAttendance(pupilId);
  if (attendance.isPending) return <Skeleton h={240} aria-label="Loading attendance" />;
  if (attendance.isError) {
    return (
      <Alert color="red" title="Attendance could not be loaded">
        {attendance.error.message}
      </Alert>
    );
  }
  const { figures, weeks, history } = attendance.data;
  return (
    <Stack>
      <Title order={3} size="h4">
        Attendance figures
      </Title>
      <Figures figures={figures} label={`${pupilName}'s attendance figures`} />
      <WeeklyChart chart={pupilWeeklyChart(weeks, pupilName)} title="Weekly attendance %" />
      <Title order={3} size="h4">
        Attendance history
      </Title>
      <History history={history} />
    </Stack>
  );
}

export default PupilAttendanceTab;
