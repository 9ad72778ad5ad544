import { zodResolver } from '@hookform/resolvers/zod';
import { Checkbox, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { formatUkDate } from '../../../shared/domain/dates';
import { isReplyKind, LOG_KIND_LABELS, LOG_KINDS, WITH_WHOM, WITH_WHOM_LABELS, type LogEntry, type LogKind, type WithWhom } from '../../../shared/domain/keywork';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { optionalNotes, requiredDate } from '../../lib/schemas';
import { useToday, weekdayOf } from '../../lib/today';
import { useSchools } from '../schools/queries';
import { useAddLogEntry, useCorrectLogEntry, useProfessionals, useReplyDue } from './queries';

const schema = z.object({
  onDate: requiredDate('Enter the date as dd/mm/yyyy.'),
  atTime: z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as hh:mm, for example 09:30.'),
  kind: z.enum(LOG_KINDS, { error: 'Choose the type of contact.' }),
  withWhom: z.enum(WITH_WHOM, { error: 'Choose who it was with.' }),
  withName: optionalNotes('The name', 200),
  professionalId: z.string().nullable(),
  schoolId: z.string().nullable(),
  summary: z.string().trim().min(1, 'Enter a summary.').max(4000, 'A summary can be at most 4000 characters.'),
  needsReply: z.boolean(),
  reason: z.string().trim().max(500, 'The reason can be at most 500 characters.'),
});
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;
const FIELDS = ['onDate', 'atTime', 'kind', 'withWhom', 'withName', 'professionalId', 'schoolId', 'summary', 'needsReply', 'reason'] as const;

const nowTime = () => {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** Shows when a reply will be due, as the core will work it out (working days, bank holidays skipped). */
function DueNote({ kind, onDate }: { kind: LogKind; onDate: string | null }) {
  const due = useReplyDue(kind, onDate, isReplyKind(kind));
  if (!due.data?.dueOn) return null;
  return (
    <Text size="sm" aria-live="polite">
      Reply due {weekdayOf(due.data.dueOn)} {formatUkDate(due.data.dueOn)} ({due.data.days} working days; weekends and bank holidays do not count).
    </Text>
  );
}

/**
 * Logs a contact or action for a pupil, or corrects one: a correction is a new version with its
 * reason, and the entry as first written stays on record.
 */
export function LogEntryForm({
  pupilId,
  pupilName,
  entry,
  onDone,
}: {
  pupilId: string;
  pupilName: string;
  /** The entry to correct; absent for a new one. */
  entry?: LogEntry;
  onDone: () => void;
}) {
  const today = useToday();
  const add = useAddLogEntry();
  const correct = useCorrectLogEntry();
  const professionals = useProfessionals();
  const schools = useSchools();
  const current = entry?.current;
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      onDate: current?.onDate ?? today,
      atTime: current?.atTime ?? nowTime(),
      kind: current?.kind ?? 'phone-call',
      withWhom: current?.withWhom ?? 'parent-carer',
      withName: current?.withName ?? '',
      professionalId: current?.professionalId ?? null,
      schoolId: current?.schoolId ?? null,
      summary: current?.summary ?? '',
      needsReply: entry?.needsReply ?? false,
      reason: '',
    },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);
  const [kind, onDate, needsReply] = useWatch({ control: form.control, name: ['kind', 'onDate', 'needsReply'] });
  const schoolKind = kind === 'outreach' || kind === 'school-visit';

  const submit = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      const { reason, needsReply: reply, ...content } = values;
      if (entry) {
        if (!reason) {
          form.setError('reason', { message: 'Enter the reason for the correction.' });
          return;
        }
        await correct.mutateAsync({ id: entry.id, ...content, reason });
        notifications.show({ title: 'Correction added', message: `The entry for ${pupilName} now shows the correction; the original is kept.` });
      } else {
        const saved = await add.mutateAsync({ pupilId, ...content, needsReply: reply && isReplyKind(content.kind) });
        notifications.show({
          title: 'Logged',
          message: saved.dueOn ? `Reply due ${formatUkDate(saved.dueOn)}${saved.ownerName ? `, owed by ${saved.ownerName}` : ''}.` : `Added to ${pupilName}'s log.`,
        });
      }
      onDone();
    }),
  );

  const kindOptions = LOG_KINDS.map((k) => ({ value: k, label: LOG_KIND_LABELS[k] }));
  const withOptions = WITH_WHOM.map((w) => ({ value: w, label: WITH_WHOM_LABELS[w] }));
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <FormAlert title={entry ? 'Correction not added' : 'Not logged'} message={errors.root?.message} />
        {entry && (
          <Text size="sm" c="dimmed">
            The entry as it stands is kept; your correction is added after it with your reason.
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Controller
            control={form.control}
            name="onDate"
            render={({ field }) => <DateField label="Date" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.onDate?.message} required />}
          />
          <TextInput label="Time" description="hh:mm" required {...form.register('atTime')} error={errors.atTime?.message} />
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <Select label="Type" data={kindOptions} value={field.value} onChange={(v) => field.onChange(v as LogKind)} error={errors.kind?.message} allowDeselect={false} required comboboxProps={{ withinPortal: false }} />
            )}
          />
          <Controller
            control={form.control}
            name="withWhom"
            render={({ field }) => (
              <Select label="With" data={withOptions} value={field.value} onChange={(v) => field.onChange(v as WithWhom)} error={errors.withWhom?.message} allowDeselect={false} required comboboxProps={{ withinPortal: false }} />
            )}
          />
          <TextInput label="Name" description="Who it was with, e.g. Mrs Shah (mum)" {...form.register('withName')} error={errors.withName?.message} />
          <Controller
            control={form.control}
            name="professionalId"
            render={({ field }) => (
              <Select
                label="Professional"
                description="From the directory of professionals"
                data={(professionals.data ?? []).map((p) => ({ value: p.id, label: p.organisation ? `${p.name} (${p.organisation})` : p.name }))}
                value={field.value}
                onChange={field.onChange}
                error={errors.professionalId?.message}
                clearable
                searchable
                nothingFoundMessage="No professional by that name"
                comboboxProps={{ withinPortal: false }}
              />
            )}
          />
        </SimpleGrid>
        {schoolKind && (
          <Controller
            control={form.control}
            name="schoolId"
            render={({ field }) => (
              <Select
                label="School"
                description="Left empty: the pupil's home school."
                data={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
                value={field.value}
                onChange={field.onChange}
                error={errors.schoolId?.message}
                clearable
                searchable
                comboboxProps={{ withinPortal: false }}
              />
            )}
          />
        )}
        <Textarea label="Summary" description="What was said or done, and what happens next." required autosize minRows={3} {...form.register('summary')} error={errors.summary?.message} data-autofocus />
        {!entry && isReplyKind(kind) && (
          <Controller
            control={form.control}
            name="needsReply"
            render={({ field }) => (
              <Checkbox
                label="Needs a reply"
                description="An incoming call or email the Key must answer: it goes on the keyworker's actions."
                checked={field.value}
                onChange={(event) => field.onChange(event.currentTarget.checked)}
                error={errors.needsReply?.message}
              />
            )}
          />
        )}
        {!entry && needsReply && isReplyKind(kind) && <DueNote kind={kind} onDate={onDate} />}
        {entry && <Textarea label="Reason for the correction" required autosize minRows={2} {...form.register('reason')} error={errors.reason?.message} />}
        <FormButtons submit={entry ? 'Add correction' : 'Log it'} onCancel={onDone} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
