import { Button, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { formatUkDate } from '../../../shared/domain/dates';
import { MAX_REVIEW_WEEKS, MIN_REVIEW_WEEKS, REVIEW_KIND_LABELS, type SupportPlan } from '../../../shared/domain/plans';
import { useSetReviewWeeks } from './queries';
import { ScheduleBadge } from './words';
import { ColumnHeadings } from '../../components/ListParts';

function WeeksForm({ plan, onDone }: { plan: SupportPlan; onDone: () => void }) {
  const save = useSetReviewWeeks();
  const [weeks, setWeeks] = useState<number | string>(plan.reviewEveryWeeks);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    save.mutate(
      { planId: plan.id, weeks: typeof weeks === 'number' ? weeks : Number.NaN },
      {
        onSuccess: (saved) => {
          notifications.show({ title: 'Review schedule changed', message: `Reviews every ${saved.reviewEveryWeeks} weeks from the start of the plan.` });
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="sm">
        <NumberInput
          label="Weeks between reviews"
          description={`From ${MIN_REVIEW_WEEKS} to ${MAX_REVIEW_WEEKS}`}
          value={weeks}
          onChange={setWeeks}
          min={MIN_REVIEW_WEEKS}
          max={MAX_REVIEW_WEEKS}
          allowDecimal={false}
          clampBehavior="none"
          w={200}
          error={save.error?.message}
          data-autofocus
          autoFocus
        />
        <Button type="submit" loading={save.isPending}>
          Save
        </Button>
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
      </Group>
    </form>
  );
}

/** When the plan's reviews fall due, which were held, and how often they come (editable per plan). */
export function ScheduleCard({ plan, readOnly }: { plan: SupportPlan; readOnly: boolean }) {
  const [editing, setEditing] = useState(false);
  const { schedule } = plan;
  const heldOn = new Map(plan.reviews.map((r) => [r.id, r.heldOn]));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-schedule">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4} id="plan-schedule">
              Review schedule
            </Title>
            <Group gap="xs" mt={4}>
              <Text size="sm">
                {schedule.nextDue
                  ? `Next: ${REVIEW_KIND_LABELS[schedule.nextKind ?? 'interim'].toLowerCase()} due ${formatUkDate(schedule.nextDue)}`
                  : 'No more reviews due: the end review is held.'}
              </Text>
              <ScheduleBadge status={schedule.status} />
            </Group>
          </div>
          {!editing && (
            <Group gap="xs">
              <Text size="sm">Reviews every {plan.reviewEveryWeeks} weeks</Text>
              <Button size="compact-sm" variant="default" onClick={() => setEditing(true)} disabled={readOnly} aria-label="Change how often reviews are held">
                Change
              </Button>
            </Group>
          )}
        </Group>
        {editing && <WeeksForm plan={plan} onDone={() => setEditing(false)} />}
        <Table.ScrollContainer minWidth={420}>
          <Table withTableBorder aria-label="Reviews due and held">
            <ColumnHeadings columns={['Review', 'Due', 'Held']} />
            <Table.Tbody>
              {schedule.points.map((p) => (
                <Table.Tr key={`${p.kind}-${p.due}`}>
                  <Table.Td>{REVIEW_KIND_LABELS[p.kind]}</Table.Td>
                  <Table.Td>{formatUkDate(p.due)}</Table.Td>
                  <Table.Td>{p.reviewId ? formatUkDate(heldOn.get(p.reviewId) ?? p.due) : p.due === schedule.nextDue ? 'Next due' : 'Not held'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
