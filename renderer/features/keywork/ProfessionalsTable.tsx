import { Anchor, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { PROFESSIONAL_ROLE_LABELS, type Professional } from '../../../shared/domain/keywork';
import { ColumnHeadings } from '../../components/ListParts';

/** Professionals with how to reach them; `action` adds a last column (edit, unlink). */
export function ProfessionalsTable({ professionals, caption, action, showPupils }: { professionals: Professional[]; caption: string; action?: (p: Professional) => ReactNode; showPupils?: boolean }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <ColumnHeadings columns={['Name', 'Role', 'Organisation', 'Phone', 'Email', showPupils && 'Pupils', action && { hidden: 'Actions' }]} />
        <Table.Tbody>
          {professionals.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{PROFESSIONAL_ROLE_LABELS[p.role]}</Table.Td>
              <Table.Td>{p.organisation ?? '—'}</Table.Td>
              <Table.Td>{p.phone ?? '—'}</Table.Td>
              <Table.Td>{p.email ? <Anchor href={`mailto:${p.email}`}>{p.email}</Anchor> : '—'}</Table.Td>
              {showPupils && <Table.Td>{p.pupilCount}</Table.Td>}
              {action && <Table.Td>{action(p)}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
