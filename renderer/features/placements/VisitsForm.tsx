import { zodResolver } from '@hookform/resolvers/zod';
import { Fieldset, Group, Radio, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm, useWatch, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import { z } from 'zod';
import { isIsoDate } from '../../../shared/domain/dates';
import type { Placement } from '../../../shared/domain/placements';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { useRecordVisits } from './queries';

const MODES = ['visited', 'skipped', 'not-yet'] as const;
type Mode = (typeof MODES)[number];
const MODE_LABELS: Record<Mode, string> = { visited: 'Visited', skipped: 'Skipped', 'not-yet': 'Not yet' };

const schema = z
  .object({
    keyMode: z.enum(MODES),
    keyVisitOn: z.string().nullable(),
    keyVisitSkipped: z.string().trim().max(500, 'The reason can be at most 500 characters.'),
    homeMode: z.enum(MODES),
    homeVisitOn: z.string().nullable(),
    homeVisitSkipped: z.string().trim().max(500, 'The reason can be at most 500 characters.'),
  })
  .superRefine((v, ctx) => {
    if (v.keyMode === 'visited' && !(v.keyVisitOn && isIsoDate(v.keyVisitOn)))
      ctx.addIssue({ code: 'custom', path: ['keyVisitOn'], message: 'Enter the date of the visit to the Key as dd/mm/yyyy.' });
    if (v.keyMode === 'skipped' && !v.keyVisitSkipped)
      ctx.addIssue({ code: 'custom', path: ['keyVisitSkipped'], message: 'Enter why the visit to the Key was skipped.' });
    if (v.homeMode === 'visited' && !(v.homeVisitOn && isIsoDate(v.homeVisitOn)))
      ctx.addIssue({ code: 'custom', path: ['homeVisitOn'], message: 'Enter the date of the home visit as dd/mm/yyyy.' });
    if (v.homeMode === 'skipped' && !v.homeVisitSkipped)
      ctx.addIssue({ code: 'custom', path: ['homeVisitSkipped'], message: 'Enter why the home visit was skipped.' });
  });
type FormValues = z.input<typeof schema>;
const FIELDS = ['keyVisitOn', 'keyVisitSkipped', 'homeVisitOn', 'homeVisitSkipped'] as const;

const modeOf = (on: string | null, skipped: string | null): Mode => (on ? 'visited' : skipped ? 'skipped' : 'not-yet');

interface VisitProps {
  control: Control<FormValues>;
  register: UseFormRegister<FormValues>;
  errors: FieldErrors<FormValues>;
  which: 'key' | 'home';
}

/** One visit: the day it happened, or why it was skipped, or not yet. */
function Visit({ control, register, errors, which }: VisitProps) {
  const what = which === 'key' ? 'visit to the Key' : 'home visit';
  const modeName = which === 'key' ? 'keyMode' : 'homeMode';
  const onName = which === 'key' ? 'keyVisitOn' : 'homeVisitOn';
  const skippedName = which === 'key' ? 'keyVisitSkipped' : 'homeVisitSkipped';
  const mode = useWatch({ control, name: modeName });
  return (
    <Fieldset legend={which === 'key' ? 'Visit to the Key' : 'Home visit'}>
      <Stack gap="sm">
        <Controller
          control={control}
          name={modeName}
          render={({ field }) => (
            <Radio.Group aria-label={`The ${what}`} value={field.value} onChange={(v) => field.onChange(v as Mode)}>
              <Group>
                {MODES.map((m) => (
                  <Radio key={m} value={m} label={MODE_LABELS[m]} />
                ))}
              </Group>
            </Radio.Group>
          )}
        />
        {mode === 'visited' && (
          <Controller
            control={control}
            name={onName}
            render={({ field }) => (
              <DateField
                label={`Date of the ${what}`}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={errors[onName]?.message}
                w={220}
              />
            )}
          />
        )}
        {mode === 'skipped' && (
          <Textarea label={`Why the ${what} was skipped`} autosize minRows={2} {...register(skippedName)} error={errors[skippedName]?.message} />
        )}
      </Stack>
    </Fieldset>
  );
}

/** The visit to the Key and the home visit after acceptance; a skipped visit needs its reason. */
export function VisitsForm({ placement, onDone, onCancel }: { placement: Placement; onDone: () => void; onCancel: () => void }) {
  const visits = useRecordVisits();
  const form = useForm<FormValues>({
    resolver: zodResolver(schema),
    defaultValues: {
      keyMode: modeOf(placement.keyVisitOn, placement.keyVisitSkipped),
      keyVisitOn: placement.keyVisitOn,
      keyVisitSkipped: placement.keyVisitSkipped ?? '',
      homeMode: modeOf(placement.homeVisitOn, placement.homeVisitSkipped),
      homeVisitOn: placement.homeVisitOn,
      homeVisitSkipped: placement.homeVisitSkipped ?? '',
    },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);

  const save = form.handleSubmit((v) =>
    saveForm(form.setError, FIELDS, async () => {
      await visits.mutateAsync({
        id: placement.id,
        keyVisitOn: v.keyMode === 'visited' ? v.keyVisitOn : null,
        keyVisitSkipped: v.keyMode === 'skipped' ? v.keyVisitSkipped : null,
        homeVisitOn: v.homeMode === 'visited' ? v.homeVisitOn : null,
        homeVisitSkipped: v.homeMode === 'skipped' ? v.homeVisitSkipped : null,
      });
      notifications.show({ title: `Visits recorded for ${placement.pupilName}`, message: 'Next: agree a start date.' });
      onDone();
    }),
  );

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Stack gap="sm">
        <FormAlert title="Visits not recorded" message={errors.root?.message} />
        <Visit which="key" control={form.control} register={form.register} errors={errors} />
        <Visit which="home" control={form.control} register={form.register} errors={errors} />
        <FormButtons submit="Save visits" onCancel={onCancel} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
