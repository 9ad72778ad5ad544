import { Badge } from '@mantine/core';
import { PLACEMENT_STATUS_LABELS, PLACEMENT_STATUSES, type PlacementStatus } from '../../../shared/domain/placements';
import type { PrimaryKeyStage } from '../../../shared/domain/pupils';

export type PupilStatus = PlacementStatus | 'none';

export const statusLabel = (status: PupilStatus): string => (status === 'none' ? 'No referral' : PLACEMENT_STATUS_LABELS[status]);

export const STATUS_OPTIONS = [...PLACEMENT_STATUSES, 'none' as const].map((status) => ({ value: status, label: statusLabel(status) }));

export const KEY_STAGE_LABELS: Record<PrimaryKeyStage, string> = { EYFS: 'Reception (EYFS)', KS1: 'KS1', KS2: 'KS2' };

const COLOURS: Record<PupilStatus, string> = {
  referred: 'blue',
  deferred: 'orange',
  declined: 'gray',
  accepted: 'violet',
  'start-agreed': 'indigo',
  placed: 'keyTeal',
  reintegrating: 'grape',
  ended: 'gray',
  none: 'gray',
};

/** Orange's darkest shade is still below AA on its tint: the theme's darker orange text instead. */
const textColour = (colour: string) => (colour === 'orange' ? 'var(--mantine-color-orange-light-color)' : `${colour}.9`);

/**
 * Where a pupil's latest referral has got to. Text in the colour's darkest shade: Mantine's light
 * badges use a mid shade that is below AA contrast on its own tint.
 */
export function StatusBadge({ status, size = 'md' }: { status: PupilStatus; size?: 'sm' | 'md' | 'lg' }) {
  const colour = COLOURS[status];
  return (
    // Wraps rather than cutting a long status to "Accepted: vi…" in a narrow column.
    <Badge
      variant="light"
      color={colour}
      c={textColour(colour)}
      size={size}
      tt="none"
      h="auto"
      maw="100%"
      styles={{ label: { whiteSpace: 'normal', overflow: 'visible', lineHeight: 1.3, paddingBlock: 2 } }}
    >
      {statusLabel(status)}
    </Badge>
  );
}
