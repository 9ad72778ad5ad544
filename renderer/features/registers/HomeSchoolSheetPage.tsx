import { Alert, Anchor, Button, Checkbox, Group, Paper, Select, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronLeft, IconChevronRight, IconDownload, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import type { HomeSchoolSession, HomeSchoolSheet } from '../../../shared/api/specs/registers';
import { findCode, weekStarting as mondayOf } from '../../../shared/domain/attendance';
import { addDays, formatUkDate } from '../../../shared/domain/dates';
import { DateField } from '../../components/DateField';
import { LoadError } from '../../components/ListParts';
import { api } from '../../lib/api';
import { count } from '../../lib/format';
import { useToday, weekdayOf } from '../../lib/today';
import { downloadCsv } from '../audit/download';
import { useSchools } from '../schools/queries';

const useHomeSchoolSheet = (input: CallInput<'registers.homeSchoolSheet'> | null) =>
  useQuery({
    queryKey: ['registers', 'home-school', input?.schoolId, input?.weekStarting],
    queryFn: async () => unwrap(await api.registers.homeSchoolSheet(input!)),
    enabled: input !== null,
  });

const WORDS: Record<Exclude<HomeSchoolSession['state'], 'enter'>, string> = {
  'at-home-school': 'At home school',
  'not-marked': 'Not marked yet',
  'not-placed': 'Not placed at the Key',
  'no-school': 'No school',
};

function SessionCell({ session }: { session: HomeSchoolSession }) {
  if (session.state !== 'enter') {
    return (
      <Text size="sm" c="dimmed" className="sheet-words">
        {WORDS[session.state]}
      </Text>
    );
  }
  // The code is what the home school enters; a late arrival's minutes are worth knowing too.
  const late = session.minutesLate !== null ? ` (${session.minutesLate} min late)` : '';
  return (
    <Text size="sm">
      <Text span fw={700} ff="monospace" fz="md">
        {session.code}
      </Text>
      {late && (
        <Text span size="xs">
          {late}
        </Text>
      )}
    </Text>
  );
}

const shortDay = (iso: string) => weekdayOf(iso).slice(0, 3);

function PupilSheet({ pupil, days }: { pupil: HomeSchoolSheet['pupils'][number]; days: string[] }) {
  return (
    <Table withTableBorder withColumnBorders className="sheet-pupil" captionSide="top">
      <Table.Caption style={{ textAlign: 'left' }}>
        <Text span fw={700} c="var(--mantine-color-text)">
          {pupil.name}
        </Text>
        <Text span size="sm" c="var(--mantine-color-text)">
          {' '}
          · UPN {pupil.upn ?? 'not recorded'} · at {pupil.baseName}
        </Text>
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Session</Table.Th>
          {days.map((date) => (
            <Table.Th key={date} scope="col">
              {shortDay(date)} {formatUkDate(date)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {(['AM', 'PM'] as const).map((session) => (
          <Table.Tr key={session}>
            <Table.Th scope="row">{session}</Table.Th>
            {pupil.days.map((day) => (
              <Table.Td key={day.date}>
                <SessionCell session={day[session]} />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Sheet({ sheet, today }: { sheet: HomeSchoolSheet; today: string }) {
  const friday = sheet.days.at(-1)!;
  return (
    <Paper withBorder p="md" className="home-school-sheet">
      <Stack gap="sm">
        <Text fw={700} className="sheet-marking">
          OFFICIAL-SENSITIVE
        </Text>
        <Title order={3}>
          {sheet.schoolName}: the Key&apos;s sessions, week starting {formatUkDate(sheet.weekStarting)}
        </Title>
        <Text size="sm">
          For your own register, Monday {formatUkDate(sheet.weekStarting)} to Friday {formatUkDate(friday)}. Enter{' '}
          <strong>{sheet.attendedCode}</strong> ({findCode(sheet.attendedCode)?.meaning.toLowerCase() ?? 'attending the Key'}) when the pupil attended the Key, and the
          code shown for an absence. Nothing to enter where a session says &quot;At home school&quot; (take your own register) or &quot;Not
          marked yet&quot;.
        </Text>
        {sheet.pupils.length === 0 ? (
          <Text>No pupils from {sheet.schoolName} were placed at the Key this week.</Text>
        ) : (
          sheet.pupils.map((pupil) => <PupilSheet key={pupil.pupilId} pupil={pupil} days={sheet.days} />)
        )}
        <Text size="xs" className="sheet-footer">
          OFFICIAL-SENSITIVE · From the Key&apos;s registers, printed {formatUkDate(today)}. Keep with your attendance records.
        </Text>
      </Stack>
    </Paper>
  );
}

function CsvDownload({ schoolId, schoolName, weekStarting }: { schoolId: string | null; schoolName: string | null; weekStarting: string }) {
  const [from, setFrom] = useState(weekStarting);
  const [to, setTo] = useState(addDays(weekStarting, 4));
  const [onlyThisSchool, setOnlyThisSchool] = useState(true);
  const exporter = useMutation({ mutationFn: async (input: CallInput<'registers.homeSchoolCsv'>) => unwrap(await api.registers.homeSchoolCsv(input)) });
  const download = () =>
    exporter.mutate(
      { from, to, ...(onlyThisSchool && schoolId ? { schoolId } : {}) },
      {
        onSuccess: ({ fileName, csv, rows }) => {
          downloadCsv(fileName, csv);
          notifications.show({ title: `${count(rows, 'session')} exported`, message: `Saved as ${fileName}.` });
        },
      },
    );
  const error = exporter.error as (Error & { field?: string }) | null;
  return (
    <Paper withBorder p="md" className="sheet-controls">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Download a CSV of any dates
        </Title>
        <Group align="flex-end">
          <DateField label="From" value={from} onChange={(iso) => setFrom(iso)} w={160} portal={false} />
          <DateField label="To" value={to} onChange={(iso) => setTo(iso)} w={160} portal={false} />
          <Checkbox
            label={schoolName ? `Only ${schoolName}` : 'Only the school chosen'}
            checked={onlyThisSchool && schoolId !== null}
            disabled={schoolId === null}
            onChange={(event) => setOnlyThisSchool(event.currentTarget.checked)}
            mb={8}
          />
          <Button leftSection={<IconDownload size={18} aria-hidden />} onClick={download} loading={exporter.isPending} disabled={!from || !to}>
            Download CSV
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          One row per session a pupil was expected at the Key: pupil, UPN, home school, date, session, the code to enter, minutes late and the
          Key&apos;s own code.
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * What each home school enters in its own register for the Key's sessions: the pupil stays on the home
 * school's roll, so the home school records K when the pupil attended the Key and the Key's absence
 * code otherwise. A week to print (A4, OFFICIAL-SENSITIVE), or a CSV of any dates.
 */
export function HomeSchoolSheetPage() {
  const today = useToday();
  const schools = useSchools();
  const [params, setParams] = useSearchParams();
  const schoolList = [...(schools.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const schoolId = params.get('school') ?? schoolList[0]?.id ?? null;
  const week = mondayOf(params.get('week') ?? addDays(today, -7));
  const sheet = useHomeSchoolSheet(schoolId ? { schoolId, weekStarting: week } : null);
  const choose = (changes: Partial<{ school: string; week: string }>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    setParams(next, { replace: true });
  };
  const schoolName = schoolList.find((s) => s.id === schoolId)?.name ?? null;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" className="sheet-controls">
        <div>
          <Title order={2}>Home school sheets</Title>
          <Text c="dimmed">The codes each home school enters in its own register for the Key&apos;s sessions.</Text>
        </div>
        <Anchor component={Link} to="/registers">
          Back to registers
        </Anchor>
      </Group>

      <Group align="flex-end" className="sheet-controls">
        <Select
          label="Home school"
          data={schoolList.map((s) => ({ value: s.id, label: s.name }))}
          value={schoolId}
          onChange={(value) => value && choose({ school: value })}
          allowDeselect={false}
          searchable
          w={260}
        />
        <DateField label="Week starting" value={week} onChange={(iso) => iso && choose({ week: mondayOf(iso) })} w={160} portal={false} />
        <Button variant="default" leftSection={<IconChevronLeft size={18} aria-hidden />} onClick={() => choose({ week: addDays(week, -7) })}>
          Previous week
        </Button>
        <Button variant="default" rightSection={<IconChevronRight size={18} aria-hidden />} onClick={() => choose({ week: addDays(week, 7) })}>
          Next week
        </Button>
        <Button leftSection={<IconPrinter size={18} aria-hidden />} onClick={() => window.print()} disabled={!sheet.data}>
          Print
        </Button>
      </Group>

      {schools.isPending || (schoolId && sheet.isPending) ? (
        <Skeleton h={300} />
      ) : !schoolId ? (
        <Alert color="gray" title="No home schools yet">
          Home schools are added on the Schools screen.
        </Alert>
      ) : sheet.isError ? (
        <LoadError query={sheet} title="This sheet could not be opened" />
      ) : sheet.data ? (
        <Sheet sheet={sheet.data} today={today} />
      ) : null}

      <CsvDownload key={week} schoolId={schoolId} schoolName={schoolName} weekStarting={week} />
    </Stack>
  );
}
