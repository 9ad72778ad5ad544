import { zodResolver } from '@hookform/resolvers/zod';
import { Select, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { formatUkDate } from '../../../shared/domain/dates';
import { OUTCOME_LABELS, OUTCOMES, type Outcome, type Placement } from '../../../shared/domain/placements';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { optionalNotes, requiredDate } from '../../lib/schemas';
import { useToday } from '../../lib/today';
import { useEndPlacement } from './queries';

const schema = z.object({
  endDate: requiredDate('Enter the end date as dd/mm/yyyy.'),
  outcome: z
    .enum(OUTCOMES)
    .nullable()
    .refine((v): v is Outcome => v !== null, 'Choose the outcome.'),
  notes: optionalNotes('Notes'),
});
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;
const FIELDS = ['endDate', 'outcome', 'notes'] as const;

/**
 * Ends a placement (or withdraws a referral before it starts): the date, the outcome and notes. Ending
 * cannot be undone, so it asks first.
 */
export function EndForm({
  placement,
  withdraw = false,
  onDone,
  onCancel,
}: {
  placement: Placement;
  withdraw?: boolean;
  onDone: () => void;
  onCancel: () => void;
}) {
  const end = useEndPlacement();
  const today = useToday();
  const [confirming, setConfirming] = useState<FormOutput | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: { endDate: today, outcome: withdraw ? 'withdrawn' : null, notes: '' },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);
  const what = withdraw ? 'referral' : 'placement';
  // Before the start the only outcomes are withdrawn or other; after it, anything but withdrawn.
  const outcomes = OUTCOMES.filter((o) => (withdraw ? o === 'withdrawn' || o === 'other' : o !== 'withdrawn'));

  const send = async (values: FormOutput) => {
    const saved = await saveForm(form.setError, FIELDS, async () => {
      await end.mutateAsync({ id: placement.id, ...values });
      notifications.show({
        title: withdraw ? `Referral for ${placement.pupilName} withdrawn` : `Placement for ${placement.pupilName} ended`,
        message: `${OUTCOME_LABELS[values.outcome]}, ${formatUkDate(values.endDate)}.`,
      });
      onDone();
    });
    // Refused: back to the form, where the core's message shows.
    if (!saved) setConfirming(null);
  };

  if (confirming) {
    return (
      <ConfirmPanel
        note={<>This cannot be undone. The {what} stays in {placement.pupilName}&apos;s history, and a new referral can be made later.</>}
        cancelLabel="Back"
        onCancel={() => setConfirming(null)}
        confirmLabel={withdraw ? 'Yes, withdraw the referral' : 'Yes, end the placement'}
        onConfirm={() => void send(confirming)}
        loading={end.isPending}
        color="red.9"
      >
        {withdraw ? 'Withdraw the referral' : 'End the placement'} for {placement.pupilName} on {formatUkDate(confirming.endDate)} (
        {OUTCOME_LABELS[confirming.outcome].toLowerCase()})?
      </ConfirmPanel>
    );
  }

  return (
    <form onSubmit={form.handleSubmit((values) => setConfirming(values))} noValidate>
      <Stack gap="sm">
        <FormAlert title={withdraw ? 'Referral not withdrawn' : 'Placement not ended'} message={errors.root?.message} />
        <Controller
          control={form.control}
          name="endDate"
          render={({ field }) => (
            <DateField
              label={withdraw ? 'Date withdrawn' : 'End date'}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={errors.endDate?.message}
              w={200}
            />
          )}
        />
        <Controller
          control={form.control}
          name="outcome"
          render={({ field }) => (
            <Select
              label="Outcome"
              placeholder="Choose the outcome"
              data={outcomes.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
              value={field.value}
              onChange={(v) => field.onChange(v as Outcome | null)}
              onBlur={field.onBlur}
              error={errors.outcome?.message}
              // The date is usually today: start at the outcome (and keep the calendar closed).
              data-autofocus
            />
          )}
        />
        <Textarea label="Notes" autosize minRows={2} {...form.register('notes')} error={errors.notes?.message} />
        <FormButtons submit={withdraw ? 'Withdraw referral' : 'End placement'} onCancel={onCancel} loading={isSubmitting || end.isPending} color="red.9" />
      </Stack>
    </form>
  );
}
