import { Alert, Anchor, Group, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { unwrap } from '../../../shared/api/result';
import { weekStarting } from '../../../shared/domain/attendance';
import { baseWeeklyChart } from '../../../shared/domain/attendance-charts';
import { addDays } from '../../../shared/domain/dates';
import { api } from '../../lib/api';
import { formatUkDate } from '../../lib/format';
import { useMyBases } from '../../lib/queries';
import { useToday } from '../../lib/today';
import { Figures } from './Figures';
import { WeeklyChart } from './WeeklyChart';

const RANGES = [
  { value: '4', label: 'Last 4 weeks' },
  { value: '8', label: 'Last 8 weeks' },
  { value: '13', label: 'Last 13 weeks' },
  { value: '39', label: 'Last 39 weeks' },
];

/** A base's attendance by week: the base average and each pupil, weeks across, from the recorded marks. */
export function AttendanceDashboard() {
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const { myBases, baseId } = useMyBases(params.get('base'));
  const weeks = RANGES.some((r) => r.value === params.get('weeks')) ? params.get('weeks')! : '4';
  const to = today;
  const from = addDays(weekStarting(today), -7 * (Number(weeks) - 1));
  const attendance = useQuery({
    queryKey: ['registers', 'base', baseId, from, to],
    queryFn: async () => unwrap(await api.registers.baseAttendance({ baseId: baseId!, from, to })),
    enabled: baseId !== null,
  });
  const choose = (key: string, value: string | null) => {
    if (!value) return;
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <Anchor component={Link} to="/registers" size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          Registers
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Attendance by week</Title>
          <Text c="dimmed">
            {formatUkDate(from)} to {formatUkDate(to)}, from the marks recorded in the registers
          </Text>
        </div>
        <Group align="flex-end">
          <Select label="Base" data={myBases.map((b) => ({ value: b.id, label: b.name }))} value={baseId} onChange={(v) => choose('base', v)} allowDeselect={false} />
          <Select label="Weeks" data={RANGES} value={weeks} onChange={(v) => choose('weeks', v)} allowDeselect={false} />
        </Group>
      </Group>
      {attendance.isPending ? (
        <Skeleton h={320} aria-label="Loading attendance" />
      ) : attendance.isError ? (
        <Alert color="red" title="Attendance could not be loaded">
          {attendance.error.message}
        </Alert>
      ) : (
        <>
          <Title order={3} size="h4">
            {attendance.data.baseName}: all pupils over these weeks
          </Title>
          <Figures figures={attendance.data.figures} label={`${attendance.data.baseName} attendance figures`} />
          <WeeklyChart chart={baseWeeklyChart(attendance.data)} title={`${attendance.data.baseName}: attendance % by week`} height={380} />
        </>
      )}
    </Stack>
  );
}

export default AttendanceDashboard;
