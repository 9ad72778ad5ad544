import { Badge, Stack, Table, Text } from '@mantine/core';
import type { AuditEntry } from '../../../shared/domain/audit';
import { fieldWords, valueText } from './format';

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A record's values before and after the change, side by side. Where there is both a before and an
 * after, the fields that changed are marked (in words as well as colour).
 */
export function AuditChanges({ entry }: { entry: AuditEntry }) {
  const { before, after } = entry;
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const both = !!before && !!after;
  const changed = (field: string) => both && !same(before[field], after[field]);
  const changes = fields.filter(changed).length;

  return (
    <Stack gap="xs">
      {fields.length > 0 && (
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
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Field</Table.Th>
                {before && <Table.Th scope="col">Before</Table.Th>}
                {after && <Table.Th scope="col">After</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((field) => {
                const isChanged = changed(field);
                return (
                  <Table.Tr key={field} bg={isChanged ? 'var(--mantine-color-yellow-light)' : undefined} data-changed={isChanged || undefined}>
                    <Table.Th scope="row" fw={isChanged ? 700 : 400}>
                      {fieldWords(field)}
                      {isChanged && (
                        <Badge ml={6} size="xs" color="dark" variant="outline">
                          Changed
                        </Badge>
                      )}
                    </Table.Th>
                    {before && <Table.Td style={{ wordBreak: 'break-word' }}>{valueText(before[field])}</Table.Td>}
                    {after && <Table.Td style={{ wordBreak: 'break-word' }}>{valueText(after[field])}</Table.Td>}
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
