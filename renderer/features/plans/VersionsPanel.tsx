import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import { comparePlanVersions, type PlanChange } from '../../../shared/domain/plan-compare';
import type { SupportPlan } from '../../../shared/domain/plans';
import { ColumnHeadings } from '../../components/ListParts';
import { PlanView } from './PlanView';
import { VERSION_STATUS_WORDS } from './words';

const CHANGE_WORDS: Record<PlanChange['kind'], string> = { added: 'Added', removed: 'Removed', changed: 'Changed' };

function Changes({ changes, from }: { changes: PlanChange[]; from: number }) {
  if (changes.length === 0) return <Text size="sm">Nothing changed since version {from}.</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table withTableBorder striped aria-label={`What changed since version ${from}`}>
        <ColumnHeadings columns={['Section', 'Field', 'Change', 'Before', 'After']} />
        <Table.Tbody>
          {changes.map((c, i) => (
            <Table.Tr key={i}>
              <Table.Td>{c.section}</Table.Td>
              <Table.Td>{c.field}</Table.Td>
              <Table.Td>{CHANGE_WORDS[c.kind]}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{c.before ?? '—'}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{c.after ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Every version of the plan, any one viewable, with what changed since the one before it. */
export function VersionsPanel({ plan }: { plan: SupportPlan }) {
  const [chosenId, setChosenId] = useState(plan.versions.at(-1)!.id);
  const index = Math.max(0, plan.versions.findIndex((v) => v.id === chosenId));
  const chosen = plan.versions[index]!;
  const previous = index > 0 ? plan.versions[index - 1]! : null;
  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder aria-label="Versions of the plan">
          <ColumnHeadings columns={['Version', 'Status', 'Started', 'Last changed', 'Reviewed', { hidden: 'View' }]} />
          <Table.Tbody>
            {[...plan.versions].reverse().map((v) => (
              <Table.Tr key={v.id} aria-current={v.id === chosen.id ? 'true' : undefined}>
                <Table.Th scope="row">Version {v.number}</Table.Th>
                <Table.Td>{VERSION_STATUS_WORDS[v.status]}</Table.Td>
                <Table.Td>
                  {formatUkDateTime(v.createdAt)} by {v.createdByName}
                </Table.Td>
                <Table.Td>
                  {formatUkDateTime(v.updatedAt)} by {v.updatedByName}
                </Table.Td>
                <Table.Td>{v.reviewedOn ? formatUkDate(v.reviewedOn) : 'Not yet'}</Table.Td>
                <Table.Td>
                  {v.id === chosen.id ? (
                    <Badge variant="outline" color="gray" c="gray.9" tt="none">
                      Showing
                    </Badge>
                  ) : (
                    <Button size="compact-sm" variant="default" onClick={() => setChosenId(v.id)}>
                      View version {v.number}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {previous && (
        <Paper withBorder p="md" component="section" aria-labelledby="version-changes">
          <Title order={3} size="h4" id="version-changes" mb="xs">
            What changed since version {previous.number}
          </Title>
          <Changes changes={comparePlanVersions(previous.content, chosen.content)} from={previous.number} />
        </Paper>
      )}
      <section aria-labelledby="version-shown">
        <Group gap="xs" mb="xs">
          <Title order={3} size="h4" id="version-shown">
            Version {chosen.number} as written
          </Title>
          <Text size="sm" c="dimmed">
            ({VERSION_STATUS_WORDS[chosen.status].toLowerCase()})
          </Text>
        </Group>
        <PlanView content={chosen.content} achieved={plan.achieved} idPrefix={`version-${chosen.number}`} />
      </section>
    </Stack>
  );
}
