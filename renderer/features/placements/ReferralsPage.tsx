import { Anchor, Button, Card, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatUkDate } from '../../../shared/domain/dates';
import type { Placement, PlacementStatus } from '../../../shared/domain/placements';
import type { PupilSummary } from '../../../shared/domain/pupil-record';
import { yearGroupLabel } from '../../../shared/domain/pupils';
import { EmptyState, LoadError } from '../../components/ListParts';
import { PageHeader } from '../../components/PageHeader';
import { useDialog } from '../../lib/useDialog';
import { usePupilList } from '../pupils/queries';
import { pupilLink } from './BoardPage';
import { usePipeline } from './queries';
import { ReferForm } from './ReferForm';
import { FormModal } from '../../components/FormModal';

/** The pipeline's columns, in the order a referral moves through them. */
export const PIPELINE_COLUMNS: ReadonlyArray<{ status: PlacementStatus; title: string; empty: string }> = [
  { status: 'referred', title: 'Awaiting panel', empty: 'No referrals are waiting for the panel.' },
  { status: 'deferred', title: 'Deferred', empty: 'The panel has deferred none.' },
  { status: 'accepted', title: 'Accepted: to arrange', empty: 'Nobody accepted is waiting for visits or a start date.' },
  { status: 'start-agreed', title: 'Start agreed', empty: 'No start dates are coming up.' },
];

/** Still with a referral in progress: a second one cannot be made. */
const OPEN_STATUSES: ReadonlySet<PupilSummary['status']> = new Set(['referred', 'deferred', 'accepted', 'start-agreed', 'placed', 'reintegrating']);

function ReferralCard({ placement }: { placement: Placement }) {
  const lines: string[] = [`From ${placement.referringSchoolName}`, `Referred ${formatUkDate(placement.referredOn)}`];
  if (placement.baseName) lines.unshift(`Base: ${placement.baseName}`);
  if (placement.decidedOn) lines.push(`${placement.decision === 'deferred' ? 'Deferred' : 'Accepted'} ${formatUkDate(placement.decidedOn)}`);
  if (placement.startDate) lines.push(`Starts ${formatUkDate(placement.startDate)}`);
  return (
    <Card withBorder padding="sm" component="li" style={{ listStyle: 'none' }}>
      <Anchor component={Link} to={pupilLink(placement.pupilId)} fw={600}>
        {placement.pupilName}
      </Anchor>
      {lines.map((line) => (
        <Text key={line} size="sm">
          {line}
        </Text>
      ))}
    </Card>
  );
}

/** Choose the pupil (searchable), then fill in the referral. */
function NewReferral({ onDone }: { onDone: () => void }) {
  const pupils = usePupilList();
  const [pupilId, setPupilId] = useState<string | null>(null);
  const list = pupils.data ?? [];
  const chosen = list.find((p) => p.id === pupilId) ?? null;
  return (
    <Stack gap="md">
      <Select
        label="Search pupils"
        placeholder={pupils.isPending ? 'Loading pupils…' : 'Type a name'}
        description={
          <>
            Only pupils on record can be referred.{' '}
            <Anchor component={Link} to="/pupils" size="xs" underline="always" onClick={onDone}>
              Add a new pupil first
            </Anchor>
          </>
        }
        searchable
        // Focused on opening: the list appears as they type or click, not over the form at once.
        openOnFocus={false}
        clearable
        nothingFoundMessage="No pupil by that name"
        data={list.map((p) => {
          // A pupil has at most one referral in progress: shown, so nobody wonders where they went, but not choosable.
          const open = OPEN_STATUSES.has(p.status);
          return {
            value: p.id,
            label: `${p.name} (${yearGroupLabel(p.yearGroup)}${p.homeSchoolName ? `, ${p.homeSchoolName}` : ''})${open ? ': referral in progress' : ''}`,
            disabled: open,
          };
        })}
        value={pupilId}
        onChange={setPupilId}
        error={pupils.isError ? pupils.error.message : undefined}
        data-autofocus
      />
      {chosen && <ReferForm key={chosen.id} pupil={{ id: chosen.id, name: chosen.name, homeSchoolId: chosen.homeSchoolId }} onDone={onDone} onCancel={onDone} />}
    </Stack>
  );
}

/** Every referral in progress, by where it has got to, oldest first in each column. */
export function ReferralsPage() {
  const pipeline = usePipeline();
  const { dialog, opened, open, close } = useDialog<'new'>();
  const all = pipeline.data ?? [];
  return (
    <Stack>
      <PageHeader title="Referrals" description="Referrals from the panel to the start date. Open a pupil to record the next step.">
        <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => open('new')}>
          New referral
        </Button>
      </PageHeader>
      <LoadError query={pipeline} title="The referrals could not be loaded" />
      {pipeline.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} aria-busy="true" aria-label="Loading referrals">
          {PIPELINE_COLUMNS.map((c) => (
            <Skeleton key={c.status} h={200} />
          ))}
        </SimpleGrid>
      ) : pipeline.isSuccess && all.length === 0 ? (
        <EmptyState title="No referrals in progress.">When a home school sends a referral, record it with New referral.</EmptyState>
      ) : pipeline.isSuccess ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          {PIPELINE_COLUMNS.map((column) => {
            const items = all.filter((p) => p.status === column.status);
            const id = `pipeline-${column.status}`;
            return (
              <Paper key={column.status} withBorder p="sm" bg="var(--mantine-color-gray-0)" component="section" aria-labelledby={id}>
                <Title order={3} size="h5" id={id} mb="xs">
                  {column.title} ({items.length})
                </Title>
                {items.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {column.empty}
                  </Text>
                ) : (
                  <Stack component="ul" gap="xs" p={0} m={0} aria-labelledby={id}>
                    {items.map((p) => (
                      <ReferralCard key={p.id} placement={p} />
                    ))}
                  </Stack>
                )}
              </Paper>
            );
          })}
        </SimpleGrid>
      ) : null}
      <FormModal opened={opened} onClose={close} title="New referral" size="lg">
        {dialog && <NewReferral key={dialog.key} onDone={close} />}
      </FormModal>
    </Stack>
  );
}
