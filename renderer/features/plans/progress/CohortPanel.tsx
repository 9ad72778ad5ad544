import { Alert, Box, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CohortFigures } from '../../../../shared/domain/plan-cohort';
import { cohortSdqChart, cohortTable, cohortTotalsList } from '../../../../shared/domain/plan-charts';
import { academicYearOf } from '../../../../shared/domain/pupils';
import { academicYearLabel } from '../../../../shared/domain/calendar';
import { useBases } from '../../../lib/queries';
import { useToday } from '../../../lib/today';
import { ChartNumbersTable } from '../../../components/ChartNumbersTable';
import { ChartFrame } from './ChartFrame';
import { tableSummary } from './LineCharts';
import { AXIS, Hatch } from './markers';
import { useCohort } from './queries';

const ALL = 'all';
/** The years offered: this one and the five before it. */
const YEARS_BACK = 5;

function Totals({ figures }: { figures: CohortFigures }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm" component="dl" aria-label="Cohort totals" m={0}>
      {cohortTotalsList(figures.totals).map((t) => (
        <div key={t.label}>
          <Text component="dt" size="xs" c="dimmed">
            {t.label}
          </Text>
          <Text component="dd" m={0} fw={700} size="lg">
            {t.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

const SDQ_TITLE = 'SDQ total difficulties (teacher) at baseline and latest';

/** Each pupil's SDQ total at baseline (hatched) and latest (solid), labelled with the score and band. */
function SdqTotals({ figures }: { figures: CohortFigures }) {
  const chart = cohortSdqChart(figures);
  const hatchId = `hatch-${useId().replace(/[^a-zA-Z0-9-]/g, '')}`;
  const has = chart.pupils.length > 0;
  const data = chart.pupils.map((p) => ({ ...p, baselineText: `${p.baseline} ${p.baselineBand}`, latestText: `${p.latest} ${p.latestBand}` }));
  return (
    <ChartFrame
      title={SDQ_TITLE}
      table={has ? chart.table : null}
      summary={has ? tableSummary(SDQ_TITLE, chart.table) : ''}
      empty="No pupils with two teacher SDQs yet."
      height={Math.max(140, 70 + chart.pupils.length * 48)}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 130, bottom: 8, left: 8 }} barGap={2}>
          <Hatch id={hatchId} />
          <CartesianGrid strokeDasharray="3 3" stroke="#d0d0d0" horizontal={false} />
          <XAxis type="number" domain={[...chart.domain]} ticks={[0, 10, 20, 30, 40]} {...AXIS} />
          <YAxis type="category" dataKey="name" width={160} {...AXIS} />
          <Tooltip />
          <Legend />
          <Bar dataKey="baseline" name="Baseline" fill={`url(#${hatchId})`} stroke="#3d3d3d" isAnimationActive={false}>
            <LabelList dataKey="baselineText" position="right" fill="#1b1b1b" fontSize={12} />
          </Bar>
          <Bar dataKey="latest" name="Latest" fill="#1c3f7a" stroke="#1c3f7a" isAnimationActive={false}>
            <LabelList dataKey="latestText" position="right" fill="#1b1b1b" fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/**
 * What a year's plans achieved at a base, or at every base: outcomes improved and achieved, pupils
 * who moved to a lower SDQ band, the average change in SDQ total, pupil by pupil and in a chart.
 */
export function CohortPanel() {
  const thisYear = academicYearOf(useToday());
  const [year, setYear] = useState(thisYear);
  const [baseId, setBaseId] = useState<string | null>(null);
  const bases = useBases();
  const cohort = useCohort(year, baseId);
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i).map((y) => ({ value: String(y), label: academicYearLabel(y) }));
  const where = baseId ? (bases.data?.find((b) => b.id === baseId)?.name ?? 'this base') : 'any base';
  return (
    <Paper withBorder p="md" component="section" aria-label="Progress across the year">
      <Stack>
        <Group justify="space-between" align="end">
          <Title order={2} size="h3">
            Progress across the year
          </Title>
          <Group align="end">
            <Select label="Academic year" data={years} value={String(year)} onChange={(v) => v && setYear(Number(v))} allowDeselect={false} w={140} />
            <Select
              label="Base"
              data={[{ value: ALL, label: 'All bases' }, ...(bases.data ?? []).map((b) => ({ value: b.id, label: b.name }))]}
              value={baseId ?? ALL}
              onChange={(v) => setBaseId(!v || v === ALL ? null : v)}
              allowDeselect={false}
              w={200}
            />
          </Group>
        </Group>
        {cohort.isPending ? (
          <Skeleton h={160} aria-label="Loading the year's figures" />
        ) : cohort.isError ? (
          <Alert color="red" title="The year's figures could not be loaded">
            {cohort.error.message}
          </Alert>
        ) : cohort.data.totals.pupils === 0 ? (
          <Text c="dimmed">
            No plans at {where} in {academicYearLabel(year)} yet.
          </Text>
        ) : (
          <>
            <Totals figures={cohort.data} />
            <Text size="sm" c="dimmed">
              SDQ figures compare each pupil&apos;s first and latest teacher SDQ; a negative change means fewer difficulties.
            </Text>
            <Box>
              <ChartNumbersTable table={cohortTable(cohort.data)} />
            </Box>
            <SdqTotals figures={cohort.data} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
