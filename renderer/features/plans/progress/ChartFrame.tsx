import { Box, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import type { ChartTable } from '../../../../shared/domain/attendance-charts';
import { ChartNumbersTable } from '../../../components/ChartNumbersTable';
import './progress-print.css';

/**
 * A titled chart with a "Show as table" switch (as on the attendance charts). The drawing is an image
 * whose accessible name carries its numbers; on paper the table is printed under it. With nothing to
 * draw, a plain sentence says so.
 */
export function ChartFrame(props: { title: string; summary: string; table: ChartTable | null; empty: string; height?: number; children: ReactNode }) {
  const { title, summary, table, empty, height = 300, children } = props;
  const [asTable, setAsTable] = useState(false);
  const headingId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} className="plan-chart">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id={headingId}>
            {title}
          </Title>
          {table && <Switch className="chart-switch" label="Show as table" checked={asTable} onChange={(e) => setAsTable(e.currentTarget.checked)} />}
        </Group>
        {!table ? (
          <Text c="dimmed">{empty}</Text>
        ) : asTable ? (
          <ChartNumbersTable table={table} />
        ) : (
          <>
            <Box role="img" aria-label={summary} h={height}>
              {children}
            </Box>
            <Box className="chart-print-table" style={{ display: 'none' }}>
              <ChartNumbersTable table={table} />
            </Box>
          </>
        )}
      </Stack>
    </Paper>
  );
}
