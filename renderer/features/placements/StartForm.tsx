import { zodResolver } from '@hookform/resolvers/zod';
import { ActionIcon, Alert, Button, Group, Loader, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { CallInput } from '../../../shared/api/contract';
import type { StartPreview } from '../../../shared/api/specs/placements';
import { formatUkDate, isIsoDate } from '../../../shared/domain/dates';
import { phasesSchema, WEEKDAY_LABELS, type Placement, type TimetablePhase } from '../../../shared/domain/placements';
import { DEFAULT_TIMETABLE_RULES, defaultPhases, PLACEMENT_WEEKS, type Weekday } from '../../../shared/domain/timetable';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { ColumnHeadings } from '../../components/ListParts';
import { saveForm } from '../../lib/errors';
import { requiredDate } from '../../lib/schemas';
import { KeyDayLimitNote } from './KeyDayLimitNote';
import { useAgreeStart, useStartPreview } from './queries';

const MAX_PHASES = 6;
const WEEKDAYS = [1, 2, 3, 4, 5] as const;

const schema = z.object({
  startDate: requiredDate('Enter the start date as dd/mm/yyyy.'),
  homeSchoolDay: z.string().refine((v) => /^[1-5]$/.test(v), 'Choose the home-school day.'),
  // A number box is empty (null: undefined would bring back the default) while being retyped; the
  // core's rules then say what is missing.
  phases: z.array(z.object({ fromWeek: z.number().nullable(), homeDays: z.number().nullable() })).pipe(phasesSchema),
  // Asked for only when the plan runs into a year group the base does not take; the core checks it.
  overrideReason: z.string().max(1000, 'The reason can be at most 1000 characters.'),
});
type FormValues = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;
const FIELDS = ['startDate', 'homeSchoolDay', 'phases', 'overrideReason'] as const;

const samePhases = (a: readonly TimetablePhase[], b: readonly TimetablePhase[]) =>
  a.length === b.length && a.every((p, i) => p.fromWeek === b[i]!.fromWeek && p.homeDays === b[i]!.homeDays);

/** What the core is asked: phases only when they differ from the Key's defaults (null puts the defaults back). */
function callInput(id: string, values: { startDate: string; homeSchoolDay: string; phases: TimetablePhase[] }): CallInput<'placements.agreeStart'> {
  return {
    id,
    startDate: values.startDate,
    homeSchoolDay: Number(values.homeSchoolDay) as Weekday,
    phases: samePhases(values.phases, defaultPhases()) ? null : values.phases,
  };
}

/** The plan a start date gives, or why it cannot be agreed, with the first date that would work. */
export function PreviewPanel({
  preview,
  loading,
  error,
  onUseDate,
  waitingFor,
}: {
  waitingFor: string;
  preview: StartPreview | undefined;
  loading: boolean;
  error: Error | null;
  onUseDate: (date: string) => void;
}) {
  const maxKeyDays = DEFAULT_TIMETABLE_RULES.maxKeyDays;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="start-preview-title" aria-busy={loading}>
      <Group gap="xs" mb="xs">
        <Title order={3} size="h5" id="start-preview-title">
          The plan this gives
        </Title>
        {loading && <Loader size="xs" aria-label="Working out the plan" />}
      </Group>
      <div aria-live="polite">
        {error ? (
          <Text c="red" size="sm">
            The plan could not be worked out: {error.message}
          </Text>
        ) : !preview ? (
          <Text c="dimmed" size="sm">
            {waitingFor}
          </Text>
        ) : (
          <Stack gap="xs">
            {preview.problem && (
              <Alert color="orange" title="This start date cannot be agreed">
                <Stack gap={6}>
                  <Text size="sm">{preview.problem.message}</Text>
                  {preview.firstFreeStart && (
                    <Group gap="sm">
                      <Text size="sm" fw={600}>
                        First start date with a free place: {formatUkDate(preview.firstFreeStart)}
                      </Text>
                      <Button size="compact-sm" variant="light" onClick={() => onUseDate(preview.firstFreeStart!)}>
                        Use {formatUkDate(preview.firstFreeStart)}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Alert>
            )}
            {preview.needsReason && (
              <Alert color="orange" title="The plan runs into a year group this base does not take">
                <Stack gap={6}>
                  <Text size="sm">{preview.needsReason}</Text>
                  <Text size="sm">Choose an earlier start date, or a manager may agree it anyway by giving the reason below; it is kept in the placement&apos;s history.</Text>
                </Stack>
              </Alert>
            )}
            {preview.warning && (
              <Alert color="yellow" title="Check before agreeing">
                <Text size="sm">{preview.warning}</Text>
              </Alert>
            )}
            {preview.timetable && (
              <SimpleGrid cols={3} spacing="sm">
                <div>
                  <Text size="xs" c="dimmed">
                    Planned end
                  </Text>
                  <Text fw={600}>{formatUkDate(preview.timetable.endDate)}</Text>
                  {preview.timetable.endedBy === 'key-days' && <KeyDayLimitNote />}
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    Key days
                  </Text>
                  <Text fw={600}>
                    {preview.timetable.keyDays} of {maxKeyDays}
                  </Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    Reintegration starts
                  </Text>
                  <Text fw={600}>{preview.reintegrationFrom ? formatUkDate(preview.reintegrationFrom) : 'No phased return'}</Text>
                </div>
              </SimpleGrid>
            )}
          </Stack>
        )}
      </div>
    </Paper>
  );
}

/**
 * The start date, the home-school day and the phased return, with the plan they give worked out by
 * the core as they change (so a full base, or a start on a non-school day, shows before agreeing).
 */
export function StartForm({ placement, onDone, onCancel }: { placement: Placement; onDone: () => void; onCancel: () => void }) {
  const agree = useAgreeStart();
  const changing = placement.startDate !== null;
  const form = useForm<FormValues, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      startDate: placement.startDate,
      homeSchoolDay: String(placement.homeSchoolDay),
      phases: placement.phases.map((p) => ({ ...p })),
      overrideReason: '',
    },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);
  const phases = useFieldArray({ control: form.control, name: 'phases' });
  const [startDate, homeSchoolDay, phaseValues] = useWatch({ control: form.control, name: ['startDate', 'homeSchoolDay', 'phases'] });

  // Ask for a preview only for input the core would accept, and not on every keystroke.
  const draft = useMemo(() => {
    const checked = schema.safeParse({ startDate, homeSchoolDay, phases: phaseValues, overrideReason: '' });
    return checked.success && startDate && isIsoDate(startDate) ? JSON.stringify(callInput(placement.id, checked.data)) : null;
  }, [startDate, homeSchoolDay, phaseValues, placement.id]);
  const [debounced] = useDebouncedValue(draft, 300);
  const preview = useStartPreview(debounced ? (JSON.parse(debounced) as CallInput<'placements.previewStart'>) : null);

  const needsReason = draft !== null && draft === debounced ? (preview.data?.needsReason ?? null) : null;
  const save = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      const reason = values.overrideReason.trim();
      const saved = await agree.mutateAsync({ ...callInput(placement.id, values), ...(reason ? { overrideReason: reason } : {}) });
      notifications.show({
        title: changing ? `Timetable changed for ${placement.pupilName}` : `Start date agreed for ${placement.pupilName}`,
        message: `Starts ${formatUkDate(values.startDate)}${saved.plannedEnd ? `; planned end ${formatUkDate(saved.plannedEnd)}` : ''}.`,
      });
      onDone();
    }),
  );

  // Shown as the phases are typed (not only on Agree), since a wrong phase also stops the preview.
  const phaseCheck = phasesSchema.safeParse(phaseValues);
  const phasesError = errors.phases?.message ?? errors.phases?.root?.message ?? (phaseCheck.success ? undefined : phaseCheck.error.issues[0]?.message);
  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Stack gap="md">
        <FormAlert title={changing ? 'Not changed' : 'Start date not agreed'} message={errors.root?.message} />
        <Group align="flex-start" grow>
          <Controller
            control={form.control}
            name="startDate"
            render={({ field }) => (
              <DateField
                label="Start date"
                description="A school day."
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={errors.startDate?.message}
                autoFocus
              />
            )}
          />
          <Controller
            control={form.control}
            name="homeSchoolDay"
            render={({ field }) => (
              <Select
                label="Home-school day"
                description="The day each week at the home school."
                data={WEEKDAYS.map((d) => ({ value: String(d), label: WEEKDAY_LABELS[d] }))}
                value={field.value}
                onChange={(v) => field.onChange(v ?? '')}
                allowDeselect={false}
                error={errors.homeSchoolDay?.message}
              />
            )}
          />
        </Group>

        <div>
          <Text fw={500} size="sm" id="phases-title">
            Phased return
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            Home-school days a week from each week on. The Key&apos;s plan: 1 from week 1, 2 from week 13, 3 from week 19.
          </Text>
          <Table aria-labelledby="phases-title" withRowBorders={false} verticalSpacing={4}>
            <ColumnHeadings columns={['From week', 'Home-school days a week', 'Days at the Key', { hidden: 'Remove' }]} />
            <Table.Tbody>
              {phases.fields.map((row, i) => {
                const homeDays = phaseValues[i]?.homeDays;
                return (
                  <Table.Tr key={row.id}>
                    <Table.Td>
                      <Controller
                        control={form.control}
                        name={`phases.${i}.fromWeek`}
                        render={({ field }) => (
                          <NumberInput
                            aria-label={`Phase ${i + 1}: from week`}
                            min={1}
                            max={PLACEMENT_WEEKS}
                            allowDecimal={false}
                            allowNegative={false}
                            // The first phase always starts the placement.
                            readOnly={i === 0}
                            value={field.value ?? ''}
                            onChange={(v) => field.onChange(v === '' ? null : Number(v))}
                            onBlur={field.onBlur}
                            error={errors.phases?.[i]?.fromWeek?.message}
                            w={110}
                          />
                        )}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Controller
                        control={form.control}
                        name={`phases.${i}.homeDays`}
                        render={({ field }) => (
                          <NumberInput
                            aria-label={`Phase ${i + 1}: home-school days a week`}
                            min={1}
                            max={5}
                            allowDecimal={false}
                            allowNegative={false}
                            value={field.value ?? ''}
                            onChange={(v) => field.onChange(v === '' ? null : Number(v))}
                            onBlur={field.onBlur}
                            error={errors.phases?.[i]?.homeDays?.message}
                            w={110}
                          />
                        )}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{typeof homeDays === 'number' && homeDays >= 0 && homeDays <= 5 ? 5 - homeDays : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      {i > 0 && (
                        <ActionIcon variant="subtle" color="red" aria-label={`Remove phase ${i + 1}`} onClick={() => phases.remove(i)}>
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <FormAlert message={phasesError} />
          <Group gap="xs" mt={4}>
            <Button
              size="compact-sm"
              variant="subtle"
              disabled={phases.fields.length >= MAX_PHASES}
              onClick={() => {
                const last = phaseValues.at(-1);
                phases.append({ fromWeek: Math.min((last?.fromWeek ?? 0) + 4, 26), homeDays: Math.min((last?.homeDays ?? 0) + 1, 5) });
              }}
            >
              Add a phase
            </Button>
            <Button size="compact-sm" variant="subtle" onClick={() => phases.replace(defaultPhases())}>
              Reset to the Key&apos;s plan
            </Button>
          </Group>
        </div>

        <PreviewPanel
          waitingFor={startDate && isIsoDate(startDate) ? 'Correct the phased return to see the plan.' : 'Enter a start date to see the planned end and the Key days.'}
          preview={draft === null ? undefined : preview.data}
          loading={draft !== null && (draft !== debounced || preview.isFetching)}
          error={draft !== null && preview.isError ? preview.error : null}
          onUseDate={(date) => form.setValue('startDate', date, { shouldDirty: true, shouldValidate: true })}
        />
        {(needsReason || errors.overrideReason) && (
          <Textarea
            label="Reason for agreeing anyway"
            description="Only a manager can agree this plan. Say why the pupil should stay at this base into the next year group; it is kept in the placement's history."
            autosize
            minRows={2}
            {...form.register('overrideReason')}
            error={errors.overrideReason?.message}
          />
        )}
        <FormButtons submit={changing ? 'Save changes' : 'Agree start date'} onCancel={onCancel} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
