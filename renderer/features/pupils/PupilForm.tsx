import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { CallInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/result';
import { addDays, isIsoDate } from '../../../shared/domain/dates';
import { type Pathway, type Pupil, type SenStatus } from '../../../shared/domain/pupil-record';
import { academicYearOf, upnProblem, yearGroupFor, yearGroupLabel, yearGroupOverrideProblem } from '../../../shared/domain/pupils';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { FormModal, useDiscardGuard } from '../../components/FormModal';
import { fieldAtFault } from '../../lib/errors';
import { useToday } from '../../lib/today';
import { useSchools } from '../schools/queries';
import { SchoolForm } from '../schools/SchoolForm';
import { useCreatePupil, useDuplicates, useUpdatePupil } from './queries';
import { DuplicateWarning } from './DuplicateWarning';
import { FIELDS, formSchema, PATHWAY_OPTIONS, SEN_OPTIONS, valuesOf, YEAR_OPTIONS, yearAndStage, type FormInput, type FormOutput } from './pupil-form-values';

/**
 * Adding a pupil, or changing their record. Checked here as the core checks it; warns while typing
 * when a pupil with the same name and date of birth is already on record.
 */
export function PupilForm({ pupil, onDone, onCancel }: { pupil?: Pupil; onDone: (saved: Pupil) => void; onCancel: () => void }) {
  const today = useToday();
  const schema = useMemo(() => formSchema(today, pupil), [today, pupil]);
  const schools = useSchools();
  const create = useCreatePupil();
  const update = useUpdatePupil();
  const [addingSchool, setAddingSchool] = useState(false);
  // Set when the core answered DUPLICATE: what to send again once staff say it is a different child.
  const [refused, setRefused] = useState<{ values: FormOutput; message: string } | null>(null);

  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(schema), defaultValues: valuesOf(pupil) });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);
  const [first, last, dob, upn, childInCare, override] = useWatch({
    control: form.control,
    name: ['legalFirstName', 'legalLastName', 'dateOfBirth', 'upn', 'childInCare', 'yearGroupOverride'],
  });

  // Asks the core about duplicates once typing pauses and all three are filled in.
  const [lookup] = useDebouncedValue(
    useMemo(() => {
      const input = { legalFirstName: first.trim(), legalLastName: last.trim(), dateOfBirth: dob };
      return input.legalFirstName && input.legalLastName && isIsoDate(dob) ? input : null;
    }, [first, last, dob]),
    300,
  );
  const unchanged = !!pupil && lookup?.legalFirstName === pupil.legalFirstName && lookup.legalLastName === pupil.legalLastName && lookup.dateOfBirth === pupil.dateOfBirth;
  const duplicates = useDuplicates(unchanged ? null : lookup);
  const others = (duplicates.data ?? []).filter((d) => d.id !== pupil?.id);

  const byAge = isIsoDate(dob) ? yearGroupFor(dob, academicYearOf(today)) : null;
  // Said as soon as a year group is chosen, not only on saving (an override on record is left alone).
  const savedTaughtIn = pupil && pupil.yearGroup !== pupil.yearGroupByAge ? pupil.yearGroup : null;
  const overrideChanged = !pupil || dob !== pupil.dateOfBirth || (override ?? null) !== savedTaughtIn;
  // A refusal shown on saving is out of date once either field changes: the live check takes over.
  const { clearErrors } = form;
  useEffect(() => clearErrors('yearGroupOverride'), [dob, override, clearErrors]);
  const overrideError =
    errors.yearGroupOverride?.message ?? (byAge !== null && overrideChanged ? (yearGroupOverrideProblem(dob, override ?? null, today) ?? undefined) : undefined);
  const upnText = (upn ?? '').trim();
  const upnError = errors.upn?.message ?? (upnText.length >= 13 ? (upnProblem(upnText) ?? undefined) : undefined);

  const send = async (values: FormOutput, allowDuplicate: boolean) => {
    // The Virtual School contact and PEP are sent as they are even when "in care" is unticked: unticking
    // it by mistake loses nothing, and the pupil page shows them only while the child is in care.
    const fields = values;
    try {
      let saved: Pupil;
      if (pupil) {
        saved = await update.mutateAsync({ id: pupil.id, ...fields });
        notifications.show({ title: 'Pupil record saved', message: `${saved.preferredName ?? saved.legalFirstName} ${saved.legalLastName}'s details are changed.` });
      } else {
        const input: CallInput<'pupils.create'> = allowDuplicate ? { ...fields, allowDuplicate: true } : fields;
        saved = await create.mutateAsync(input);
        notifications.show({ title: `${saved.preferredName ?? saved.legalFirstName} ${saved.legalLastName} added`, message: 'Their record is open.' });
      }
      setRefused(null);
      onDone(saved);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'DUPLICATE') {
        setRefused({ values, message: error.message });
        return;
      }
      setRefused(null);
      form.setError(fieldAtFault(error, FIELDS), { message: (error as Error).message });
    }
  };
  const save = form.handleSubmit((values) => send(values, false));

  const schoolOptions = useMemo(() => (schools.data ?? []).map((s) => ({ value: s.id, label: s.name })), [schools.data]);

  return (
    <>
      <form onSubmit={(event) => void save(event)} noValidate aria-label={pupil ? 'Pupil record' : 'New pupil'}>
        <Stack gap="sm">
          <FormAlert title={pupil ? 'Not saved' : 'Not added'} message={errors.root?.message} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Legal first name" autoComplete="off" required data-autofocus {...form.register('legalFirstName')} error={errors.legalFirstName?.message} />
            <TextInput label="Legal last name" autoComplete="off" required {...form.register('legalLastName')} error={errors.legalLastName?.message} />
            <TextInput
              label="Preferred name"
              description="Only if the child goes by another first name"
              autoComplete="off"
              {...form.register('preferredName')}
              error={errors.preferredName?.message}
            />
            <TextInput label="Gender" description="Optional, as the family describes it" autoComplete="off" {...form.register('gender')} error={errors.gender?.message} />
            <Controller
              control={form.control}
              name="dateOfBirth"
              render={({ field }) => (
                <DateField
                  label="Date of birth"
                  clearLabel="Clear date of birth"
                  required
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={errors.dateOfBirth?.message}
                  description={byAge === null ? 'dd/mm/yyyy' : `${yearAndStage(byAge)}, by date of birth`}
                  // Opens near a primary pupil's birthday; no maxDate, so a future date gets the schema's message.
                  defaultDate={addDays(today, -7 * 365)}
                />
              )}
            />
            <Controller
              control={form.control}
              name="yearGroupOverride"
              render={({ field }) => (
                <Select
                  label="Taught in year group"
                  description="Only if different from the year group by date of birth"
                  placeholder={byAge === null ? 'By date of birth' : `By date of birth: ${yearGroupLabel(byAge)}`}
                  clearable
                  data={YEAR_OPTIONS}
                  value={field.value === null || field.value === undefined ? null : String(field.value)}
                  onChange={(value) => field.onChange(value === null ? null : Number(value))}
                  onBlur={field.onBlur}
                  error={overrideError}
                />
              )}
            />
          </SimpleGrid>
          {byAge !== null && override !== null && override !== undefined && override !== byAge && !overrideError && (
            <Text size="sm" c="dimmed">
              Taught in {yearAndStage(override)}; by date of birth {yearAndStage(byAge)}. The key stage follows the year group taught in.
            </Text>
          )}

          {others.length > 0 && !refused && <DuplicateWarning duplicates={others} onLeave={onCancel} />}

          <TextInput
            label="UPN"
            // Checked as it is typed, once all 13 characters are there; the schema says the rest on saving.
            description={
              upnError ? undefined : upnText.length === 13 ? 'This UPN checks out.' : 'Unique Pupil Number, 13 characters, from the home school. Optional.'
            }
            autoComplete="off"
            spellCheck={false}
            maxLength={20}
            {...form.register('upn')}
            error={upnError}
            styles={{ input: { textTransform: 'uppercase' } }}
          />

          <Group align="flex-end" gap="xs" wrap="nowrap">
            <Controller
              control={form.control}
              name="homeSchoolId"
              render={({ field }) => (
                <Select
                  label="Home school"
                  description="The school the pupil stays on roll at"
                  placeholder={schools.isPending ? 'Loading schools…' : 'Choose a school'}
                  searchable
                  clearable
                  nothingFoundMessage="No school by that name: add it"
                  data={schoolOptions}
                  value={field.value ?? null}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={errors.homeSchoolId?.message}
                  style={{ flex: 1 }}
                />
              )}
            />
            <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAddingSchool(true)} mb={errors.homeSchoolId ? 22 : 0}>
              Add a school
            </Button>
          </Group>

          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Controller
              control={form.control}
              name="senStatus"
              render={({ field }) => (
                <Select
                  label="SEN status"
                  allowDeselect={false}
                  data={SEN_OPTIONS}
                  value={field.value ?? 'none'}
                  onChange={(value) => field.onChange(value as SenStatus)}
                  error={errors.senStatus?.message}
                />
              )}
            />
            <Controller
              control={form.control}
              name="pathway"
              render={({ field }) => (
                <Select
                  label="Pathway"
                  allowDeselect={false}
                  data={PATHWAY_OPTIONS}
                  value={field.value ?? 'early-intervention'}
                  onChange={(value) => field.onChange(value as Pathway)}
                  error={errors.pathway?.message}
                />
              )}
            />
          </SimpleGrid>

          <Checkbox label="Child in care" description="Looked after by the local authority" {...form.register('childInCare')} error={errors.childInCare?.message} />
          {childInCare && (
            <Stack gap="sm" pl="lg">
              <TextInput
                label="Virtual School contact"
                description="Who at the Virtual School to talk to"
                autoComplete="off"
                {...form.register('virtualSchoolContact')}
                error={errors.virtualSchoolContact?.message}
              />
              <Checkbox label="Has a Personal Education Plan (PEP)" {...form.register('hasPep')} error={errors.hasPep?.message} />
            </Stack>
          )}

          <Textarea label="Notes" autosize minRows={2} maxRows={8} {...form.register('notes')} error={errors.notes?.message} />

          {refused && (
            <DuplicateWarning
              duplicates={others}
              message={refused.message}
              onLeave={onCancel}
              onAddAnyway={() => void send(refused.values, true)}
              adding={create.isPending}
            />
          )}

          <FormButtons submit={pupil ? 'Save changes' : 'Add pupil'} onCancel={onCancel} loading={isSubmitting} disabled={!!pupil && !isDirty} />
        </Stack>
      </form>
      <FormModal opened={addingSchool} onClose={() => setAddingSchool(false)} title="Add a school" size="md">
        {addingSchool && (
          <SchoolForm
            onDone={(school) => {
              form.setValue('homeSchoolId', school.id, { shouldDirty: true, shouldValidate: true });
              setAddingSchool(false);
            }}
            onCancel={() => setAddingSchool(false)}
          />
        )}
      </FormModal>
    </>
  );
}
