import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { academicYearLabel, countSchoolDays, TERM_NAMES, termsProblem, type SchoolYear, type Term } from '../../../shared/domain/calendar';
import { isIsoDate } from '../../../shared/domain/dates';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { saveForm } from '../../lib/errors';
import { count } from '../../lib/format';
import { requiredDate } from '../../lib/schemas';
import { useCheckedCalendarSave } from './ChangeEffect';
import { useSaveTerms } from './queries';
import { ColumnHeadings } from '../../components/ListParts';

const formSchema = (academicYear: number) =>
  z
    .object({
      terms: z.array(z.object({ name: z.enum(TERM_NAMES), startsOn: requiredDate('Enter the first day as dd/mm/yyyy.'), endsOn: requiredDate('Enter the last day as dd/mm/yyyy.') })),
    })
    .superRefine((v, ctx) => {
      // The core's own rule, so a term that ends before it starts shows before saving.
      const problem = termsProblem(academicYear, v.terms as Term[]);
      if (problem) ctx.addIssue({ code: 'custom', path: ['terms', problem.index, problem.field], message: problem.message });
    });
type FormInput = z.input<ReturnType<typeof formSchema>>;
type FormOutput = z.output<ReturnType<typeof formSchema>>;
/** A half term's first and last days: a column each. */
const TERM_DAYS = [
  { day: 'startsOn', label: 'First day' },
  { day: 'endsOn', label: 'Last day' },
] as const;
// The core names the half term and day at fault as terms.<i>.<startsOn|endsOn>.
const FIELDS = TERM_NAMES.flatMap((_, i) => TERM_DAYS.map(({ day }) => `terms.${i}.${day}` as const));

/** Whole and real dates only: what the counts can be worked out from while editing. */
function completeTerms(terms: FormInput['terms']): Term[] | null {
  return terms.every((t) => t.startsOn && isIsoDate(t.startsOn) && t.endsOn && isIsoDate(t.endsOn) && t.startsOn <= t.endsOn) ? (terms as Term[]) : null;
}

/** "190 pupil days, 5 INSET days", and a gentle word when a year does not look like the usual 190 and 5. */
export function YearTotals({ schoolDays, insetDays }: { schoolDays: number; insetDays: number }) {
  const unusual = schoolDays !== 190 || insetDays !== 5;
  return (
    <div aria-live="polite">
      <Text fw={600}>
        {count(schoolDays, 'pupil day')}, {count(insetDays, 'INSET day')}
      </Text>
      {unusual && (
        <Text size="sm" c="var(--mantine-color-orange-light-color)">
          A school year usually has 190 pupil days and 5 INSET days. Check the dates and closures against the calendar the Key follows.
        </Text>
      )}
    </div>
  );
}

/** The six half terms of one year: first and last days, editable, checked as the core checks them. */
export function TermsForm({ year, isNew }: { year: SchoolYear; isNew: boolean }) {
  const save = useSaveTerms();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(formSchema(year.academicYear)),
    defaultValues: { terms: year.terms.map((t) => ({ ...t })) },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  const terms = useWatch({ control: form.control, name: 'terms' });
  const complete = completeTerms(terms);
  const schoolDays = complete ? countSchoolDays(complete, year.closures) : year.schoolDays;
  const label = academicYearLabel(year.academicYear);

  const checked = useCheckedCalendarSave(`Save the term dates for ${label}?`);

  const submit = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      const input = { academicYear: year.academicYear, terms: values.terms };
      // The core works out first what the new dates do to placements; staff confirm when any move.
      await checked.check({ change: 'saveTerms', input }, async (confirmOverPlaces) => {
        const saved = await save.mutateAsync({ ...input, confirmOverPlaces });
        notifications.show({ title: `Term dates for ${label} saved`, message: `${count(saved.schoolDays, 'pupil day')}. Timetables are worked out again.` });
      });
    }),
  );

  return (
    <Paper withBorder p="md" component="form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="terms-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} size="h4" id="terms-title">
              Half terms {label}
            </Title>
            {isNew && (
              <Text size="sm" c="var(--mantine-color-orange-light-color)">
                No term dates are saved for {label} yet: these are typical dates to start from. Check them, then save.
              </Text>
            )}
          </div>
          <YearTotals schoolDays={schoolDays} insetDays={year.insetDays} />
        </Group>
        <FormAlert title="Term dates not saved" message={errors.root?.message} />
        <Table verticalSpacing={6} aria-labelledby="terms-title">
          <ColumnHeadings columns={['Half term', 'First day', 'Last day', 'Pupil days']} />
          <Table.Tbody>
            {TERM_NAMES.map((name, i) => {
              const t = terms[i];
              const days = t && complete ? countSchoolDays([complete[i]!], year.closures) : null;
              return (
                <Table.Tr key={name}>
                  <Table.Th scope="row">{name}</Table.Th>
                  {TERM_DAYS.map(({ day, label }) => (
                    <Table.Td key={day}>
                      <Controller
                        control={form.control}
                        name={`terms.${i}.${day}`}
                        render={({ field }) => (
                          <DateField
                            portal={false}
                            label={label}
                            ariaLabel={`${label} of ${name}`}
                            value={field.value}
                            onChange={field.onChange}
                            onBlur={field.onBlur}
                            error={errors.terms?.[i]?.[day]?.message}
                            w={200}
                          />
                        )}
                      />
                    </Table.Td>
                  ))}
                  <Table.Td>{days ?? '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group justify="flex-end">
          <Button variant="default" disabled={!isDirty} onClick={() => form.reset()}>
            Undo changes
          </Button>
          <Button type="submit" loading={isSubmitting} disabled={!isDirty && !isNew}>
            Save term dates
          </Button>
        </Group>
      </Stack>
      {checked.dialog}
    </Paper>
  );
}
