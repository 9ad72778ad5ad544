import { Group, Select, Skeleton, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { addDays, formatUkDate } from '../../../shared/domain/dates';
import { useToday } from '../../lib/today';
import { usePlanList } from '../plans/queries';
import { ReintegrationReportButton } from './ReintegrationReport';

/** Placements ending in the next this many days, or ended in the last six weeks, are offered. */
const ENDING_WITHIN_DAYS = 42;

/** Choose a pupil whose placement ends soon or ended recently, then write and preview their report. */
export function ReintegrationPicker() {
  const plans = usePlanList();
  const today = useToday();
  const [placementId, setPlacementId] = useState<string | null>(null);
  const rows = useMemo(
    () =>
      (plans.data ?? [])
        .filter((p) => p.endDate !== null && p.endDate <= addDays(today, ENDING_WITHIN_DAYS))
        .sort((a, b) => (a.endDate ?? '').localeCompare(b.endDate ?? '')),
    [plans.data, today],
  );
  if (plans.isPending) return <Skeleton h={36} />;
  if (rows.length === 0) return <Text size="sm">No placement with a My Support Plan ends in the next six weeks or ended in the last six.</Text>;
  const chosen = rows.find((r) => r.placementId === placementId) ?? null;
  return (
    <Group align="flex-end">
      <Select
        label="Pupil and placement"
        placeholder="Choose a pupil"
        searchable
        w={420}
        value={placementId}
        onChange={setPlacementId}
        data={rows.map((r) => ({
          value: r.placementId,
          label: `${r.pupilName}, ${r.baseName}: ${r.endDate! < today ? 'ended' : 'ends'} ${formatUkDate(r.endDate!)}`,
        }))}
      />
      {chosen && <ReintegrationReportButton placementId={chosen.placementId} pupilName={chosen.pupilName} size="sm" />}
    </Group>
  );
}
