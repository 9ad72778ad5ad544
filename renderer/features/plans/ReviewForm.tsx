import { zodResolver } from '@hookform/resolvers/zod';
import { Fieldset, Group, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { formatUkDate } from '../../../shared/domain/dates';
import {
  OUTCOME_DECISION_LABELS,
  OUTCOME_DECISIONS,
  PROGRESS_SCALE,
  ratingText,
  REVIEW_KIND_LABELS,
  REVIEW_KINDS,
  reviewInputSchema,
  type OutcomeDecision,
  type ReviewKind,
  type SupportPlan,
} from '../../../shared/domain/plans';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { useToday } from '../../lib/today';
import { useRecordReview } from './queries';
import { saveShowingField } from './saveForm';

/** Progress is rated at every review but the start, which is the baseline. */
const schema = reviewInputSchema.superRefine((review, ctx) => {
  if (review.kind === 'start') return;
  review.ratings.forEach((r, i) => {
    if (r.rating === null) ctx.addIssue({ code: 'custom', path: ['ratings', i, 'rating'], message: `Choose how much progress there has been towards outcome ${i + 1}.` });
  });
});
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;

const SHOWN = /^(kind|heldOn|attendees|pupilView|parentView)$|^ratings\.\d+\.(rating|evidence|nextSteps|decision)$/;
const KIND_OPTIONS = REVIEW_KINDS.map((k) => ({ value: k, label: REVIEW_KIND_LABELS[k] }));

/**
 * Records a review of the plan's current version: who came, the pupil's and parents' views, and for
 * each outcome not yet achieved a rating on the progress scale (not at the start review), the
 * evidence, next steps and whether it is achieved or carried forward. The version is then locked.
 */
export function ReviewForm({ plan, pupilName, onDone }: { plan: SupportPlan; pupilName: string; onDone: () => void }) {
  const today = useToday();
  const record = useRecordReview();
  const version = plan.versions.at(-1)!;
  const outcomes = version.content.outcomes.filter((o) => !plan.achieved[o.id]);
  const defaultKind: ReviewKind = plan.schedule.nextKind ?? (plan.reviews.length === 0 ? 'start' : 'interim');
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      versionId: version.id,
      kind: defaultKind,
      heldOn: today,
      attendees: '',
      pupilView: '',
      parentView: '',
      ratings: outcomes.map((o) => ({ outcomeId: o.id, rating: null, evidence: '', nextSteps: '', decision: 'carried-forward' })),
    },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);
  const kind = useWatch({ control: form.control, name: 'kind' });
  const rated = kind !== 'start';

  const submit = form.handleSubmit((values) =>
    saveShowingField(form, SHOWN, async () => {
      const ratings = values.ratings.map((r) => (rated ? r : { ...r, rating: null }));
      await record.mutateAsync({ ...values, ratings });
      const locked = version.status === 'draft' ? `; version ${version.number} is now locked` : '';
      notifications.show({ title: 'Review recorded', message: `${REVIEW_KIND_LABELS[values.kind]} of ${formatUkDate(values.heldOn)} for ${pupilName}${locked}.` });
      onDone();
    }),
  );

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <FormAlert title="Review not recorded" message={errors.root?.message} />
        <Paper withBorder p="sm" bg="var(--mantine-color-blue-light)">
          <Text fw={600}>{version.status === 'draft' ? `Recording this review locks version ${version.number}` : `Version ${version.number} is already locked`}</Text>
          <Text size="sm">
            {version.status === 'draft'
              ? 'After the review the plan cannot be edited; the next change starts a new draft from it.'
              : 'An earlier review locked it: this review is added to the same version.'}
          </Text>
        </Paper>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <Select label="Kind of review" data={KIND_OPTIONS} value={field.value} onChange={(v) => field.onChange(v as ReviewKind)} allowDeselect={false} required error={errors.kind?.message} comboboxProps={{ withinPortal: false }} />
            )}
          />
          <Controller
            control={form.control}
            name="heldOn"
            render={({ field }) => <DateField label="Held on" value={field.value} onChange={field.onChange} onBlur={field.onBlur} required error={errors.heldOn?.message} />}
          />
        </SimpleGrid>
        <Textarea label="Who attended" description="Names and roles, e.g. Mrs Shah (mum), Mr Hale (class teacher)" required autosize minRows={2} {...form.register('attendees')} error={errors.attendees?.message} data-autofocus />
        <Textarea label="The pupil's view" autosize minRows={2} {...form.register('pupilView')} error={errors.pupilView?.message} />
        <Textarea label="Parents' and carers' views" autosize minRows={2} {...form.register('parentView')} error={errors.parentView?.message} />
        {outcomes.length === 0 ? (
          <Text size="sm" c="dimmed">
            Every outcome of this version is achieved or there are none: nothing to rate.
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {rated ? 'Rate the progress towards each outcome not yet achieved since it was set.' : 'The start review is the baseline: progress is not rated yet.'}
          </Text>
        )}
        {outcomes.map((o, i) => {
          const e = errors.ratings?.[i];
          return (
            <Fieldset key={o.id} legend={`Outcome ${i + 1}: ${o.what}`}>
              <Stack gap="sm">
                <Text size="sm">
                  <Text span size="sm" c="dimmed">
                    Success criteria:{' '}
                  </Text>
                  {o.successCriteria}
                </Text>
                {rated && (
                  <Controller
                    control={form.control}
                    name={`ratings.${i}.rating`}
                    render={({ field }) => (
                      <Radio.Group
                        label="Progress"
                        required
                        value={field.value === null || field.value === undefined ? '' : String(field.value)}
                        onChange={(v) => field.onChange(Number(v))}
                        error={e?.rating?.message}
                      >
                        <Group gap="md" mt={4}>
                          {PROGRESS_SCALE.map((step) => (
                            <Radio key={step.value} value={String(step.value)} label={ratingText(step.value)} title={step.description} />
                          ))}
                        </Group>
                      </Radio.Group>
                    )}
                  />
                )}
                <Textarea label="Evidence" autosize minRows={2} {...form.register(`ratings.${i}.evidence`)} error={e?.evidence?.message} />
                <Textarea label="Next steps" autosize minRows={2} {...form.register(`ratings.${i}.nextSteps`)} error={e?.nextSteps?.message} />
                <Controller
                  control={form.control}
                  name={`ratings.${i}.decision`}
                  render={({ field }) => (
                    <Radio.Group label="Decision" value={field.value ?? 'carried-forward'} onChange={(v) => field.onChange(v as OutcomeDecision)} error={e?.decision?.message}>
                      <Group gap="md" mt={4}>
                        {OUTCOME_DECISIONS.map((d) => (
                          <Radio key={d} value={d} label={OUTCOME_DECISION_LABELS[d]} />
                        ))}
                      </Group>
                    </Radio.Group>
                  )}
                />
              </Stack>
            </Fieldset>
          );
        })}
        <FormButtons submit="Record review" onCancel={onDone} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
