import { Anchor, Table, Text } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router-dom';
import type { PupilSummary } from '../../../shared/domain/pupil-record';
import { yearGroupLabel } from '../../../shared/domain/pupils';
import { formatUkDate } from '../../lib/format';
import { StatusBadge } from './StatusBadge';
import { ColumnHeadings } from '../../components/ListParts';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;
// Name, year group, home school, base, status, start, end.
const COLUMN_WIDTHS = ['19%', '9%', '22%', '12%', '16%', '11%', '11%'];

const PupilRow = memo(function PupilRow({ pupil }: { pupil: PupilSummary }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        <Anchor component={Link} to={`/pupils/${pupil.id}`} fw={500}>
          {pupil.name}
        </Anchor>
        {pupil.legalName !== pupil.name && (
          <Text size="xs" c="dimmed">
            Legal name: {pupil.legalName}
          </Text>
        )}
      </Table.Th>
      <Table.Td style={NO_WRAP}>{yearGroupLabel(pupil.yearGroup)}</Table.Td>
      <Table.Td>{pupil.homeSchoolName ?? <Text span c="dimmed" size="sm">Not recorded</Text>}</Table.Td>
      <Table.Td>{pupil.baseName ?? ''}</Table.Td>
      <Table.Td>
        <StatusBadge status={pupil.status} size="sm" />
      </Table.Td>
      <Table.Td style={NO_WRAP}>{pupil.startDate ? formatUkDate(pupil.startDate) : ''}</Table.Td>
      <Table.Td style={NO_WRAP}>{pupil.endDate ? formatUkDate(pupil.endDate) : ''}</Table.Td>
    </Table.Tr>
  );
});

/** One page of the pupil list. Rows are memoised: paging or filtering re-renders only rows that change. */
export const PupilTable = memo(function PupilTable({ pupils, caption }: { pupils: readonly PupilSummary[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      {/* Fixed layout and set widths: the columns do not jump about as the rows change under the
          search box, and the browser lays the table out without measuring every cell first. */}
      <Table highlightOnHover verticalSpacing="xs" layout="fixed">
        <Table.Caption>{caption}</Table.Caption>
        <colgroup>
          {COLUMN_WIDTHS.map((width, i) => (
            <col key={i} style={{ width }} />
          ))}
        </colgroup>
        <ColumnHeadings columns={['Name', 'Year group', 'Home school', 'Base', 'Status', 'Start', 'End']} />
        <Table.Tbody>
          {pupils.map((pupil) => (
            <PupilRow key={pupil.id} pupil={pupil} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
});
