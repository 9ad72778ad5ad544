import { Button, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { describeAuditAction, type AuditEntry } from '../../../shared/domain/audit';
import { auditDetailText, type AuditNames } from '../../../shared/domain/audit-words';
import { formatUkDateTime } from '../../../shared/domain/dates';
import { AuditChanges } from './AuditChanges';
import { ColumnHeadings } from '../../components/ListParts';

function EntryRow({ entry, names }: { entry: AuditEntry; names: AuditNames }) {
  const [open, setOpen] = useState(false);
  const what = describeAuditAction(entry);
  const when = formatUkDateTime(entry.at);
  const hasValues = !!entry.before || !!entry.after;
  const detailsId = `audit-entry-${entry.seq}`;
  const detail = auditDetailText(entry.detail, names);
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <time dateTime={entry.at}>{when}</time>
        </Table.Td>
        <Table.Td>{entry.staffName}</Table.Td>
        <Table.Td>
          {what}
          {detail && (
            <Text size="xs" c="dimmed">
              {detail}
            </Text>
          )}
        </Table.Td>
        <Table.Td style={{ wordBreak: 'break-word' }}>{entry.recordName}</Table.Td>
        <Table.Td>
          {hasValues && (
            <Button
              size="compact-sm"
              variant="subtle"
              aria-expanded={open}
              aria-controls={open ? detailsId : undefined}
              aria-label={`Details of ${what}, ${when}`}
              leftSection={open ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
              onClick={() => setOpen((o) => !o)}
            >
              Details
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={5} bg="var(--mantine-color-gray-0)">
            <AuditChanges entry={entry} names={names} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** One page of the trail, newest first; each change opens to show its values before and after. */
export function AuditTable({ entries, names, busy }: { entries: AuditEntry[]; names: AuditNames; busy: boolean }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs" aria-busy={busy} style={{ opacity: busy ? 0.6 : 1 }}>
        <Table.Caption>Audit trail entries, newest first</Table.Caption>
        <ColumnHeadings columns={['When', 'Who', 'What', 'Record', 'Details']} />
        <Table.Tbody>
          {entries.map((entry) => (
            <EntryRow key={entry.seq} entry={entry} names={names} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
