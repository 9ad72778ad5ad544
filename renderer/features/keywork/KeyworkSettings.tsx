import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NumberInput, Paper, Skeleton, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import type { KeyworkSettings as Settings } from '../../../shared/domain/keywork';
import { FormAlert } from '../../components/FormAlert';
import { saveForm } from '../../lib/errors';
import { useKeyworkSettings, useSaveKeyworkSettings } from './queries';

const days = (what: string) => z.number({ error: `Enter the working days for ${what}.` }).int('Enter a whole number of working days.').min(0, 'At least 0.').max(60, 'At most 60.');
const schema = z.object({
  replyDaysCall: days('a phone call'),
  replyDaysEmail: days('an email'),
  schoolHolidaysCount: z.boolean(),
  followUpWeeks: z
    .string()
    .trim()
    .regex(/^\d+(\s*,\s*\d+)*$/, 'List the weeks as numbers separated by commas, for example 2, 6, 12.')
    .transform((t) => t.split(',').map((w) => Number(w.trim()))),
});
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;
const FIELDS = ['replyDaysCall', 'replyDaysEmail', 'schoolHolidaysCount', 'followUpWeeks'] as const;

function SettingsForm({ settings }: { settings: Settings }) {
  const save = useSaveKeyworkSettings();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: { ...settings, followUpWeeks: settings.followUpWeeks.join(', ') },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  const submit = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      const saved = await save.mutateAsync(values);
      form.reset({ ...saved, followUpWeeks: saved.followUpWeeks.join(', ') });
      notifications.show({ title: 'Keyworker settings saved', message: 'New replies and follow-up schedules use them.' });
    }),
  );
  const number = (name: 'replyDaysCall' | 'replyDaysEmail', label: string) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field }) => (
        <NumberInput label={label} min={0} max={60} allowDecimal={false} value={field.value} onChange={(v) => field.onChange(v === '' ? NaN : Number(v))} error={errors[name]?.message} w={260} />
      )}
    />
  );
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <FormAlert message={errors.root?.message} />
        <Group align="flex-start">
          {number('replyDaysCall', 'Working days to answer a phone call')}
          {number('replyDaysEmail', 'Working days to answer an email')}
        </Group>
        <Controller
          control={form.control}
          name="schoolHolidaysCount"
          render={({ field }) => (
            <Switch
              label="School holidays count as working days"
              description="Weekends and bank holidays never count. Turn this off if replies can wait until term starts again."
              checked={field.value}
              onChange={(event) => field.onChange(event.currentTarget.checked)}
            />
          )}
        />
        <TextInput
          label="Follow-up visits after a placement ends (weeks)"
          description="For example 2, 6, 12"
          {...form.register('followUpWeeks')}
          error={errors.followUpWeeks?.message}
          w={320}
        />
        <Group>
          <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
            Save keyworker settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The response standards and the follow-up schedule, for managers. */
export default function KeyworkSettings() {
  const settings = useKeyworkSettings();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="keywork-settings">
      <Title order={3} size="h4" id="keywork-settings" mb="xs">
        Keyworker log
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        How quickly a call or email logged as needing a reply must be answered, and when follow-up visits are due.
      </Text>
      {settings.data ? <SettingsForm settings={settings.data} /> : <Skeleton h={160} aria-label="Loading the keyworker settings" />}
    </Paper>
  );
}
