import { zodResolver } from '@hookform/resolvers/zod';
import { Box, Button, Group, Modal, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { academicYearLabel, CLOSURE_KIND_LABELS, CLOSURE_KINDS, type Closure, type ClosureKind, type SchoolYear } from '../../../shared/domain/calendar';
import { formatUkDate } from '../../../shared/domain/dates';
import { academicYearOf } from '../../../shared/domain/pupils';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { ColumnHeadings } from '../../components/ListParts';
import { saveForm } from '../../lib/errors';
import { count } from '../../lib/format';
import { requiredDate } from '../../lib/schemas';
import { ChangeEffect, overPlaces, useCheckedCalendarSave } from './ChangeEffect';
import { useAddClosure, useCalendarChangePreview, useRemoveClosure } from './queries';

const AS_KIND: Record<ClosureKind, string> = { 'bank-holiday': 'a bank holiday', inset: 'an INSET day', closure: 'a closure' };

const weekdayName = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });

const schema = z.object({
  date: requiredDate('Enter the date as dd/mm/yyyy.'),
  kind: z
    .enum(CLOSURE_KINDS)
    .nullable()
    .refine((v): v is ClosureKind => v !== null, 'Choose bank holiday, INSET day or other closure.'),
  name: z.string().trim().min(1, 'Enter a name for the day.').max(80, 'A name for the day can be at most 80 characters.'),
});
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;
const FIELDS = ['date', 'kind', 'name'] as const;

/** A bank holiday, INSET day or other closure: a weekday in term with no pupils in school. */
function AddClosure({ academicYear }: { academicYear: number }) {
  const add = useAddClosure();
  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(schema), defaultValues: { date: null, kind: 'inset', name: '' } });
  const { errors, isSubmitting } = form.formState;
  const checked = useCheckedCalendarSave('Add this closure?');
  const submit = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, () =>
      checked.check({ change: 'addClosure', input: values }, async (confirmOverPlaces) => {
        await add.mutateAsync({ ...values, confirmOverPlaces });
        const elsewhere = academicYearOf(values.date) !== academicYear;
        notifications.show({
          title: `${values.name} added`,
          message: `${formatUkDate(values.date)} is now ${AS_KIND[values.kind]}${elsewhere ? ` in ${academicYearLabel(academicYearOf(values.date))}` : ''}.`,
        });
        form.reset({ date: null, kind: values.kind, name: '' });
      }),
    ),
  );
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="add-closure-title">
      <Title order={4} size="h6" id="add-closure-title" mb={4}>
        Add a closure
      </Title>
      <FormAlert message={errors.root?.message} />
      <Group align="flex-start" gap="sm">
        <Controller
          control={form.control}
          name="date"
          render={({ field }) => <DateField portal={false} label="Date" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.date?.message} w={170} />}
        />
        <Controller
          control={form.control}
          name="kind"
          render={({ field }) => (
            <Select
              label="Kind"
              data={CLOSURE_KINDS.map((k) => ({ value: k, label: CLOSURE_KIND_LABELS[k] }))}
              value={field.value}
              onChange={(v) => field.onChange(v as ClosureKind | null)}
              allowDeselect={false}
              error={errors.kind?.message}
              w={170}
            />
          )}
        />
        <TextInput label="Name" placeholder="For example INSET day" {...form.register('name')} error={errors.name?.message} style={{ flex: 1 }} miw={200} />
        <Button type="submit" loading={isSubmitting} mt={25}>
          Add closure
        </Button>
      </Group>
      {checked.dialog}
    </form>
  );
}

/** While a change is being confirmed: what it does to placements, as the core works it out. */
export function PreviewNote({ preview }: { preview: ReturnType<typeof useCalendarChangePreview> }) {
  if (preview.isFetching && !preview.data) {
    return (
      <Text size="sm" c="dimmed" mb="sm" aria-busy="true">
        Working out what this changes for placements…
      </Text>
    );
  }
  if (!preview.data) return null;
  return (
    <Box mb="md">
      <ChangeEffect effect={preview.data} />
    </Box>
  );
}

/** The year's closures, by date, with a way to add one and to remove one (after asking). */
export function Closures({ year }: { year: SchoolYear }) {
  const remove = useRemoveClosure();
  const [removing, setRemoving] = useState<Closure | null>(null);
  const [opened, setOpened] = useState(false);
  const closures = [...year.closures].sort((a, b) => a.date.localeCompare(b.date));
  const preview = useCalendarChangePreview(opened && removing ? { change: 'removeClosure', input: { date: removing.date } } : null);
  const over = overPlaces(preview.data);
  const close = () => {
    setOpened(false);
    remove.reset();
  };
  const confirm = () =>
    removing &&
    remove.mutate(
      { date: removing.date, confirmOverPlaces: over },
      {
        onSuccess: () => {
          notifications.show({ title: `${removing.name} removed`, message: `${formatUkDate(removing.date)} is a school day again if it falls in term.` });
          setOpened(false);
        },
      },
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="closures-title">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4" id="closures-title">
            Bank holidays, INSET days and closures
          </Title>
          <Text size="sm" c="dimmed">
            {count(closures.length, 'day')} in {academicYearLabel(year.academicYear)} when pupils are not in school although it is a weekday.
          </Text>
        </div>
        {closures.length === 0 ? (
          <Text size="sm" c="dimmed">
            No closures in {academicYearLabel(year.academicYear)} yet.
          </Text>
        ) : (
          <Table verticalSpacing={4} highlightOnHover aria-label={`Closures in ${academicYearLabel(year.academicYear)}, by date`}>
            <ColumnHeadings columns={['Date', 'Kind', 'Name', { hidden: 'Actions' }]} />
            <Table.Tbody>
              {closures.map((c) => (
                <Table.Tr key={c.date}>
                  <Table.Td>
                    {weekdayName(c.date)} {formatUkDate(c.date)}
                  </Table.Td>
                  <Table.Td>{CLOSURE_KIND_LABELS[c.kind]}</Table.Td>
                  <Table.Td>{c.name}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${c.name} on ${formatUkDate(c.date)}`}
                      onClick={() => {
                        remove.reset();
                        setRemoving(c);
                        setOpened(true);
                      }}
                    >
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <AddClosure academicYear={year.academicYear} />
      </Stack>
      <Modal opened={opened} onClose={close} title={removing ? `Remove ${removing.name}?` : ''}>
        {removing && <PreviewNote preview={preview} />}
        {removing && (
          <ConfirmPanel
            error={remove.error?.message ?? preview.error?.message}
            errorTitle="Not removed"
            onCancel={close}
            confirmLabel={over ? `Remove ${removing.name} anyway` : `Remove ${removing.name}`}
            onConfirm={confirm}
            loading={remove.isPending || preview.isFetching}
            color="red.9"
          >
            {weekdayName(removing.date)} {formatUkDate(removing.date)} ({AS_KIND[removing.kind].replace(/^an? /, '')}) becomes a school day again
            if it falls in term. Timetables are worked out again.
          </ConfirmPanel>
        )}
      </Modal>
    </Paper>
  );
}
