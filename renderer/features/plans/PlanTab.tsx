import { Button, Group, Paper, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { PlacementPlan } from '../../../shared/api/specs/plans';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import { PLACEMENT_STATUS_LABELS } from '../../../shared/domain/placements';
import type { PlanVersion, SupportPlan } from '../../../shared/domain/plans';
import { count } from '../../../shared/domain/words';
import { FormModal } from '../../components/FormModal';
import { EmptyState, LoadError, LoadingRows } from '../../components/ListParts';
import { useReadOnly } from '../../lib/readOnly';
import { useDialog } from '../../lib/useDialog';
import { PassportButton } from '../reports/PassportButton';
import { MeasureForm } from './MeasureForm';
import { MeasuresList } from './MeasuresList';
import { PlanEditor } from './PlanEditor';
import { PlanProgress } from './progress/PlanProgress';
import { PlanView } from './PlanView';
import { useNewDraft, usePupilPlans, useStartPlan } from './queries';
import { ReviewForm } from './ReviewForm';
import { ReviewsList } from './ReviewsList';
import { ScheduleCard } from './ScheduleCard';
import { VersionsPanel } from './VersionsPanel';
import { VersionBadge } from './words';

type Dialog = { kind: 'edit'; version: PlanVersion } | { kind: 'review'; plan: SupportPlan } | { kind: 'measure'; placementId: string; firstOne: boolean };

/** "Parkgate · 07/09/2026 to 26/03/2027 · Placed" */
function placementLabel(p: PlacementPlan): string {
  const dates = p.startDate ? `${formatUkDate(p.startDate)} to ${p.endDate ? formatUkDate(p.endDate) : '…'}` : 'no start date yet';
  return [p.baseName ?? 'No base', dates, PLACEMENT_STATUS_LABELS[p.status]].join(' · ');
}

function StartPanel({ placement, pupilName, readOnly, onStarted }: { placement: PlacementPlan; pupilName: string; readOnly: boolean; onStarted: (plan: SupportPlan) => void }) {
  const start = useStartPlan();
  return (
    <Paper withBorder p="lg">
      <Stack gap="xs">
        <Text fw={500}>No plan for this placement yet.</Text>
        <Text size="sm" c="dimmed">
          Starting a plan fills in the needs from the referral&apos;s reasons. Write about {pupilName}, the views and the outcomes, then hold the start review.
        </Text>
        {placement.outcomesToCarry > 0 && <Text size="sm">{count(placement.outcomesToCarry, 'outcome')} from the previous plan will be carried over.</Text>}
        {placement.cannotStart && (
          <Text size="sm" c="red.9" fw={500}>
            {placement.cannotStart}
          </Text>
        )}
        {start.error && (
          <Text size="sm" c="red.9" role="alert">
            {start.error.message}
          </Text>
        )}
        <Group>
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            disabled={readOnly || placement.cannotStart !== null}
            loading={start.isPending}
            onClick={() =>
              start.mutate(
                { placementId: placement.placementId },
                {
                  onSuccess: (plan) => {
                    notifications.show({ title: 'Plan started', message: `Version 1 of ${pupilName}'s plan is a draft: write it now or later.` });
                    onStarted(plan);
                  },
                },
              )
            }
          >
            Start a plan
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function CurrentVersion({ plan, readOnly, onEdit }: { plan: SupportPlan; readOnly: boolean; onEdit: (version: PlanVersion) => void }) {
  const newDraft = useNewDraft();
  const version = plan.versions.at(-1)!;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={3} size="h4">
              Version {version.number}
            </Title>
            <VersionBadge status={version.status} />
          </Group>
          <Text size="sm" c="dimmed">
            Last changed {formatUkDateTime(version.updatedAt)} by {version.updatedByName}
            {version.reviewedOn ? `; locked by the review of ${formatUkDate(version.reviewedOn)}` : ''}
          </Text>
        </div>
        {version.status === 'draft' ? (
          <Button onClick={() => onEdit(version)} disabled={readOnly}>
            Edit
          </Button>
        ) : (
          <Stack gap={4} align="flex-end">
            <Button
              variant="default"
              disabled={readOnly}
              loading={newDraft.isPending}
              onClick={() => newDraft.mutate({ planId: plan.id }, { onSuccess: (saved) => onEdit(saved.versions.at(-1)!) })}
            >
              Start a new draft
            </Button>
            {newDraft.error && (
              <Text size="sm" c="red.9" role="alert">
                {newDraft.error.message}
              </Text>
            )}
          </Stack>
        )}
      </Group>
      <ScheduleCard plan={plan} readOnly={readOnly} />
      <PlanView content={version.content} achieved={plan.achieved} idPrefix="current" />
    </Stack>
  );
}

function NoPlanYet() {
  return <EmptyState title="No plan yet.">Start a plan on the Plan tab first.</EmptyState>;
}

/**
 * A pupil's My Support Plan for one placement (the newest unless another is chosen): the current
 * version, its reviews, the SEMH measures, progress and every earlier version.
 */
export default function PlanTab({ pupilId, pupilName }: { pupilId: string; pupilName: string }) {
  const plans = usePupilPlans(pupilId);
  const readOnly = useReadOnly();
  const [placementId, setPlacementId] = useState<string | null>(null);
  const [section, setSection] = useState<string | null>('plan');
  const { dialog, opened, open, close } = useDialog<Dialog>();

  if (plans.isPending) return <LoadingRows label="Loading the plan" />;
  if (plans.isError) return <LoadError query={plans} title="The plan could not be loaded" />;
  const data = plans.data;
  if (data.placements.length === 0) {
    return (
      <EmptyState title={`${pupilName} has no placement to plan for.`}>A plan is written for a placement once the referral is accepted.</EmptyState>
    );
  }
  const placement = data.placements.find((p) => p.placementId === placementId) ?? data.placements[0]!;
  const plan = placement.plan;
  const measures = data.measures.filter((m) => m.placementId === placement.placementId);
  const shown = dialog?.value;

  return (
    <Stack gap="md">
      {data.placements.length > 1 && (
        <Select
          label="Placement"
          data={data.placements.map((p) => ({ value: p.placementId, label: placementLabel(p) }))}
          value={placement.placementId}
          onChange={(v) => setPlacementId(v)}
          allowDeselect={false}
          maw={520}
          comboboxProps={{ withinPortal: false }}
        />
      )}
      <Group justify="space-between" align="end">
        {data.placements.length === 1 ? <Text size="sm">Placement: {placementLabel(placement)}</Text> : <span />}
        <PassportButton placementId={placement.placementId} pupilName={pupilName} />
      </Group>
      <Tabs value={section} onChange={setSection} keepMounted={false}>
        <Tabs.List aria-label={`${pupilName}'s plan`}>
          <Tabs.Tab value="plan">Plan</Tabs.Tab>
          <Tabs.Tab value="reviews">Reviews{plan ? ` (${plan.reviews.length})` : ''}</Tabs.Tab>
          <Tabs.Tab value="measures">Measures ({measures.length})</Tabs.Tab>
          <Tabs.Tab value="progress">Progress</Tabs.Tab>
          <Tabs.Tab value="versions">Versions{plan ? ` (${plan.versions.length})` : ''}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="plan" pt="md">
          {plan ? (
            <CurrentVersion plan={plan} readOnly={readOnly} onEdit={(version) => open({ kind: 'edit', version })} />
          ) : (
            <StartPanel placement={placement} pupilName={pupilName} readOnly={readOnly} onStarted={(started) => open({ kind: 'edit', version: started.versions.at(-1)! })} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="reviews" pt="md">
          {plan ? (
            <Stack gap="md">
              <Group justify="flex-end">
                <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => open({ kind: 'review', plan })} disabled={readOnly}>
                  Record a review
                </Button>
              </Group>
              <ReviewsList plan={plan} />
            </Stack>
          ) : (
            <NoPlanYet />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="measures" pt="md">
          <Stack gap="md">
            <Group justify="flex-end">
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => open({ kind: 'measure', placementId: placement.placementId, firstOne: measures.length === 0 })}
                disabled={readOnly}
              >
                Add a measure
              </Button>
            </Group>
            <MeasuresList measures={measures} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="progress" pt="md">
          <PlanProgress plans={data} placementId={placement.placementId} />
        </Tabs.Panel>
        <Tabs.Panel value="versions" pt="md">
          {plan ? <VersionsPanel key={plan.id} plan={plan} /> : <NoPlanYet />}
        </Tabs.Panel>
      </Tabs>
      <FormModal
        opened={opened}
        onClose={close}
        size={shown?.kind === 'edit' ? '64rem' : shown?.kind === 'review' ? 'xl' : 'lg'}
        title={
          shown?.kind === 'edit'
            ? `Edit version ${shown.version.number} of ${pupilName}'s plan`
            : shown?.kind === 'review'
              ? `Record a review for ${pupilName}`
              : `Add a measure for ${pupilName}`
        }
      >
        {dialog && shown?.kind === 'edit' && <PlanEditor key={dialog.key} version={shown.version} pupilName={pupilName} onDone={close} />}
        {dialog && shown?.kind === 'review' && <ReviewForm key={dialog.key} plan={shown.plan} pupilName={pupilName} onDone={close} />}
        {dialog && shown?.kind === 'measure' && (
          <MeasureForm key={dialog.key} placementId={shown.placementId} pupilName={pupilName} firstOne={shown.firstOne} onDone={close} />
        )}
      </FormModal>
    </Stack>
  );
}
