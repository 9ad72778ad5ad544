import { List, Table } from '@mantine/core';
import { formatUkDate } from '../../../shared/domain/dates';
import { MEASURE_KIND_LABELS, MEASURE_POINT_LABELS, type Measure } from '../../../shared/domain/semh';
import { ColumnHeadings, EmptyState } from '../../components/ListParts';
import { measureLines } from './measureText';

/** A placement's SEMH measures, newest first, with totals and bands worked out from the scores. */
export function MeasuresList({ measures }: { measures: Measure[] }) {
  if (measures.length === 0) {
    return <EmptyState title="No measures recorded for this placement.">Add a baseline SDQ and Leuven at the start, then again at reviews and at exit, to show progress.</EmptyState>;
  }
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped withTableBorder aria-label="SEMH measures, newest first">
        <ColumnHeadings columns={['Completed on', 'Measure', 'When', 'Completed by', 'Scores and bands']} />
        <Table.Tbody>
          {[...measures].reverse().map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>{formatUkDate(m.takenOn)}</Table.Td>
              <Table.Td>{MEASURE_KIND_LABELS[m.kind]}</Table.Td>
              <Table.Td>{MEASURE_POINT_LABELS[m.point]}</Table.Td>
              <Table.Td>{m.completedBy ?? 'Not recorded'}</Table.Td>
              <Table.Td>
                <List size="sm" listStyleType="none" spacing={2}>
                  {measureLines(m).map((line) => (
                    <List.Item key={line}>{line}</List.Item>
                  ))}
                </List>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
