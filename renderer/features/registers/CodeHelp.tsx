import { Modal, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ATTENDANCE_CODES, CATEGORY_WORDS } from '../../../shared/domain/attendance';
import { ColumnHeadings } from '../../components/ListParts';

/** Every DfE code with its meaning and what it counts as, searchable by code or words. */
export function CodeHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [search, setSearch] = useState('');
  const words = search.trim().toLowerCase();
  const shown = ATTENDANCE_CODES.filter(
    (c) => !words || c.code.toLowerCase() === words || c.meaning.toLowerCase().includes(words) || CATEGORY_WORDS[c.category].toLowerCase().includes(words),
  );
  return (
    <Modal opened={opened} onClose={onClose} title="Attendance codes" size="lg">
      <TextInput label="Search the codes" placeholder="e.g. ill, late, trip" value={search} onChange={(e) => setSearch(e.currentTarget.value)} data-autofocus />
      <Table mt="sm" striped aria-label="Attendance codes">
        <ColumnHeadings columns={['Code', 'Meaning', 'Counts as']} />
        <Table.Tbody>
          {shown.map((c) => (
            <Table.Tr key={c.code}>
              <Table.Td fw={700}>{c.code}</Table.Td>
              <Table.Td>{c.meaning}</Table.Td>
              <Table.Td>{CATEGORY_WORDS[c.category]}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
