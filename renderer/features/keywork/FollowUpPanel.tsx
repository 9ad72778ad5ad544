import { zodResolver } from '@hookform/resolvers/zod';
import { Badge, Button, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { optionalCount, optionalPercent } from '../../lib/schemas';
import { formatUkDate } from '../../../shared/domain/dates';
import type { FollowUpSlot } from '../../../shared/domain/follow-ups';
import { GOING_LABELS, type BeforeFigures } from '../../../shared/domain/keywork';
import type { Placement } from '../../../shared/domain/placements';
import { FormAlert } from '../../components/FormAlert';
import { saveForm } from '../../lib/errors';
import { useFollowUp, useSaveBefore } from './queries';
import { ColumnHeadings } from '../../components/ListParts';

const SLOT_BADGE: Record<FollowUpSlot['state'], { label: string; color: string }> = {
  done: { label: 'Done', color: 'keyTeal' },
  overdue: { label: 'Overdue', color: 'red' },
  'due-soon': { label: 'Due soon', color: 'orange' },
  later: { label: 'Later', color: 'gray' },
};
/** Badge text dark enough to read on its light background (AA contrast). */
const dark = (color: string) => (color === 'orange' ? 'var(--mantine-color-orange-light-color)' : `${color}.9`);

const percent = (n: number | null) => (n === null ? '—' : `${n}%`);
const number = (n: number | null) => (n === null ? '—' : String(n));

const beforeSchema = z.object({
  attendancePercent: optionalPercent('Attendance'),
  suspensions: optionalCount('Suspensions'),
});
type BeforeInput = z.input<typeof beforeSchema>;
type BeforeOutput = z.output<typeof beforeSchema>;

function BeforeForm({ placementId, before, onDone }: { placementId: string; before: BeforeFigures | null; onDone: () => void }) {
  const save = useSaveBefore();
  const form = useForm<BeforeInput, unknown, BeforeOutput>({
    resolver: zodResolver(beforeSchema),
    defaultValues: { attendancePercent: before?.attendancePercent ?? '', suspensions: before?.suspensions ?? '' },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit((values) =>
    saveForm(form.setError, ['attendancePercent', 'suspensions'], async () => {
      await save.mutateAsync({ placementId, ...values });
      notifications.show({ title: 'Saved', message: 'The figures for the term before the placement are saved.' });
      onDone();
    }),
  );
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Group align="flex-end" gap="sm">
        <Controller
          control={form.control}
          name="attendancePercent"
          render={({ field }) => (
            <NumberInput label="Attendance in the term before (%)" min={0} max={100} decimalScale={1} value={field.value} onChange={(v) => field.onChange(v === '' ? '' : Number(v))} error={errors.attendancePercent?.message} w={240} />
          )}
        />
        <Controller
          control={form.control}
          name="suspensions"
          render={({ field }) => (
            <NumberInput label="Suspensions in the term before" min={0} max={200} allowDecimal={false} value={field.value} onChange={(v) => field.onChange(v === '' ? '' : Number(v))} error={errors.suspensions?.message} w={220} />
          )}
        />
        <Button type="submit" loading={isSubmitting}>
          Save figures
        </Button>
        <Button variant="default" onClick={onDone}>
          Cancel
        </Button>
      </Group>
      <FormAlert message={errors.root?.message} />
    </form>
  );
}

/**
 * Before and after for a placement: attendance and suspensions in the term before (from the
 * referral), and once it has ended the follow-up schedule ("followed up at 2, 6 and 12 weeks") with
 * what each visit found.
 */
export function FollowUpPanel({ placement, canManage }: { placement: Placement; canManage: boolean }) {
  const followUp = useFollowUp(placement.id);
  const [editing, setEditing] = useState(false);
  const data = followUp.data;
  if (!data) return null;
  const headingId = `follow-up-${placement.id}`;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={4} size="h5" id={headingId}>
          Before and after
        </Title>
        {editing ? (
          <BeforeForm placementId={placement.id} before={data.before} onDone={() => setEditing(false)} />
        ) : (
          <Group gap="md">
            <Text size="sm">
              Term before the placement: attendance {percent(data.before?.attendancePercent ?? null)}, suspensions {number(data.before?.suspensions ?? null)}
              {data.before ? '' : ' (not recorded)'}
            </Text>
            {canManage && (
              <Button size="compact-sm" variant="default" onClick={() => setEditing(true)}>
                {data.before ? 'Change figures before' : 'Record figures before'}
              </Button>
            )}
          </Group>
        )}
        {data.summary && <Text fw={500}>{data.summary}</Text>}
        {data.slots.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table fz="sm">
              <Table.Caption>Follow-up visits after the return (schedule: {data.weeks.join(', ')} weeks)</Table.Caption>
              <ColumnHeadings columns={['Visit', 'Due', 'Visited', 'Attendance since return', 'Suspensions since return', 'How it is going', 'Actions agreed']} />
              <Table.Tbody>
                {data.slots.map((slot) => (
                  <Table.Tr key={slot.weeks}>
                    <Table.Td>{slot.weeks} weeks</Table.Td>
                    <Table.Td>{formatUkDate(slot.dueOn)}</Table.Td>
                    <Table.Td>
                      {slot.visit ? formatUkDate(slot.visit.on) : (
                        <Badge color={SLOT_BADGE[slot.state].color} c={dark(SLOT_BADGE[slot.state].color)} variant="light" tt="none">
                          {SLOT_BADGE[slot.state].label}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{slot.visit ? percent(slot.visit.attendancePercent) : ''}</Table.Td>
                    <Table.Td>{slot.visit ? number(slot.visit.suspensions) : ''}</Table.Td>
                    <Table.Td>{slot.visit?.going ? GOING_LABELS[slot.visit.going] : ''}</Table.Td>
                    <Table.Td>{slot.visit?.actionsAgreed ?? ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
