import { Table } from '@mantine/core';
import type { ChartTable } from '../../shared/domain/attendance-charts';
import { ColumnHeadings, ScrollingTable } from './ListParts';

/**
 * A chart's numbers as a table (its "Show as table" view): named by its caption, a header cell for
 * each column and for each row. A wide one scrolls sideways in a focusable region.
 */
export function ChartNumbersTable({ table }: { table: ChartTable }) {
  return (
    <ScrollingTable label={table.caption}>
      <ColumnHeadings columns={table.columns} />
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
    </ScrollingTable>
  );
}
