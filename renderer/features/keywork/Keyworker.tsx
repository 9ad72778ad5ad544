import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Group, Select, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { formatUkDate } from '../../../shared/domain/dates';
import type { PlacementKeyworker } from '../../../shared/domain/keywork';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { FormModal, useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { optionalNotes, requiredDate } from '../../lib/schemas';
import { useToday } from '../../lib/today';
import { useDialog } from '../../lib/useDialog';
import { useAssignKeyworker, useKeyworkers } from './queries';
import { ColumnHeadings } from '../../components/ListParts';

const schema = z.object({
  staffId: z.string().nullable().refine((v): v is string => !!v, 'Choose the keyworker.'),
  fromDate: requiredDate('Enter the date as dd/mm/yyyy.'),
  reason: optionalNotes('The reason', 500),
});
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;
const FIELDS = ['staffId', 'fromDate', 'reason'] as const;

function KeyworkerForm({ keyworker, pupilName, onDone }: { keyworker: PlacementKeyworker; pupilName: string; onDone: () => void }) {
  const assign = useAssignKeyworker();
  const today = useToday();
  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(schema), defaultValues: { staffId: null, fromDate: today, reason: '' } });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);
  const choices = keyworker.candidates.filter((c) => c.id !== keyworker.current?.staffId).map((c) => ({ value: c.id, label: c.name }));
  const submit = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      const saved = await assign.mutateAsync({ placementId: keyworker.placementId, ...values });
      notifications.show({ title: 'Keyworker saved', message: `${saved.current?.staffName ?? 'The new keyworker'} is ${pupilName}'s keyworker.` });
      onDone();
    }),
  );
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <FormAlert title="Keyworker not saved" message={errors.root?.message} />
        <Controller
          control={form.control}
          name="staffId"
          render={({ field }) => (
            <Select
              label="Keyworker"
              description={`Staff at ${keyworker.baseName ?? 'the base'}.`}
              data={choices}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={errors.staffId?.message}
              required
              searchable
              nothingFoundMessage="Nobody else works at this base"
              comboboxProps={{ withinPortal: false }}
              data-autofocus
            />
          )}
        />
        <Controller
          control={form.control}
          name="fromDate"
          render={({ field }) => <DateField label="Keyworker from" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.fromDate?.message} w={200} />}
        />
        {keyworker.current && <Textarea label="Reason for the change" autosize minRows={2} {...form.register('reason')} error={errors.reason?.message} />}
        <FormButtons submit={keyworker.current ? 'Change keyworker' : 'Choose keyworker'} onCancel={onDone} loading={isSubmitting} />
        {keyworker.history.length > 0 && (
          <div>
            <Title order={3} size="h5" mb={4}>
              Keyworkers so far
            </Title>
            <Table fz="sm">
              <ColumnHeadings columns={['Keyworker', 'From', 'Reason', 'Chosen by']} />
              <Table.Tbody>
                {keyworker.history.map((h) => (
                  <Table.Tr key={h.assignedAt}>
                    <Table.Td>{h.staffName}</Table.Td>
                    <Table.Td>{formatUkDate(h.fromDate)}</Table.Td>
                    <Table.Td>{h.reason ?? '—'}</Table.Td>
                    <Table.Td>{h.assignedBy}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Stack>
    </form>
  );
}

/**
 * The keyworker of the pupil's latest placement at a base, for the pupil's header; a manager can
 * choose or change them (the history is kept and shown in the dialog).
 */
export function KeyworkerFact({ pupilId, pupilName, canChange }: { pupilId: string; pupilName: string; canChange: boolean }) {
  const keyworkers = useKeyworkers(pupilId);
  const { dialog, opened, open, close } = useDialog<PlacementKeyworker>();
  const latest = keyworkers.data?.[0];
  if (!latest) return null;
  return (
    <Group gap={6}>
      <Text size="sm">
        <Text span size="sm" c="dimmed">
          Keyworker{' '}
        </Text>
        {latest.current?.staffName ?? 'Not chosen yet'}
      </Text>
      {canChange && (
        <Anchor component="button" type="button" size="sm" onClick={() => open(latest)}>
          {latest.current ? 'Change' : 'Choose'}
          <VisuallyHidden> keyworker</VisuallyHidden>
        </Anchor>
      )}
      <FormModal opened={opened} onClose={close} title={`Keyworker for ${pupilName}`} size="lg">
        {dialog && <KeyworkerForm key={dialog.key} keyworker={dialog.value} pupilName={pupilName} onDone={close} />}
      </FormModal>
    </Group>
  );
}
