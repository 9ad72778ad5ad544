import { zodResolver } from '@hookform/resolvers/zod';
import { Fieldset, Group, NumberInput, Radio, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm, useWatch, type Control, type FieldErrors, type Resolver } from 'react-hook-form';
import type { z } from 'zod';
import type { CallInput } from '../../../shared/api/contract';
import { measureCalls } from '../../../shared/api/specs/plans';
import { formatUkDate } from '../../../shared/domain/dates';
import {
  BOXALL_SECTION_LABELS,
  BOXALL_SECTION_MAX,
  BOXALL_SECTIONS,
  BOXALL_STRANDS,
  LEUVEN_SCALE_LABELS,
  LEUVEN_SCALES,
  leuvenText,
  MEASURE_KIND_LABELS,
  MEASURE_KINDS,
  MEASURE_POINT_LABELS,
  MEASURE_POINTS,
  SDQ_IMPACT_MAX,
  SDQ_SCALE_LABELS,
  SDQ_SUBSCALES,
  sdqBand,
  sdqResult,
  sdqVersionOf,
  type MeasureKind,
  type MeasurePoint,
  type SdqVersion,
} from '../../../shared/domain/semh';
import { DateField } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { useToday } from '../../lib/today';
import { useAddMeasure } from './queries';
import { saveShowingField } from './saveForm';
import { ColumnHeadings } from '../../components/ListParts';

type Score = number | '' | null;
export interface MeasureValues {
  placementId: string;
  kind: MeasureKind;
  point: MeasurePoint;
  takenOn: string;
  completedBy: string;
  scores: Record<string, Score>;
}
type Output = CallInput<'measures.add'>;

const schema = measureCalls['measures.add'].input;

/** Empty boxes until typed: Boxall strands left empty are not scored, an empty SDQ impact is "not completed". */
function forTheCore(values: MeasureValues): unknown {
  const scores: Record<string, Score> = {};
  for (const [key, value] of Object.entries(values.scores)) {
    if (value === '' || value === null) {
      if (values.kind === 'boxall') continue;
      if (key === 'impact') {
        scores[key] = null;
        continue;
      }
    }
    scores[key] = value;
  }
  return { ...values, scores };
}

const coreResolver = zodResolver(schema);
/** The contract's own schema decides, so the form refuses exactly what the core would, naming the same fields. */
const resolver: Resolver<MeasureValues, unknown, Output> = (values, context, options) =>
  coreResolver(forTheCore(values) as z.input<typeof schema>, context, options as never) as ReturnType<Resolver<MeasureValues, unknown, Output>>;

export function blankScores(kind: MeasureKind): Record<string, Score> {
  if (kind === 'boxall') return Object.fromEntries(BOXALL_STRANDS.map((s) => [s.key, '']));
  if (kind === 'leuven') return Object.fromEntries(LEUVEN_SCALES.map((s) => [s, '']));
  return { ...Object.fromEntries(SDQ_SUBSCALES.map((s) => [s, ''])), impact: '' };
}

