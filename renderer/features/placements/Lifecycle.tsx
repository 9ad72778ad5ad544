import { Badge, Group, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconCheck, IconPointFilled } from '@tabler/icons-react';
import { formatUkDate, localIsoDate } from '../../../shared/domain/dates';
import type { Placement } from '../../../shared/domain/placements';
import { followUps, lifecycleSteps, STEP_STATE_LABELS, type LifecycleStep } from './lifecycle';

const BADGE_COLOUR: Record<LifecycleStep['state'], string> = { done: 'keyTeal', next: 'orange', later: 'gray', 'not-reached': 'gray' };

function recordedText(step: LifecycleStep): string | null {
  if (!step.recorded) return null;
  const on = formatUkDate(localIsoDate(new Date(step.recorded.at)));
  return step.recorded.by ? `Recorded by ${step.recorded.by} on ${on}` : `Recorded on ${on}`;
}

/** The placement's steps in order, each saying in words whether it is done, next or still to come. */
export function Lifecycle({ placement, today }: { placement: Placement; today: string }) {
  const steps = lifecycleSteps(placement, today);
  const visits = followUps(placement);
  const active = steps.reduce((last, s, i) => (s.state === 'done' ? i : last), -1);
  return (
    <Timeline active={active} bulletSize={22} lineWidth={2} role="list" aria-label={`Steps of the referral for ${placement.pupilName}`}>
      {steps.map((step) => (
        <Timeline.Item
          key={step.key}
          role="listitem"
          bullet={
            step.state === 'done' ? (
              <IconCheck size={14} aria-hidden />
            ) : step.state === 'next' ? (
              <ThemeIcon size={22} radius="xl" color="orange" variant="filled" aria-hidden>
                <IconPointFilled size={12} />
              </ThemeIcon>
            ) : undefined
          }
          title={
            <Group gap="xs">
              <Text fw={600} c={step.state === 'done' || step.state === 'next' ? undefined : 'dimmed'}>
                {step.title}
              </Text>
              {/* Light badges: the theme darkens their text to pass contrast; filled orange would not. */}
              <Badge size="sm" variant="light" color={BADGE_COLOUR[step.state]}>
                {STEP_STATE_LABELS[step.state]}
              </Badge>
              {step.date && step.state !== 'not-reached' && (
                <Text size="sm">{formatUkDate(step.date)}</Text>
              )}
            </Group>
          }
        >
          {step.lines.map((line) => (
            <Text key={line} size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {line}
            </Text>
          ))}
          {recordedText(step) && (
            <Text size="xs" c="dimmed">
              {recordedText(step)}
            </Text>
          )}
        </Timeline.Item>
      ))}
      {visits.map((visit) => (
        <Timeline.Item key={visit.id} role="listitem" bullet={<IconCheck size={14} aria-hidden />} title={<Text fw={600}>Follow-up visit {formatUkDate(visit.on)}</Text>}>
          {visit.notes && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {visit.notes}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {visit.recordedBy ? `Recorded by ${visit.recordedBy}` : 'Recorded'} on {formatUkDate(localIsoDate(new Date(visit.recordedAt)))}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
