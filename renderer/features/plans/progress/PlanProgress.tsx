import { Box, SimpleGrid, Stack, Text } from '@mantine/core';
import type { PupilPlans } from '../../../../shared/api/specs/plans';
import { pupilWeeklyChart } from '../../../../shared/domain/attendance-charts';
import { leuvenChart, outcomeRatingsChart, sdqChart } from '../../../../shared/domain/plan-charts';
import { WeeklyChart } from '../../attendance/WeeklyChart';
import { LeuvenPanel, RatingsPanel } from './LineCharts';
import { SdqPanel } from './SdqPanel';

/**
 * A placement's progress at a glance: each outcome's rating across reviews, the SDQ at baseline and
 * latest (teacher, and parent or carer when there is one), Leuven over time, and attendance beside
 * them. Every chart has a table view and reads without colour.
 */
export function PlanProgress({ plans, placementId }: { plans: PupilPlans; placementId: string }) {
  const placement = plans.placements.find((p) => p.placementId === placementId);
  const measures = plans.measures.filter((m) => m.placementId === placementId);
  const parent = sdqChart(measures, 'parent');
  // The registers' weeks are the newest placement's, so an earlier placement has none to show.
  const newest = plans.placements[0]?.placementId === placementId;
  return (
    <Stack>
      <RatingsPanel chart={placement?.plan ? outcomeRatingsChart(placement.plan) : null} />
      {/* Full width: each bar carries its score and band in words. */}
      <SdqPanel chart={sdqChart(measures, 'teacher')} version="teacher" />
      {parent && <SdqPanel chart={parent} version="parent" />}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <LeuvenPanel chart={leuvenChart(measures)} />
        {newest ? (
          <Box className="plan-chart">
            <WeeklyChart chart={pupilWeeklyChart(plans.attendance)} title="Weekly attendance %" height={280} />
          </Box>
        ) : (
          <Text c="dimmed">Attendance from the registers is shown for the newest placement.</Text>
        )}
      </SimpleGrid>
    </Stack>
  );
}
