import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Fieldset, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Controller, useFieldArray, useForm, type Control, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import type { z } from 'zod';
import { planCalls } from '../../../shared/api/specs/plans';
import {
  ABOUT_ME_FIELDS,
  ABOUT_ME_LABELS,
  NEED_AREA_LABELS,
  NEED_AREAS,
  VIEW_FIELDS,
  VIEW_LABELS,
  type NeedArea,
  type PlanVersion,
} from '../../../shared/domain/plans';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { useSaveDraft } from './queries';
import { saveShowingField } from './saveForm';

const schema = planCalls['plans.saveDraft'].input;
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;

/** Paths the form shows an input for: the core's message goes under that input, anything else at the top. */
const SHOWN = /^content\.(aboutMe|views|needs)\.[\w-]+$|^content\.outcomes\.\d+\.(what|area|successCriteria|targetDate)$|^content\.outcomes\.\d+\.provision\.\d+\.(what|who|howOften|where|fromDate)$/;

const AREA_OPTIONS = NEED_AREAS.map((a) => ({ value: a, label: NEED_AREA_LABELS[a] }));
const blankOutcome = (): FormInput['content']['outcomes'][number] => ({ what: '', area: 'semh', successCriteria: '', targetDate: '', provision: [] });
const blankProvision = () => ({ what: '', who: '', howOften: '', where: '', fromDate: null });

/** The version's content as the form edits it (what the core adds, such as where an outcome was carried from, stays out). */
function toInput(version: PlanVersion): FormInput {
  const { aboutMe, views, needs, outcomes } = version.content;
  return {
    versionId: version.id,
    content: { aboutMe: { ...aboutMe }, views: { ...views }, needs: { ...needs }, outcomes: outcomes.map(({ carriedFrom: _carried, ...o }) => ({ ...o, provision: o.provision.map((p) => ({ ...p })) })) },
  };
}

interface Parts {
  control: Control<FormInput, unknown, FormOutput>;
  register: UseFormRegister<FormInput>;
  errors: FieldErrors<FormInput>;
}

function ProvisionFields({ control, register, errors, outcome }: Parts & { outcome: number }) {
  const rows = useFieldArray({ control, name: `content.outcomes.${outcome}.provision`, keyName: 'key' });
  const rowErrors = errors.content?.outcomes?.[outcome]?.provision;
  return (
    <Stack gap="xs">
      {rows.fields.map((row, j) => {
        const e = rowErrors?.[j];
        return (
          <Fieldset key={row.key} legend={`Provision ${j + 1} for outcome ${outcome + 1}`} variant="filled">
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              <TextInput label="What" required {...register(`content.outcomes.${outcome}.provision.${j}.what`)} error={e?.what?.message} />
              <TextInput label="Who" {...register(`content.outcomes.${outcome}.provision.${j}.who`)} error={e?.who?.message} />
              <TextInput label="How often" {...register(`content.outcomes.${outcome}.provision.${j}.howOften`)} error={e?.howOften?.message} />
              <TextInput label="Where" {...register(`content.outcomes.${outcome}.provision.${j}.where`)} error={e?.where?.message} />
              <Controller
                control={control}
                name={`content.outcomes.${outcome}.provision.${j}.fromDate`}
                render={({ field }) => (
                  <DateField
                    label="From"
                    description="Empty: from the start of the plan"
                    value={field.value ?? null}
                    onChange={(iso) => field.onChange(iso || null)}
                    onBlur={field.onBlur}
                    clearLabel={`Clear the start of provision ${j + 1}`}
                    error={e?.fromDate?.message}
                  />
                )}
              />
            </SimpleGrid>
            <FormAlert message={e?.message ?? e?.root?.message} />
            <Group justify="flex-end" mt="xs">
              <Button variant="default" size="compact-sm" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => rows.remove(j)}>
                Remove provision {j + 1}
              </Button>
            </Group>
          </Fieldset>
        );
      })}
      <Group>
        <Button variant="default" size="compact-sm" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => rows.append(blankProvision())}>
          Add provision to outcome {outcome + 1}
        </Button>
      </Group>
    </Stack>
  );
}

