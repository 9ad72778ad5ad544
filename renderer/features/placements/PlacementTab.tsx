import { Accordion, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { ACCESS, rolesAllow } from '../../../shared/api/access';
import type { PupilPage } from '../../../shared/api/specs/pupils';
import { formatUkDate } from '../../../shared/domain/dates';
import { PLACEMENT_STATUS_LABELS, type Placement } from '../../../shared/domain/placements';
import { displayName } from '../../../shared/domain/pupil-record';
import { useStatus } from '../../lib/queries';
import { useDialog } from '../../lib/useDialog';
import { useToday } from '../../lib/today';
import { DecisionForm } from './DecisionForm';
import { EndForm } from './EndForm';
import { FollowUpForm } from './FollowUpForm';
import { actionsFor, openPlacement, type Action, type ActionKind } from './lifecycle';
import { Lifecycle } from './Lifecycle';
import { ReferForm } from './ReferForm';
import { StartForm } from './StartForm';
import { TimetableSection } from './TimetableTable';
import { VisitsForm } from './VisitsForm';
import { FormModal } from '../../components/FormModal';
import { ReintegrationReportButton } from '../reports/ReintegrationReport';
import { FollowUpPanel } from '../keywork/FollowUpPanel';

type Dialog = { kind: 'refer' } | { kind: ActionKind; label: string; placement: Placement };

function dialogTitle(dialog: Dialog, name: string): string {
  if (dialog.kind === 'refer') return `Refer ${name}`;
  return `${dialog.label} for ${name}`;
}

/** The buttons for what can be done now: the next step stands out, the rest are quieter. */
function Actions({ placement, open }: { placement: Placement; open: (dialog: Dialog) => void }) {
  const { next, others } = actionsFor(placement);
  if (!next && others.length === 0) return null;
  const button = (action: Action, primary: boolean) => (
    <Button
      key={action.label}
      variant={primary ? 'filled' : 'default'}
      color={action.kind === 'end' || action.kind === 'withdraw' ? (primary ? 'red.9' : undefined) : undefined}
      onClick={() => open({ kind: action.kind, label: action.label, placement })}
    >
      {action.label}
    </Button>
  );
  return (
    <Group gap="sm">
      {next && button(next, true)}
      {others.map((a) => button(a, false))}
    </Group>
  );
}

/** Base and dates in one line: "Parkgate · 07/09/2026 to 26/03/2027". */
function PlacementSummary({ placement, withReferral = true }: { placement: Placement; withReferral?: boolean }) {
  const end = placement.endDate ?? placement.plannedEnd;
  const parts = [
    placement.baseName,
    placement.startDate ? `${formatUkDate(placement.startDate)} to ${end ? formatUkDate(end) : '…'}` : withReferral ? `Referred ${formatUkDate(placement.referredOn)}` : null,
  ].filter(Boolean);
  return parts.length ? <Text size="sm">{parts.join(' · ')}</Text> : null;
}

/**
 * A pupil's referral and placement: where it has got to, step by step, with who recorded each step;
 * the next step as a button (managers); the timetable once a start date is agreed; and earlier ones.
 */
export function PlacementTab({ page }: { page: PupilPage }) {
  const status = useStatus();
  const canManage = rolesAllow(ACCESS['placements.decide'], status.data?.user?.roles ?? []);
  const today = useToday();
  const name = displayName(page.pupil);
  const current = openPlacement(page.placements);
  const earlier = page.placements.filter((p) => p !== current);
  // After a placement ends, follow-up visits are what is left to do: keep the last one in view.
  const lastEnded = !current && earlier[0]?.status === 'ended' ? earlier[0] : null;
  const rest = earlier.filter((p) => p !== lastEnded);

  const { dialog, opened, open, close } = useDialog<Dialog>();
  const shown = dialog?.value;

  const featured = (placement: Placement, heading: string) => (
    <Paper withBorder p="md" component="section" aria-labelledby={`placement-${placement.id}`}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Group gap="sm">
              <Title order={3} size="h4" id={`placement-${placement.id}`}>
                {heading}
              </Title>
              <Badge variant="light" color={placement.status === 'ended' ? 'gray' : 'keyTeal'}>
                {PLACEMENT_STATUS_LABELS[placement.status]}
              </Badge>
            </Group>
            <PlacementSummary placement={placement} />
          </div>
          <Group gap="sm">
            {placement.startDate && placement.baseId && <ReintegrationReportButton placementId={placement.id} pupilName={name} />}
            {canManage && <Actions placement={placement} open={open} />}
          </Group>
        </Group>
        <Lifecycle placement={placement} today={today} />
        <FollowUpPanel placement={placement} canManage={canManage} />
      </Stack>
    </Paper>
  );

  return (
    <Stack gap="md">
      {current ? (
        featured(current, current.startDate && current.startDate <= today ? 'Current placement' : 'Current referral')
      ) : (
        <Paper withBorder p="md">
          <Group justify="space-between">
            <div>
              <Text fw={500}>{page.placements.length === 0 ? `${name} has not been referred.` : `No referral in progress for ${name}.`}</Text>
              <Text size="sm" c="dimmed">
                {canManage ? 'Record a referral when the home school sends one.' : 'A manager records referrals.'}
              </Text>
            </div>
            {canManage && (
              <Button leftSection={<IconSend size={18} aria-hidden />} onClick={() => open({ kind: 'refer' })}>
                Refer {name}
              </Button>
            )}
          </Group>
        </Paper>
      )}

      {current?.startDate && <TimetableSection placementId={current.id} pupilName={name} />}

      {lastEnded && featured(lastEnded, 'Last placement')}

      {rest.length > 0 && (
        <section aria-labelledby="earlier-placements">
          <Title order={3} size="h4" id="earlier-placements" mb="xs">
            Earlier referrals and placements
          </Title>
          {/* With nothing more recent to show, the latest (a declined referral, say) starts open. */}
          <Accordion variant="separated" multiple defaultValue={!current && !lastEnded && rest[0] ? [rest[0].id] : []}>
            {rest.map((p) => (
              <Accordion.Item key={p.id} value={p.id}>
                <Accordion.Control>
                  <Group gap="sm">
                    <Text fw={500}>Referred {formatUkDate(p.referredOn)}</Text>
                    <Badge variant="light" color="gray">
                      {PLACEMENT_STATUS_LABELS[p.status]}
                    </Badge>
                    <PlacementSummary placement={p} withReferral={false} />
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="sm">
                    {canManage && p.status === 'ended' && p.startDate && (
                      <Group>
                        <Button variant="default" size="compact-sm" onClick={() => open({ kind: 'follow-up', label: 'Add follow-up visit', placement: p })}>
                          Add follow-up visit
                        </Button>
                      </Group>
                    )}
                    <Lifecycle placement={p} today={today} />
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </section>
      )}

      <FormModal opened={opened} onClose={close} title={shown ? dialogTitle(shown, name) : ''} size={shown?.kind === 'start' ? 'xl' : 'lg'}>
        {shown?.kind === 'refer' && (
          <ReferForm key={dialog!.key} pupil={{ id: page.pupil.id, name, homeSchoolId: page.pupil.homeSchoolId }} onDone={close} onCancel={close} />
        )}
        {shown && shown.kind !== 'refer' && (
          <PlacementDialog key={dialog!.key} dialog={shown} yearGroup={page.pupil.yearGroup} onDone={close} />
        )}
      </FormModal>
    </Stack>
  );
}

function PlacementDialog({
  dialog,
  yearGroup,
  onDone,
}: {
  dialog: Exclude<Dialog, { kind: 'refer' }>;
  yearGroup: PupilPage['pupil']['yearGroup'];
  onDone: () => void;
}) {
  const { placement } = dialog;
  switch (dialog.kind) {
    case 'decide':
      return <DecisionForm placement={placement} yearGroup={yearGroup} onDone={onDone} onCancel={onDone} />;
    case 'visits':
      return <VisitsForm placement={placement} onDone={onDone} onCancel={onDone} />;
    case 'start':
      return <StartForm placement={placement} onDone={onDone} onCancel={onDone} />;
    case 'end':
      return <EndForm placement={placement} onDone={onDone} onCancel={onDone} />;
    case 'withdraw':
      return <EndForm placement={placement} withdraw onDone={onDone} onCancel={onDone} />;
    case 'follow-up':
      return <FollowUpForm placement={placement} onDone={onDone} onCancel={onDone} />;
  }
}
