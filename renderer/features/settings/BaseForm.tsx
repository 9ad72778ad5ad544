import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Card, Checkbox, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { baseNameSchema, KEY_STAGES, keyStagesSchema, placesProblem, placesSchema, type Base } from '../../../shared/domain/bases';
import { FormAlert } from '../../components/FormAlert';
import { saveForm } from '../../lib/errors';
import { count } from '../../lib/format';
import { useUpdateBase } from '../../lib/queries';

/** The core's rules for a base, plus the one that depends on it: places not below the pupils placed. */
const formSchema = (placed: number) =>
  z.object({
    name: baseNameSchema,
    hostSchool: z.string().trim().min(1, 'Enter the host school.'),
    places: placesSchema.superRefine((places, ctx) => {
      const problem = placesProblem(places, placed);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    keyStages: keyStagesSchema,
  });
type FormValues = z.input<ReturnType<typeof formSchema>>;
const FIELDS = ['name', 'hostSchool', 'places', 'keyStages'] as const;

const valuesOf = (base: Base): FormValues => ({
  name: base.name,
  hostSchool: base.hostSchool,
  places: base.places,
  keyStages: base.keyStages,
});

/** One base's name, host school, places and key stages, checked here as the core will check them. */
export function BaseForm({ base }: { base: Base }) {
  const update = useUpdateBase();
  const form = useForm<FormValues>({
    resolver: zodResolver(formSchema(base.placed)),
    values: valuesOf(base),
    resetOptions: { keepDirtyValues: true },
  });
  const { errors, isDirty } = form.formState;
  // resetOptions above also apply to every form.reset(): without keepDirtyValues: false, Cancel and
  // Undo keep the edited (dirty) values on screen instead of showing what is saved.
  const showSaved = (saved: Base) => form.reset(valuesOf(saved), { keepDirtyValues: false });

  const save = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      const before = valuesOf(base);
      const saved = await update.mutateAsync({ id: base.id, ...values });
      showSaved(saved);
      const id = `base-${base.id}`;
      notifications.show({
        id,
        autoClose: 10_000,
        title: `${saved.name} saved`,
        message: (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => {
              notifications.hide(id);
              update.mutateAsync({ id: base.id, ...before }).then(showSaved, (error: unknown) =>
                notifications.show({ color: 'red', title: 'Could not undo', message: (error as Error).message }),
              );
            }}
          >
            Undo
          </Button>
        ),
      });
    }),
  );

  return (
    <Card withBorder padding="lg" component="form" onSubmit={(event) => void save(event)} aria-label={`Base: ${base.name}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>{base.name}</Title>
          <Text c="dimmed" size="sm">
            {count(base.placed, 'pupil')} placed today
          </Text>
        </Group>
        <TextInput label="Name" {...form.register('name')} error={errors.name?.message} />
        <TextInput label="Host school" {...form.register('hostSchool')} error={errors.hostSchool?.message} />
        <Controller
          control={form.control}
          name="places"
          render={({ field }) => (
            <NumberInput
              label="Places"
              description={`At least ${Math.max(base.placed, 1)}: places cannot go below the pupils placed now.`}
              min={1}
              allowDecimal={false}
              allowNegative={false}
              value={field.value as number}
              onChange={(value) => field.onChange(value === '' ? undefined : Number(value))}
              onBlur={field.onBlur}
              error={errors.places?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name="keyStages"
          render={({ field }) => (
            <Checkbox.Group label="Key stages" value={field.value as string[]} onChange={field.onChange} error={errors.keyStages?.message}>
              <Group mt={6}>
                {KEY_STAGES.map((stage) => (
                  <Checkbox key={stage} value={stage} label={stage} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
        />
        <FormAlert message={errors.root?.message} />
        <Group justify="flex-end">
          <Button variant="default" disabled={!isDirty} onClick={() => showSaved(base)}>
            Cancel
          </Button>
          <Button type="submit" disabled={!isDirty} loading={update.isPending}>
            Save {base.name}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
