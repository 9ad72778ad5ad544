import { zodResolver } from '@hookform/resolvers/zod';
import { Group, NumberInput, Select, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { optionalCount, optionalNotes, optionalPercent, requiredDate } from '../../lib/schemas';
import { useToday } from '../../lib/today';
import { useSchools } from '../schools/queries';
import { useRefer } from './queries';

const schema = z.object({
  referringSchoolId: z
    .string()
    .nullable()
    .refine((v): v is string => !!v, 'Choose the school that made the referral.'),
  referredOn: requiredDate('Enter the date the referral was received as dd/mm/yyyy.'),
  reason: z.string().trim().min(1, 'Enter the reason for the referral.').max(4000, 'The reason can be at most 4000 characters.'),
  tried: optionalNotes('What has been tried'),
  // From the referral, when it says: the term before the placement, for before / during / after.
  attendanceBefore: optionalPercent('Attendance'),
  suspensionsBefore: optionalCount('Suspensions'),
});
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;
const FIELDS = ['referringSchoolId', 'referredOn', 'reason', 'tried', 'attendanceBefore', 'suspensionsBefore'] as const;

export interface ReferredPupil {
  id: string;
  name: string;
  homeSchoolId: string | null;
}

/** A new referral for a pupil on record: from which school, when, why and what has been tried. */
export function ReferForm({ pupil, onDone, onCancel }: { pupil: ReferredPupil; onDone: () => void; onCancel: () => void }) {
  const schools = useSchools();
  const refer = useRefer();
  const today = useToday();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: { referringSchoolId: pupil.homeSchoolId, referredOn: today, reason: '', tried: '', attendanceBefore: '', suspensionsBefore: '' },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);

  const save = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      await refer.mutateAsync({ pupilId: pupil.id, ...values });
      notifications.show({ title: `Referral for ${pupil.name} saved`, message: 'It is waiting for the panel.' });
      onDone();
    }),
  );

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Stack gap="sm">
        <FormAlert title="Referral not saved" message={errors.root?.message} />
        <Controller
          control={form.control}
          name="referringSchoolId"
          render={({ field }) => (
            <Select
              label="Referring school"
              description="Usually the pupil's home school."
              placeholder={schools.isPending ? 'Loading schools…' : 'Choose a school'}
              searchable
              openOnFocus={false}
              nothingFoundMessage="No school by that name: add it under Schools first"
              data={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={errors.referringSchoolId?.message ?? (schools.isError ? schools.error.message : undefined)}
              data-autofocus
            />
          )}
        />
        <Controller
          control={form.control}
          name="referredOn"
          render={({ field }) => (
            <DateField label="Date received" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.referredOn?.message} w={200} />
          )}
        />
        <Textarea label="Reason for the referral" autosize minRows={3} {...form.register('reason')} error={errors.reason?.message} />
        <Textarea
          label="What has been tried"
          description="Support the school has already put in place."
          autosize
          minRows={2}
          {...form.register('tried')}
          error={errors.tried?.message}
        />
        <Group align="flex-start">
          <Controller
            control={form.control}
            name="attendanceBefore"
            render={({ field }) => (
              <NumberInput
                label="Attendance in the term before (%)"
                description="If the referral says."
                min={0}
                max={100}
                decimalScale={1}
                value={field.value}
                onChange={(v) => field.onChange(v === '' ? '' : Number(v))}
                onBlur={field.onBlur}
                error={errors.attendanceBefore?.message}
                w={240}
              />
            )}
          />
          <Controller
            control={form.control}
            name="suspensionsBefore"
            render={({ field }) => (
              <NumberInput
                label="Suspensions in the term before"
                description="If the referral says."
                min={0}
                max={200}
                allowDecimal={false}
                value={field.value}
                onChange={(v) => field.onChange(v === '' ? '' : Number(v))}
                onBlur={field.onBlur}
                error={errors.suspensionsBefore?.message}
                w={240}
              />
            )}
          />
        </Group>
        <FormButtons submit="Save referral" onCancel={onCancel} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
