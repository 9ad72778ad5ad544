import { Anchor, Card, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { localIsoDate } from '../../../shared/domain/dates';
import { OUTCOME_LABELS, PLACEMENT_STEP_LABELS, type Placement, type PlacementEvent } from '../../../shared/domain/placements';
import { formatUkDate } from '../../lib/format';
import { StatusBadge } from './StatusBadge';

/** In the order things happened; steps recorded on the same day in the order they were recorded. */
const byDate = (a: PlacementEvent, b: PlacementEvent) => a.on.localeCompare(b.on) || a.recordedAt.localeCompare(b.recordedAt);

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text size="sm">
      <Text span fw={600} size="sm">
        {label}:
      </Text>{' '}
      {children}
    </Text>
  );
}

function PlacementHistory({ placement }: { placement: Placement }) {
  const events = useMemo(() => [...placement.events].sort(byDate), [placement.events]);
  const heading = `Referral from ${placement.referringSchoolName}, received ${formatUkDate(placement.referredOn)}`;
  return (
    <Card withBorder padding="md" component="section" aria-label={heading}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={3} size="h4">
            {heading}
          </Title>
          <StatusBadge status={placement.status} />
        </Group>
        <Stack gap={2}>
          {placement.baseName && <Fact label="Base">{placement.baseName}</Fact>}
          <Fact label="Reason">{placement.reason}</Fact>
          {placement.tried && <Fact label="Already tried">{placement.tried}</Fact>}
          {placement.startDate && (
            <Fact label="Placement">
              from {formatUkDate(placement.startDate)}
              {placement.endDate ? ` to ${formatUkDate(placement.endDate)}` : placement.plannedEnd ? `, planned to end ${formatUkDate(placement.plannedEnd)}` : ''}
            </Fact>
          )}
          {placement.outcome && (
            <Fact label="Outcome">
              {OUTCOME_LABELS[placement.outcome]}
              {placement.outcomeNotes ? `: ${placement.outcomeNotes}` : ''}
            </Fact>
          )}
        </Stack>
        {events.length > 0 && (
          <Timeline active={events.length - 1} bulletSize={14} lineWidth={2} role="list" aria-label="Steps, oldest first" mt="xs">
            {events.map((event) => (
              <Timeline.Item
                key={event.id}
                role="listitem"
                title={
                  <Text size="sm" fw={600}>
                    {PLACEMENT_STEP_LABELS[event.step]}, {formatUkDate(event.on)}
                  </Text>
                }
              >
                {event.notes && (
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {event.notes}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  Recorded by {event.recordedBy ?? 'Key Desk'} on {formatUkDate(localIsoDate(new Date(event.recordedAt)))}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
    </Card>
  );
}

/** Managers can see every change to the pupil's records, not only the placement steps. */
function AuditLink({ pupilId }: { pupilId: string }) {
  return (
    <Anchor component={Link} to={`/audit?pupil=${pupilId}`} size="sm">
      Every change to this pupil's records, in the audit trail
    </Anchor>
  );
}

/** Every referral and placement the pupil has had, newest first, each with the steps recorded. */
export function HistoryTab({ placements, auditFor }: { placements: readonly Placement[]; auditFor?: string }) {
  if (placements.length === 0) {
    return (
      <Stack>
        {auditFor && <AuditLink pupilId={auditFor} />}
        <Paper withBorder p="lg">
          <Text fw={500}>No referrals yet.</Text>
          <Text c="dimmed" mt={4}>
            Each referral for this pupil, and the placement that follows it, will be listed here with every step and who recorded it.
          </Text>
        </Paper>
      </Stack>
    );
  }
  return (
    <Stack>
      {auditFor && <AuditLink pupilId={auditFor} />}
      {placements.map((placement) => (
        <PlacementHistory key={placement.id} placement={placement} />
      ))}
    </Stack>
  );
}
