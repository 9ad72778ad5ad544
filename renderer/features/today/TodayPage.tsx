import { Alert, Badge, Button, Card, Group, List, Progress, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { TodayBase, TodayPlacementChange, TodayPupil, TodayRegister } from '../../../shared/api/specs/registers';
import { unwrap } from '../../../shared/api/result';
import type { Base } from '../../../shared/domain/bases';
import { formatUkDate } from '../../../shared/domain/dates';
import { BaseHeading } from '../../components/BaseHeading';
import { api } from '../../lib/api';
import { count } from '../../lib/format';
import { useBases, useDeviceSettings, useStatus } from '../../lib/queries';
import { useToday, weekdayOf } from '../../lib/today';
import { FireListButton } from '../reports/FireListButton';

/** Fetched again every minute, so the register moves on to the afternoon and its state stays current. */
const useTodaySummary = (enabled: boolean) =>
  useQuery({
    queryKey: ['registers', 'today'],
    queryFn: async () => unwrap(await api.registers.today()),
    enabled,
    refetchInterval: 60_000,
  });

/** Replies the signed-in person owes: the count on Today (the list is on My actions). */
const useOwed = (enabled: boolean) =>
  useQuery({ queryKey: ['keywork', 'my-actions'], queryFn: async () => unwrap(await api.log.myActions()), enabled, refetchInterval: 5 * 60_000 });

function ActionsLine({ enabled }: { enabled: boolean }) {
  const owed = useOwed(enabled);
  if (!enabled || !owed.data) return null;
  const { overdue, dueToday } = owed.data;
  const total = overdue.length + dueToday.length;
  return (
    // Not a region of its own: the page's regions are its bases.
    <Card withBorder padding="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <div>
          <Text fw={600}>My actions: {total === 0 ? 'nothing due today' : `${count(total, 'reply', 'replies')} to make`}</Text>
          <Text size="sm" c={overdue.length ? 'var(--mantine-color-red-light-color)' : 'dimmed'}>
            {count(overdue.length, 'overdue reply', 'overdue replies')}, {count(dueToday.length, 'reply', 'replies')} due today
          </Text>
        </div>
        <Button component={Link} to="/actions" variant={total ? 'filled' : 'default'}>
          Open My actions
        </Button>
      </Group>
    </Card>
  );
}

const SESSION_WORDS = { AM: 'morning', PM: 'afternoon' } as const;

/** The register's state in a teacher's words, with a colour that is never the only signal. */
function registerState(register: TodayRegister): { label: string; color: string } {
  if (register.state === 'submitted') return { label: 'Submitted', color: 'teal' };
  if (register.state === 'not-taken') return register.expected === 0 ? { label: 'Nobody expected', color: 'gray' } : { label: 'Not taken yet', color: 'orange' };
  if (register.unmarked > 0) return { label: `Incomplete: ${count(register.unmarked, 'pupil')} unmarked`, color: 'orange' };
  return { label: 'Taken and complete', color: 'teal' };
}

function RegisterSummary({ base, register, date }: { base: TodayBase; register: TodayRegister; date: string }) {
  const state = registerState(register);
  const words = SESSION_WORDS[register.session];
  const link = `/registers?${new URLSearchParams({ base: base.baseId, date, session: register.session }).toString()}`;
  return (
    <Group justify="space-between" wrap="wrap" gap="xs">
      <div>
        <Text fw={600}>
          {words[0]!.toUpperCase() + words.slice(1)} register ({register.session}, {register.startsAt}–{register.closesAt})
        </Text>
        <Badge color={state.color} variant="light" mt={4}>
          {state.label}
        </Badge>
      </div>
      <Button component={Link} to={link} variant={register.state === 'submitted' ? 'default' : 'filled'} aria-label={`Open the ${words} register at ${base.baseName}`}>
        Open the register
      </Button>
    </Group>
  );
}

function PupilList({ title, pupils, empty, describe }: { title: string; pupils: TodayPupil[]; empty: string; describe?: (p: TodayPupil) => string | null }) {
  return (
    <div>
      <Title order={4} size="h5">
        {title} ({pupils.length})
      </Title>
      {pupils.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        // Names only (the register has the links): a full base's list stays short, in columns.
        <List size="sm" aria-label={title} style={{ columnWidth: describe ? undefined : '11rem' }}>
          {pupils.map((p) => (
            <List.Item key={p.pupilId}>
              {p.name}
              {describe?.(p) ? ` (${describe(p)})` : ''}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

const changeDay = (p: TodayPupil) => {
  const date = (p as TodayPlacementChange).date;
  return `${weekdayOf(date)} ${formatUkDate(date)}`;
};

function TodayDetails({ today, date }: { today: TodayBase; date: string }) {
  return (
    <Stack gap="sm" mt="md">
      <Group justify="flex-end">
        <FireListButton baseId={today.baseId} baseName={today.baseName} size="xs" />
      </Group>
      {today.noSchool ? (
        <Alert color="gray" variant="light" title={`No school today at ${today.baseName} (${today.noSchool})`}>
          Nobody is expected at the Key today.
        </Alert>
      ) : (
        today.register && <RegisterSummary base={today} register={today.register} date={date} />
      )}
      {!today.noSchool && (
        <>
          <PupilList title="At the Key today" pupils={today.atKey} empty="Nobody is expected at the Key today." />
          <PupilList
            title="At their home school today"
            pupils={today.atHomeSchool}
            empty="Nobody is at their home school today."
            describe={(p) => p.homeSchoolName}
          />
        </>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <PupilList title="Starting this week" pupils={today.startingThisWeek} empty="No placements start this week." describe={changeDay} />
        <PupilList title="Ending this week" pupils={today.endingThisWeek} empty="No placements end this week." describe={changeDay} />
      </SimpleGrid>
    </Stack>
  );
}

function BaseCard({ base, isThisPc, today, date }: { base: Base; isThisPc: boolean; today: TodayBase | undefined; date: string }) {
  const free = Math.max(base.places - base.placed, 0);
  const full = base.placed >= base.places;
  return (
    <Card withBorder padding="lg" component="section" aria-label={base.name}>
      <BaseHeading
        base={base}
        badges={
          isThisPc && (
            <Badge variant="outline" color="gray">
              This PC
            </Badge>
          )
        }
      />
      <Text mt="md" size="xl" fw={600}>
        {base.placed} of {count(base.places, 'place')} filled
      </Text>
      <Progress
        mt="xs"
        value={base.places ? (100 * base.placed) / base.places : 0}
        color={full ? 'orange' : 'teal'}
        aria-label={`${base.name}: ${base.placed} of ${base.places} places filled`}
      />
      <Text mt="xs" size="sm" c={full ? 'var(--mantine-color-orange-light-color)' : 'dimmed'}>
        {full ? 'Full today' : `${count(free, 'place')} free today`}
      </Text>
      {today && <TodayDetails today={today} date={date} />}
    </Card>
  );
}

/**
 * The first screen: for each base, places filled and, for staff who take registers (teachers at their
 * bases, managers at all), this session's register, who is where today and this week's starts and ends.
 * Dates are the core's, so the screen agrees with the registers.
 */
export function TodayPage() {
  const date = useToday();
  const user = useStatus().data?.user;
  const takesRegisters = !!user && (user.roles.includes('teacher') || user.roles.includes('manager'));
  const bases = useBases();
  const summary = useTodaySummary(takesRegisters);
  const settings = useDeviceSettings();
  const defaultBaseId = settings.data?.defaultBaseId ?? null;
  const byBase = new Map((summary.data?.bases ?? []).map((b) => [b.baseId, b]));
  // This PC's base first, then the caller's own bases, so a teacher sees their own base without looking for it.
  const rank = (b: Base) => (b.id === defaultBaseId ? 2 : 0) + (byBase.has(b.id) ? 1 : 0);
  const ordered = [...(bases.data ?? [])].sort((a, b) => rank(b) - rank(a));
  return (
    <Stack>
      <div>
        <Title order={2}>Today</Title>
        <Text c="dimmed">
          {weekdayOf(date)} {formatUkDate(date)}
        </Text>
      </div>
      <ActionsLine enabled={takesRegisters} />
      {bases.isError && (
        <Alert color="red" title="The bases could not be loaded">
          {bases.error.message}
        </Alert>
      )}
      {summary.isError && (
        <Alert color="red" title="Today's registers could not be loaded">
          {summary.error.message}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {bases.isPending || (takesRegisters && summary.isPending)
          ? [0, 1].map((i) => <Skeleton key={i} h={170} />)
          : ordered.map((base) => (
              <BaseCard key={base.id} base={base} isThisPc={base.id === defaultBaseId} today={byBase.get(base.id)} date={summary.data?.date ?? date} />
            ))}
      </SimpleGrid>
    </Stack>
  );
}