const SHOWN = /^(kind|point|takenOn|completedBy)$|^scores\.[\w]+$/;
const isWhole = (v: Score, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

interface ScoreProps {
  control: Control<MeasureValues, unknown, Output>;
  errors: FieldErrors<MeasureValues>;
}

function ScoreInput({ control, errors, name, label, max, min = 0, description }: ScoreProps & { name: string; label: string; max: number; min?: number; description?: string }) {
  return (
    <Controller
      control={control}
      name={`scores.${name}`}
      render={({ field }) => (
        <NumberInput
          label={label}
          description={description}
          value={field.value ?? ''}
          onChange={(v) => field.onChange(v === '' ? '' : Number(v))}
          onBlur={field.onBlur}
          ref={field.ref}
          min={min}
          max={max}
          allowDecimal={false}
          clampBehavior="none"
          hideControls
          error={errors.scores?.[name]?.message}
        />
      )}
    />
  );
}

/** The SDQ's five subscales and optional impact, with each band and the total worked out as they are typed. */
function SdqFields({ control, errors, version }: ScoreProps & { version: SdqVersion }) {
  const scores = useWatch({ control, name: 'scores' });
  const bandOf = (scale: (typeof SDQ_SUBSCALES)[number]) => {
    const v = scores[scale];
    return isWhole(v ?? '', 10) ? `Band: ${sdqBand(version, scale, v as number).label}` : 'From 0 to 10';
  };
  const complete = SDQ_SUBSCALES.every((s) => isWhole(scores[s] ?? '', 10));
  const result = complete ? sdqResult(version, { ...(Object.fromEntries(SDQ_SUBSCALES.map((s) => [s, scores[s] as number])) as Record<(typeof SDQ_SUBSCALES)[number], number>), impact: null }) : null;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {SDQ_SUBSCALES.map((s) => (
          <ScoreInput key={s} control={control} errors={errors} name={s} label={SDQ_SCALE_LABELS[s]} max={10} description={bandOf(s)} />
        ))}
        <ScoreInput control={control} errors={errors} name="impact" label="Impact score (optional)" max={SDQ_IMPACT_MAX[version]} description={`From 0 to ${SDQ_IMPACT_MAX[version]}; leave empty if not completed`} />
      </SimpleGrid>
      <div aria-live="polite">
        {result ? (
          <Table withTableBorder aria-label="Total and bands" maw={520}>
            <ColumnHeadings columns={['Scale', 'Score', 'Band']} />
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">{SDQ_SCALE_LABELS.total}</Table.Th>
                <Table.Td>{result.total} of 40</Table.Td>
                <Table.Td>{result.bands.total.label}</Table.Td>
              </Table.Tr>
              {SDQ_SUBSCALES.map((s) => (
                <Table.Tr key={s}>
                  <Table.Th scope="row" fw={400}>
                    {SDQ_SCALE_LABELS[s]}
                  </Table.Th>
                  <Table.Td>{result.scores[s]}</Table.Td>
                  <Table.Td>{result.bands[s].label}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            Enter all five scores to see the total difficulties and the bands. Prosocial behaviour is not part of the total.
          </Text>
        )}
      </div>
    </Stack>
  );
}

function BoxallFields({ control, errors }: ScoreProps) {
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Enter the strand scores you have; strands left empty are not recorded. Boxall&apos;s cut-offs are licensed, so Key Desk keeps the scores only.
      </Text>
      {BOXALL_SECTIONS.map((section) => (
        <Fieldset key={section} legend={BOXALL_SECTION_LABELS[section]}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {BOXALL_STRANDS.filter((s) => s.section === section).map((s) => (
              <ScoreInput key={s.key} control={control} errors={errors} name={s.key} label={`${s.key}. ${s.label}`} max={BOXALL_SECTION_MAX} />
            ))}
          </SimpleGrid>
        </Fieldset>
      ))}
    </Stack>
  );
}

function LeuvenFields({ control, errors }: ScoreProps) {
  return (
    <Stack gap="sm">
      {LEUVEN_SCALES.map((scale) => (
        <Controller
          key={scale}
          control={control}
          name={`scores.${scale}`}
          render={({ field }) => (
            <Radio.Group
              label={LEUVEN_SCALE_LABELS[scale]}
              required
              value={field.value === '' || field.value === null || field.value === undefined ? '' : String(field.value)}
              onChange={(v) => field.onChange(Number(v))}
              error={errors.scores?.[scale]?.message}
            >
              <Group gap="md" mt={4}>
                {[1, 2, 3, 4, 5].map((level) => (
                  <Radio key={level} value={String(level)} label={leuvenText(level)} />
                ))}
              </Group>
            </Radio.Group>
          )}
        />
      ))}
    </Stack>
  );
}

/** Records an SDQ, Boxall or Leuven measure for a placement: bands are computed, never typed. */
export function MeasureForm({ placementId, pupilName, firstOne, onDone }: { placementId: string; pupilName: string; firstOne: boolean; onDone: () => void }) {
  const today = useToday();
  const add = useAddMeasure();
  const form = useForm<MeasureValues, unknown, Output>({
    resolver,
    defaultValues: { placementId, kind: 'sdq-teacher', point: firstOne ? 'baseline' : 'review', takenOn: today, completedBy: '', scores: blankScores('sdq-teacher') },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);
  const kind = useWatch({ control: form.control, name: 'kind' });
  const version = sdqVersionOf(kind);
  const parts = { control: form.control, errors };

  const submit = form.handleSubmit((values) =>
    saveShowingField(form, SHOWN, async () => {
      await add.mutateAsync(values);
      notifications.show({ title: 'Measure recorded', message: `${MEASURE_KIND_LABELS[values.kind]} of ${formatUkDate(values.takenOn)} for ${pupilName}.` });
      onDone();
    }),
  );

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="md">
        <FormAlert title="Measure not recorded" message={errors.root?.message} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Controller
            control={form.control}
            name="kind"
            render={({ field }) => (
              <Select
                label="Measure"
                data={MEASURE_KINDS.map((k) => ({ value: k, label: MEASURE_KIND_LABELS[k] }))}
                value={field.value}
                onChange={(v) => {
                  const next = v as MeasureKind;
                  field.onChange(next);
                  form.setValue('scores', blankScores(next));
                  form.clearErrors('scores');
                }}
                allowDeselect={false}
                required
                error={errors.kind?.message}
                comboboxProps={{ withinPortal: false }}
                data-autofocus
              />
            )}
          />
          <Controller
            control={form.control}
            name="point"
            render={({ field }) => (
              <Select
                label="When"
                data={MEASURE_POINTS.map((p) => ({ value: p, label: MEASURE_POINT_LABELS[p] }))}
                value={field.value}
                onChange={(v) => field.onChange(v as MeasurePoint)}
                allowDeselect={false}
                required
                error={errors.point?.message}
                comboboxProps={{ withinPortal: false }}
              />
            )}
          />
          <Controller
            control={form.control}
            name="takenOn"
            render={({ field }) => <DateField label="Completed on" value={field.value} onChange={field.onChange} onBlur={field.onBlur} required error={errors.takenOn?.message} />}
          />
          <TextInput label="Completed by" description="e.g. Class teacher, Mum" {...form.register('completedBy')} error={errors.completedBy?.message} />
        </SimpleGrid>
        {version && <SdqFields {...parts} version={version} />}
        {kind === 'boxall' && <BoxallFields {...parts} />}
        {kind === 'leuven' && <LeuvenFields {...parts} />}
        <FormAlert message={(errors.scores as { message?: string } | undefined)?.message} />
        <FormButtons submit="Record measure" onCancel={onDone} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
