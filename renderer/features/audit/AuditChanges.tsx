import { Badge, Stack, Table, Text } from '@mantine/core';
import type { AuditEntry } from '../../../shared/domain/audit';
import { auditValueRows, type AuditNames } from '../../../shared/domain/audit-words';
import { ColumnHeadings } from '../../components/ListParts';

/**
 * A record's values before and after the change, side by side, in words: plain field names, names
 * for ids, dd/mm/yyyy dates. Where there is both a before and an after, the fields that changed are
 * marked (in words as well as colour).
 */
export function AuditChanges({ entry, names }: { entry: AuditEntry; names: AuditNames }) {
  const { before, after } = entry;
  const rows = auditValueRows(entry, names);
  const both = !!before && !!after;
  const changes = rows.filter((row) => row.changed).length;

  return (
    <Stack gap="xs">
      {rows.length > 0 && (
        <>
          {both && (
            <Text size="sm" c="dimmed">
              {changes === 0 ? 'No values changed.' : `${changes === 1 ? '1 value' : `${changes} values`} changed, marked below.`}
            </Text>
          )}
          <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={4}>
            <Table.Caption>
              {both ? 'Values before and after the change' : before ? 'Values when it was removed' : 'Values when it was added'}
            </Table.Caption>
            <ColumnHeadings columns={['Field', before && 'Before', after && 'After']} />
            <Table.Tbody>
              {rows.map((row) => {
                const isChanged = row.changed;
                return (
                  <Table.Tr key={row.field} bg={isChanged ? 'var(--mantine-color-yellow-light)' : undefined} data-changed={isChanged || undefined}>
                    <Table.Th scope="row" fw={isChanged ? 700 : 400}>
                      {row.label}
                      {isChanged && (
                        <Badge ml={6} size="xs" color="dark" variant="outline">
                          Changed
                        </Badge>
                      )}
                    </Table.Th>
                    {before && <Table.Td style={{ wordBreak: 'break-word' }}>{row.before}</Table.Td>}
                    {after && <Table.Td style={{ wordBreak: 'break-word' }}>{row.after}</Table.Td>}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
