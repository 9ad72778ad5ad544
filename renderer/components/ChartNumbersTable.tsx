import { Box, Table } from '@mantine/core';
import type { ChartTable } from '../../shared/domain/attendance-charts';

/**
 * A chart's numbers as a table (its "Show as table" view): named by its caption, a header cell for
 * each column and for each row. A wide one scrolls sideways in a focusable region, so the keyboard
 * can scroll it too.
 */
export function ChartNumbersTable({ table }: { table: ChartTable }) {
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={`${table.caption} (scrolls sideways)`}>
      <Table striped withTableBorder aria-label={table.caption}>
        <Table.Thead>
          <Table.Tr>
            {table.columns.map((c) => (
              <Table.Th key={c} scope="col">
                {c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row, r) => (
            <Table.Tr key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <Table.Th key={i} scope="row" fw={500}>
                    {cell}
                  </Table.Th>
                ) : (
                  <Table.Td key={i}>{cell}</Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
