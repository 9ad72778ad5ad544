import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { CallInput } from '../../../shared/api/contract';
import { unwrap } from '../../../shared/api/result';
import type { Session } from '../../../shared/domain/attendance';
import {
  HOME_SCHOOL_ATTENDED_CODES,
  MAX_OPEN_MINUTES,
  registerTimesSchema,
  SESSION_WORDS,
  type BaseRegisterTimes,
} from '../../../shared/domain/register-settings';
import { FormAlert } from '../../components/FormAlert';
import { api } from '../../lib/api';
import { saveForm } from '../../lib/errors';

export const registerSettingsKey = ['registers', 'settings'] as const;

export const useRegisterSettings = () =>
  useQuery({ queryKey: registerSettingsKey, queryFn: async () => unwrap(await api.registers.settings()) });

/** A change to register settings: registers already open (their close time) and sheets (their code) are fetched again. */
function useRegisterSettingsChange<I, O>(run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: ['registers'] }) });
}

type TimesValues = z.input<typeof registerTimesSchema>;
const TIME_FIELDS = ['AM.startsAt', 'AM.closesAt', 'PM.startsAt', 'PM.closesAt'] as const;
const valuesOf = (times: BaseRegisterTimes): TimesValues => ({ AM: { ...times.AM }, PM: { ...times.PM } });

/** When one base's morning and afternoon registers open and close, checked here as the core checks them. */
export function RegisterTimesForm({ times }: { times: BaseRegisterTimes }) {
  const save = useRegisterSettingsChange(async (input: CallInput<'registers.setTimes'>) => unwrap(await api.registers.setTimes(input)));
  const form = useForm<TimesValues>({ resolver: zodResolver(registerTimesSchema), values: valuesOf(times), resetOptions: { keepDirtyValues: true } });
  const { errors, isDirty } = form.formState;
  const showSaved = (saved: BaseRegisterTimes) => form.reset(valuesOf(saved), { keepDirtyValues: false });
  const submit = form.handleSubmit((values) =>
    saveForm(form.setError, TIME_FIELDS, async () => {
      const saved = await save.mutateAsync({ baseId: times.baseId, ...values });
      showSaved(saved);
      notifications.show({ title: `${saved.baseName} register times saved`, message: `Morning ${saved.AM.startsAt}–${saved.AM.closesAt}, afternoon ${saved.PM.startsAt}–${saved.PM.closesAt}.` });
    }),
  );
  const session = (s: Session) => {
    const words = SESSION_WORDS[s];
    return (
      <Group grow align="flex-start" key={s}>
        <TimeInput label={`${words[0]!.toUpperCase()}${words.slice(1)} register opens`} {...form.register(`${s}.startsAt`)} error={errors[s]?.startsAt?.message} />
        <TimeInput label={`${words[0]!.toUpperCase()}${words.slice(1)} register closes`} {...form.register(`${s}.closesAt`)} error={errors[s]?.closesAt?.message} />
      </Group>
    );
  };
  return (
    <Card withBorder padding="lg" component="form" onSubmit={(event) => void submit(event)} aria-label={`Register times: ${times.baseName}`}>
      <Stack gap="sm">
        <Title order={4}>{times.baseName} register times</Title>
        <Text size="sm" c="dimmed">
          A register closes at most {MAX_OPEN_MINUTES} minutes after it opens. After it closes, a pupil arriving is marked U and a change needs a
          reason.
        </Text>
        {session('AM')}
        {session('PM')}
        <FormAlert message={errors.root?.message} />
        <Group justify="flex-end">
          <Button variant="default" disabled={!isDirty} onClick={() => showSaved(times)}>
            Cancel
          </Button>
          <Button type="submit" disabled={!isDirty} loading={save.isPending}>
            Save {times.baseName} register times
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

const CODE_OPTIONS = HOME_SCHOOL_ATTENDED_CODES.map((c) => ({ value: c.code, label: `${c.code}: ${c.meaning}` }));

/** The code home schools enter in their own register for a session the pupil attended the Key. */
export function HomeSchoolCodeForm({ code }: { code: string }) {
  const save = useRegisterSettingsChange(async (input: CallInput<'registers.setHomeSchoolCode'>) => unwrap(await api.registers.setHomeSchoolCode(input)));
  const form = useForm<{ attendedCode: string }>({ values: { attendedCode: code }, resetOptions: { keepDirtyValues: true } });
  const { errors, isDirty } = form.formState;
  const chosen = form.watch('attendedCode');
  const submit = form.handleSubmit((values) =>
    saveForm(form.setError, ['attendedCode'], async () => {
      const saved = await save.mutateAsync(values);
      form.reset({ attendedCode: saved.homeSchoolAttendedCode }, { keepDirtyValues: false });
      notifications.show({ title: 'Home school code saved', message: `Home schools' sheets now show ${saved.homeSchoolAttendedCode} for a session at the Key.` });
    }),
  );
  return (
    <Card withBorder padding="lg" component="form" onSubmit={(event) => void submit(event)} aria-label="Code for home schools" maw={640}>
      <Stack gap="sm">
        <Title order={4}>Code for home schools</Title>
        <Text size="sm">
          Each pupil stays on their home school&apos;s roll, so the home school enters the Key&apos;s sessions in its own register: this code when
          the pupil attended the Key, the Key&apos;s own code for an absence. DfE&apos;s code for education arranged by the local authority is K.
        </Text>
        <Select
          label="Code to enter when the pupil attended the Key"
          data={CODE_OPTIONS}
          allowDeselect={false}
          value={chosen}
          onChange={(value) => value && form.setValue('attendedCode', value, { shouldDirty: true })}
          error={errors.attendedCode?.message}
        />
        <FormAlert message={errors.root?.message} />
        <Group justify="flex-end">
          <Button variant="default" disabled={!isDirty} onClick={() => form.reset({ attendedCode: code }, { keepDirtyValues: false })}>
            Cancel
          </Button>
          <Button type="submit" disabled={!isDirty} loading={save.isPending}>
            Save code for home schools
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Settings → Registers: each base's register times, and the code for home schools. */
export function RegisterSettingsSection() {
  const settings = useRegisterSettings();
  if (settings.isError) return <FormAlert message={`Could not load the register settings: ${settings.error.message}`} />;
  if (!settings.data) return <Text c="dimmed">Loading register settings…</Text>;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        {settings.data.bases.map((times) => (
          <RegisterTimesForm key={times.baseId} times={times} />
        ))}
      </SimpleGrid>
      <HomeSchoolCodeForm code={settings.data.homeSchoolAttendedCode} />
    </Stack>
  );
}
