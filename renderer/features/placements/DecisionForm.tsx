import { zodResolver } from '@hookform/resolvers/zod';
import { Group, Radio, Select, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { KeyStage } from '../../../shared/domain/bases';
import { formatUkDate } from '../../../shared/domain/dates';
import { keyStageProblem, PANEL_DECISIONS, type PanelDecision, type Placement } from '../../../shared/domain/placements';
import { keyStageFor, yearGroupLabel } from '../../../shared/domain/pupils';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { useBases } from '../../lib/queries';
import { optionalNotes, requiredDate } from '../../lib/schemas';
import { useToday } from '../../lib/today';
import { useDecide } from './queries';

export const DECISION_LABELS: Record<PanelDecision, string> = {
  accepted: 'Accepted',
  declined: 'Declined',
  deferred: 'Deferred',
};

const schema = z
  .object({
    decision: z.enum(PANEL_DECISIONS, { error: 'Choose the panel decision.' }).nullable(),
    decidedOn: requiredDate('Enter the panel date as dd/mm/yyyy.'),
    baseId: z.string().nullable(),
    notes: optionalNotes('Notes'),
  })
  .superRefine((v, ctx) => {
    if (!v.decision) ctx.addIssue({ code: 'custom', path: ['decision'], message: 'Choose the panel decision.' });
    if (v.decision === 'accepted' && !v.baseId) ctx.addIssue({ code: 'custom', path: ['baseId'], message: 'Choose the base the pupil is accepted at.' });
  });
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;
const FIELDS = ['decision', 'decidedOn', 'baseId', 'notes'] as const;

/**
 * The panel's decision. A base that does not take the pupil's key stage is listed but cannot be
 * chosen, with the reason the core would give (the same shared rule), so nothing is refused on submit.
 * A pupil taught out of their year group is checked by the year group they are taught in.
 */
export function DecisionForm({
  placement,
  yearGroup,
  onDone,
  onCancel,
}: {
  placement: Placement;
  /** The year group the pupil is taught in today, as the core checks it. */
  yearGroup: number;
  onDone: () => void;
  onCancel: () => void;
}) {
  const bases = useBases();
  const keyStage = keyStageFor(yearGroup);
  const problemAt = (b: { name: string; keyStages: readonly KeyStage[] }) => keyStageProblem(b.name, b.keyStages, keyStage, yearGroupLabel(yearGroup));
  const decide = useDecide();
  const today = useToday();
  const [confirming, setConfirming] = useState<FormOutput | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      decision: null,
      decidedOn: today,
      baseId: placement.baseId && bases.data?.some((b) => b.id === placement.baseId && problemAt(b)) ? null : placement.baseId,
      notes: '',
    },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);
  const decision = useWatch({ control: form.control, name: 'decision' });

  const send = async (values: FormOutput) => {
    const saved = await saveForm(form.setError, FIELDS, async () => {
      await decide.mutateAsync({
        id: placement.id,
        decision: values.decision!,
        decidedOn: values.decidedOn,
        notes: values.notes,
        ...(values.decision === 'accepted' && values.baseId ? { baseId: values.baseId } : {}),
      });
      const base = bases.data?.find((b) => b.id === values.baseId)?.name;
      notifications.show({
        title: `Panel decision recorded for ${placement.pupilName}`,
        message:
          values.decision === 'accepted'
            ? `Accepted at ${base ?? 'the base'}. Next: the visits and a start date.`
            : values.decision === 'deferred'
              ? 'Deferred: record the decision again after the next panel.'
              : 'Declined: the referral is closed.',
      });
      onDone();
    });
    // Refused: back to the form, where the core's message shows.
    if (!saved) setConfirming(null);
  };

  const save = form.handleSubmit(async (values) => {
    // Declining closes the referral: ask first.
    if (values.decision === 'declined') setConfirming(values);
    else await send(values);
  });

  if (confirming) {
    return (
      <ConfirmPanel
        cancelLabel="Back"
        onCancel={() => setConfirming(null)}
        confirmLabel="Yes, decline the referral"
        onConfirm={() => void send(confirming)}
        loading={decide.isPending}
        color="red.9"
      >
        Decline the referral for {placement.pupilName} (panel on {formatUkDate(confirming.decidedOn)})? The referral is closed and cannot be
        reopened; a new referral can be made later.
      </ConfirmPanel>
    );
  }

  const all = bases.data ?? [];
  const notPossible = all.flatMap((b) => {
    const problem = problemAt(b);
    return problem ? [{ base: b, problem }] : [];
  });
  const possible = all.filter((b) => !notPossible.some((n) => n.base.id === b.id));
  const stages = (b: (typeof all)[number]) => b.keyStages.join(' and ');
  const baseData = [
    ...possible.map((b) => ({ value: b.id, label: `${b.name} (${stages(b)})` })),
    ...notPossible.map(({ base: b }) => ({ value: b.id, label: `${b.name} (${stages(b)}): not possible`, disabled: true })),
  ];
  const why = notPossible.map((n) => `Not possible: ${n.problem}`).join(' ');
  const baseDescription =
    possible.length === 0 && all.length > 0
      ? `No base takes this pupil's key stage: check "Taught in year group" on the Details tab. ${why}`
      : why || undefined;

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Stack gap="sm">
        <FormAlert title="Decision not recorded" message={errors.root?.message} />
        <Controller
          control={form.control}
          name="decision"
          render={({ field }) => (
            <Radio.Group label="Panel decision" value={field.value ?? null} onChange={(v) => field.onChange(v as PanelDecision)} error={errors.decision?.message}>
              <Group mt={6}>
                {PANEL_DECISIONS.map((d) => (
                  <Radio key={d} value={d} label={DECISION_LABELS[d]} />
                ))}
              </Group>
            </Radio.Group>
          )}
        />
        <Controller
          control={form.control}
          name="decidedOn"
          render={({ field }) => (
            <DateField label="Panel date" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.decidedOn?.message} w={200} />
          )}
        />
        {decision === 'accepted' && (
          <Controller
            control={form.control}
            name="baseId"
            render={({ field }) => (
              <Select
                label="Base"
                description={baseDescription}
                placeholder="Choose a base"
                data={baseData}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={errors.baseId?.message}
              />
            )}
          />
        )}
        <Textarea label="Notes" autosize minRows={2} {...form.register('notes')} error={errors.notes?.message} />
        <FormButtons submit="Record decision" onCancel={onCancel} loading={isSubmitting || decide.isPending} />
      </Stack>
    </form>
  );
}
