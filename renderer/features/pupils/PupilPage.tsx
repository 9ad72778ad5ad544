import { Alert, Anchor, Badge, Group, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ACCESS, rolesAllow } from '../../../shared/api/access';
import { ApiError } from '../../../shared/api/result';
import type { PupilPage as PupilPageData } from '../../../shared/api/specs/pupils';
import { displayName } from '../../../shared/domain/pupil-record';
import { yearGroupLabel } from '../../../shared/domain/pupils';
import { useStatus } from '../../lib/queries';
import { PlacementTab } from '../placements/PlacementTab';
import { ContactsTab } from './ContactsTab';
import { DetailsTab } from './DetailsTab';
import { HistoryTab } from './HistoryTab';
import { usePupilPage } from './queries';
import { StatusBadge } from './StatusBadge';
import { KeyworkerFact } from '../keywork/Keyworker';

const TABS = [
  { value: 'details', label: 'Details' },
  { value: 'placement', label: 'Placement and timetable' },
  { value: 'plan', label: 'Plan' },
  { value: 'attendance', label: 'Attendance' },
  { value: 'log', label: 'Log' },
  { value: 'contacts', label: 'Contacts' },
  { value: 'professionals', label: 'Professionals' },
  { value: 'history', label: 'History' },
] as const;
type Tab = (typeof TABS)[number]['value'];
const isTab = (value: string | null): value is Tab => TABS.some((t) => t.value === value);

// Charts load only when the tab is opened, so the first screen's bundle does not carry recharts.
const PupilAttendanceTab = lazy(() => import('../attendance/PupilAttendanceTab'));
const LogTab = lazy(() => import('../keywork/LogTab'));
const PlanTab = lazy(() => import('../plans/PlanTab'));
const PupilProfessionalsTab = lazy(() => import('../keywork/PupilProfessionalsTab'));

const backLink = (
  <Anchor component={Link} to="/pupils" size="sm">
    <Group gap={4} component="span">
      <IconArrowLeft size={14} aria-hidden />
      All pupils
    </Group>
  </Anchor>
);

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm">
      <Text span size="sm" c="dimmed">
        {label}{' '}
      </Text>
      {children}
    </Text>
  );
}

function Header({ data, canChangeKeyworker }: { data: PupilPageData; canChangeKeyworker: boolean }) {
  const { pupil, placements } = data;
  const latest = placements[0];
  const legal = `${pupil.legalFirstName} ${pupil.legalLastName}`;
  const name = displayName(pupil);
  return (
    <Stack gap={6}>
      {backLink}
      <Group gap="sm" align="baseline">
        <Title order={2}>{name}</Title>
        {name !== legal && <Text c="dimmed">Legal name: {legal}</Text>}
      </Group>
      <Group gap="lg">
        <Fact label="Year group">{yearGroupLabel(pupil.yearGroup)}</Fact>
        <Fact label="Key stage">{pupil.keyStage ?? 'Not primary'}</Fact>
        <Fact label="Home school">{pupil.homeSchoolName ?? 'Not recorded'}</Fact>
        {latest?.baseName && <Fact label="Base">{latest.baseName}</Fact>}
        <KeyworkerFact pupilId={pupil.id} pupilName={name} canChange={canChangeKeyworker} />
        <StatusBadge status={latest?.status ?? 'none'} />
        {pupil.childInCare && (
          <Badge variant="outline" color="gray" c="gray.9" tt="none">
            Child in care
          </Badge>
        )}
      </Group>
    </Stack>
  );
}

/** One pupil: their record, placement and timetable, contacts and history, a tab each. */
export function PupilPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const status = useStatus();
  const page = usePupilPage(id);
  const canManage = rolesAllow(ACCESS['pupils.update'], status.data?.user?.roles ?? []);
  const canSeeAudit = rolesAllow(ACCESS['audit.list'], status.data?.user?.roles ?? []);
  const requested = params.get('tab');
  const tab: Tab = isTab(requested) ? requested : 'details';

  const chooseTab = (value: string | null) => {
    if (!isTab(value)) return;
    // In the address, so reloading (or coming back) opens the same tab; replace, so Back leaves the pupil.
    setParams(value === 'details' ? {} : { tab: value }, { replace: true });
  };

  if (page.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading the pupil">
        <Skeleton h={32} w={280} />
        <Skeleton h={20} w={480} />
        <Skeleton h={200} />
      </Stack>
    );
  }
  if (page.isError) {
    const missing = page.error instanceof ApiError && (page.error.code === 'NOT_FOUND' || page.error.code === 'INVALID_INPUT');
    return (
      <Stack>
        {backLink}
        {missing ? (
          <Paper withBorder p="lg">
            <Title order={2} size="h3">
              This pupil is not on record, or not at your base
            </Title>
            <Text c="dimmed" mt={4}>
              The link may be old, or the pupil is at a base you do not work at.{' '}
              <Anchor component={Link} to="/pupils">
                Go to the pupil list
              </Anchor>{' '}
              to find them.
            </Text>
          </Paper>
        ) : (
          <Alert color="red" title="The pupil's record could not be loaded">
            {page.error.message}
          </Alert>
        )}
      </Stack>
    );
  }

  const data = page.data;
  const name = displayName(data.pupil);
  return (
    <Stack>
      <Header data={data} canChangeKeyworker={rolesAllow(ACCESS['keyworkers.assign'], status.data?.user?.roles ?? [])} />
      <Tabs value={tab} onChange={chooseTab} keepMounted={false}>
        <Tabs.List aria-label={`${name}'s record`}>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
              {t.value === 'contacts' && data.contacts.length > 0 ? ` (${data.contacts.length})` : ''}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <DetailsTab pupil={data.pupil} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="placement" pt="md">
          <PlacementTab page={data} />
        </Tabs.Panel>
        <Tabs.Panel value="plan" pt="md">
          <Suspense fallback={<Skeleton h={240} aria-label="Loading the plan" />}>
            <PlanTab pupilId={data.pupil.id} pupilName={name} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="attendance" pt="md">
          <Suspense fallback={<Skeleton h={240} aria-label="Loading attendance" />}>
            <PupilAttendanceTab pupilId={data.pupil.id} pupilName={name} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="log" pt="md">
          <Suspense fallback={<Skeleton h={240} aria-label="Loading the log" />}>
            <LogTab pupilId={data.pupil.id} pupilName={name} homeSchoolId={data.pupil.homeSchoolId} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="professionals" pt="md">
          <Suspense fallback={<Skeleton h={160} aria-label="Loading professionals" />}>
            <PupilProfessionalsTab pupilId={data.pupil.id} pupilName={name} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="md">
          <ContactsTab pupilId={data.pupil.id} pupilName={name} contacts={data.contacts} canManage={canManage} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTab placements={data.placements} {...(canSeeAudit ? { auditFor: data.pupil.id } : {})} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
