import { zodResolver } from '@hookform/resolvers/zod';
import { Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { formatUkDate } from '../../../shared/domain/dates';
import type { Placement } from '../../../shared/domain/placements';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { optionalNotes, requiredDate } from '../../lib/schemas';
import { useToday } from '../../lib/today';
import { useAddFollowUp } from './queries';

const schema = z.object({ on: requiredDate('Enter the date of the visit as dd/mm/yyyy.'), notes: optionalNotes('Notes') });
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;
const FIELDS = ['on', 'notes'] as const;

/** A follow-up visit to the home school after the placement ended. */
export function FollowUpForm({ placement, onDone, onCancel }: { placement: Placement; onDone: () => void; onCancel: () => void }) {
  const add = useAddFollowUp();
  const today = useToday();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: { on: today, notes: '' },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);

  const save = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      await add.mutateAsync({ id: placement.id, ...values });
      notifications.show({ title: `Follow-up visit added for ${placement.pupilName}`, message: `Visit on ${formatUkDate(values.on)}.` });
      onDone();
    }),
  );

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Stack gap="sm">
        <FormAlert title="Visit not added" message={errors.root?.message} />
        <Controller
          control={form.control}
          name="on"
          render={({ field }) => (
            <DateField label="Date of the visit" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.on?.message} w={200} />
          )}
        />
        <Textarea
          label="Notes"
          description="How the pupil is getting on; any advice given to the school."
          autosize
          minRows={3}
          {...form.register('notes')}
          error={errors.notes?.message}
          // The date is usually today: start at the notes (and keep the calendar closed).
          data-autofocus
        />
        <FormButtons submit="Add visit" onCancel={onCancel} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