function OutcomeFields(parts: Parts) {
  const { control, register, errors } = parts;
  const outcomes = useFieldArray({ control, name: 'content.outcomes', keyName: 'key' });
  const listError = errors.content?.outcomes;
  return (
    <Stack gap="md">
      {outcomes.fields.map((row, i) => {
        const e = errors.content?.outcomes?.[i];
        return (
          <Fieldset key={row.key} legend={`Outcome ${i + 1}`}>
            <Stack gap="sm">
              <Textarea label="Outcome" description="What the pupil will be able to do" required autosize minRows={2} {...register(`content.outcomes.${i}.what`)} error={e?.what?.message} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Controller
                  control={control}
                  name={`content.outcomes.${i}.area`}
                  render={({ field }) => (
                    <Select
                      label="Area of need"
                      data={AREA_OPTIONS}
                      value={field.value}
                      onChange={(v) => field.onChange(v as NeedArea)}
                      onBlur={field.onBlur}
                      allowDeselect={false}
                      required
                      error={e?.area?.message}
                      comboboxProps={{ withinPortal: false }}
                    />
                  )}
                />
                <Controller
                  control={control}
                  name={`content.outcomes.${i}.targetDate`}
                  render={({ field }) => <DateField label="Target date" value={field.value} onChange={field.onChange} onBlur={field.onBlur} required error={e?.targetDate?.message} />}
                />
              </SimpleGrid>
              <Textarea
                label="Success criteria"
                description="How everyone will know it is achieved"
                required
                autosize
                minRows={2}
                {...register(`content.outcomes.${i}.successCriteria`)}
                error={e?.successCriteria?.message}
              />
              <FormAlert message={e?.message ?? e?.root?.message} />
              <Text size="sm" fw={600}>
                Provision
              </Text>
              <ProvisionFields {...parts} outcome={i} />
              <Group justify="flex-end">
                <Button variant="default" size="compact-sm" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => outcomes.remove(i)}>
                  Remove outcome {i + 1}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        );
      })}
      <FormAlert message={listError?.message ?? listError?.root?.message} />
      <Group>
        <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => outcomes.append(blankOutcome())}>
          Add an outcome
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Edits a draft version of a plan: about me, views, needs (SEMH first) and the outcomes with their
 * provision. What the core refuses shows under the field it names (`content.outcomes.0.successCriteria`).
 */
export function PlanEditor({ version, pupilName, onDone }: { version: PlanVersion; pupilName: string; onDone: () => void }) {
  const save = useSaveDraft();
  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(schema), defaultValues: toInput(version) });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);
  const parts: Parts = { control: form.control, register: form.register, errors };

  const submit = form.handleSubmit((values) =>
    saveShowingField(form, SHOWN, async () => {
      await save.mutateAsync(values);
      notifications.show({ title: 'Plan saved', message: `Version ${version.number} of ${pupilName}'s plan is saved as a draft.` });
      onDone();
    }),
  );

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="lg">
        <FormAlert title="Plan not saved" message={errors.root?.message} />
        <div>
          <Title order={3} size="h4" mb="xs">
            About me
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {ABOUT_ME_FIELDS.map((f, i) => (
              <Textarea key={f} label={ABOUT_ME_LABELS[f]} autosize minRows={2} {...form.register(`content.aboutMe.${f}`)} error={errors.content?.aboutMe?.[f]?.message} data-autofocus={i === 0 || undefined} />
            ))}
          </SimpleGrid>
        </div>
        <div>
          <Title order={3} size="h4" mb="xs">
            Views
          </Title>
          <Stack gap="sm">
            {VIEW_FIELDS.map((f) => (
              <Textarea key={f} label={VIEW_LABELS[f]} autosize minRows={2} {...form.register(`content.views.${f}`)} error={errors.content?.views?.[f]?.message} />
            ))}
          </Stack>
        </div>
        <div>
          <Title order={3} size="h4" mb="xs">
            Needs
          </Title>
          <Stack gap="sm">
            {NEED_AREAS.map((a) => (
              <Textarea key={a} label={NEED_AREA_LABELS[a]} autosize minRows={2} {...form.register(`content.needs.${a}`)} error={errors.content?.needs?.[a]?.message} />
            ))}
          </Stack>
        </div>
        <div>
          <Title order={3} size="h4" mb="xs">
            Outcomes and provision
          </Title>
          <OutcomeFields {...parts} />
        </div>
        <FormButtons submit="Save draft" onCancel={onDone} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
