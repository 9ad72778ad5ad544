import { Anchor, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { PlanListRow } from '../../../shared/api/specs/plans';
import { formatUkDate } from '../../../shared/domain/dates';
import { REVIEW_KIND_LABELS } from '../../../shared/domain/plans';
import { count } from '../../../shared/domain/words';
import { ColumnHeadings, EmptyState, LoadError, LoadingRows } from '../../components/ListParts';
import { PageHeader } from '../../components/PageHeader';
import { usePlanList } from './queries';
import { ScheduleBadge } from './words';
import { CohortPanel } from './progress/CohortPanel';

const ALL = 'all';

/** Overdue first, then by the date the next review is due; plans with nothing due last. */
const byNextDue = (a: PlanListRow, b: PlanListRow) =>
  (a.nextReviewDue ?? '9999').localeCompare(b.nextReviewDue ?? '9999') || a.pupilName.localeCompare(b.pupilName);

/** Per base: reviews overdue and due in the next two weeks, so the next fortnight can be planned. */
function DueSummary({ rows }: { rows: PlanListRow[] }) {
  const bases = [...new Set(rows.map((r) => r.baseName))].sort();
  return (
    <section aria-labelledby="plans-due">
      <Title order={3} size="h4" id="plans-due" mb="xs">
        Reviews due
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {bases.map((base) => {
          const at = rows.filter((r) => r.baseName === base);
          const overdue = at.filter((r) => r.status === 'overdue').length;
          const soon = at.filter((r) => r.status === 'due-soon').length;
          return (
            <Paper withBorder p="sm" key={base} component="section" aria-label={`Reviews due at ${base}`}>
              <Text fw={600}>{base}</Text>
              <Text size="sm" c={overdue > 0 ? 'red.9' : undefined} fw={overdue > 0 ? 600 : undefined}>
                Overdue: {count(overdue, 'review')}
              </Text>
              <Text size="sm">Due in the next two weeks: {count(soon, 'review')}</Text>
              <Text size="sm" c="dimmed">
                {count(at.length, 'current plan')}
              </Text>
            </Paper>
          );
        })}
      </SimpleGrid>
    </section>
  );
}

function PlanTable({ rows }: { rows: PlanListRow[] }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped aria-label="Current plans">
        <ColumnHeadings columns={['Pupil', 'Base', 'Version', 'Last review', 'Next review due', 'Status']} />
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.planId}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} to={`/pupils/${r.pupilId}?tab=plan`}>
                  {r.pupilName}
                </Anchor>
              </Table.Th>
              <Table.Td>{r.baseName}</Table.Td>
              <Table.Td>
                {r.versionNumber} ({r.versionStatus === 'draft' ? 'draft' : 'reviewed'})
              </Table.Td>
              <Table.Td>{r.lastReviewOn ? formatUkDate(r.lastReviewOn) : 'None yet'}</Table.Td>
              <Table.Td>
                {r.nextReviewDue ? `${formatUkDate(r.nextReviewDue)}${r.nextReviewKind ? ` (${REVIEW_KIND_LABELS[r.nextReviewKind].toLowerCase()})` : ''}` : 'Nothing due'}
              </Table.Td>
              <Table.Td>
                <ScheduleBadge status={r.status} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Every current My Support Plan, when its next review is due, and which reviews are overdue per base. */
export function PlansPage() {
  const list = usePlanList();
  const [base, setBase] = useState<string>(ALL);
  const rows = [...(list.data ?? [])].sort(byNextDue);
  const bases = [...new Map(rows.map((r) => [r.baseId, r.baseName])).entries()].sort((a, b) => a[1].localeCompare(b[1]));
  const shown = base === ALL ? rows : rows.filter((r) => r.baseId === base);
  return (
    <Stack>
      <PageHeader title="Plans" description="Every current My Support Plan and its next review. Open a pupil to write, review or measure." />
      <LoadError query={list} title="The plans could not be loaded" />
      {list.isPending && <LoadingRows label="Loading the plans" />}
      {list.isSuccess && rows.length === 0 && (
        <EmptyState title="No plans yet.">
          A plan is started from a pupil&apos;s Plan tab once their placement has a start date. Plans then show here with their next review.
        </EmptyState>
      )}
      {rows.length > 0 && (
        <>
          <DueSummary rows={rows} />
          <section aria-labelledby="plans-current">
            <Group justify="space-between" align="flex-end" mb="xs">
              <Title order={3} size="h4" id="plans-current">
                Current plans ({shown.length})
              </Title>
              {bases.length > 1 && (
                <Select
                  label="Show plans at"
                  data={[{ value: ALL, label: 'Every base' }, ...bases.map(([value, label]) => ({ value, label }))]}
                  value={base}
                  onChange={(v) => setBase(v ?? ALL)}
                  allowDeselect={false}
                  w={220}
                  comboboxProps={{ withinPortal: false }}
                />
              )}
            </Group>
            <PlanTable rows={shown} />
          </section>
        </>
      )}
      <section aria-labelledby="plans-cohort">
        <Title order={3} size="h4" id="plans-cohort" mb="xs">
          Cohort
        </Title>
        <CohortPanel />
      </section>
    </Stack>
  );
}
