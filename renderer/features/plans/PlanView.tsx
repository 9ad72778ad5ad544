import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { formatUkDate } from '../../../shared/domain/dates';
import {
  ABOUT_ME_FIELDS,
  ABOUT_ME_LABELS,
  NEED_AREA_LABELS,
  NEED_AREAS,
  VIEW_FIELDS,
  VIEW_LABELS,
  type PlanContent,
  type PlanOutcome,
} from '../../../shared/domain/plans';
import { ColumnHeadings } from '../../components/ListParts';

/** A labelled piece of free text; "Not written yet" when empty, so gaps are visible. */
function Field({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {text.trim() ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {text}
        </Text>
      ) : (
        <Text size="sm" c="dimmed" fs="italic">
          Not written yet
        </Text>
      )}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={4} id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function OutcomeCard({ outcome, index, achievedOn }: { outcome: PlanOutcome; index: number; achievedOn: string | undefined }) {
  const id = `outcome-${outcome.id}`;
  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={id}>
      <Group gap="xs" mb={4}>
        <Title order={5} id={id}>
          Outcome {index + 1}: {outcome.what}
        </Title>
        {achievedOn && (
          <Badge color="keyTeal" c="keyTeal.9" variant="light" tt="none">
            Achieved {formatUkDate(achievedOn)}
          </Badge>
        )}
        {outcome.carriedFrom && (
          <Badge color="gray" c="gray.9" variant="outline" tt="none">
            Carried over from the previous plan
          </Badge>
        )}
      </Group>
      <Text size="sm">
        <Text span size="sm" c="dimmed">
          Area of need{' '}
        </Text>
        {NEED_AREA_LABELS[outcome.area]}
        <Text span size="sm" c="dimmed">
          {' '}· Target date{' '}
        </Text>
        {formatUkDate(outcome.targetDate)}
      </Text>
      <Text size="sm" mt={4}>
        <Text span size="sm" c="dimmed">
          Success criteria:{' '}
        </Text>
        {outcome.successCriteria}
      </Text>
      {outcome.provision.length === 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          No provision written for this outcome yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560} mt="xs">
          <Table withTableBorder aria-label={`Provision for outcome ${index + 1}`}>
            <ColumnHeadings columns={['Provision', 'Who', 'How often', 'Where', 'From']} />
            <Table.Tbody>
              {outcome.provision.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.what}</Table.Td>
                  <Table.Td>{p.who}</Table.Td>
                  <Table.Td>{p.howOften}</Table.Td>
                  <Table.Td>{p.where}</Table.Td>
                  <Table.Td>{p.fromDate ? formatUkDate(p.fromDate) : 'The start'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

/** A version of a plan as it reads: about me, views, needs (SEMH first), then the outcomes and their provision. */
export function PlanView({ content, achieved = {}, idPrefix }: { content: PlanContent; achieved?: Record<string, string>; idPrefix: string }) {
  return (
    <Stack gap="md">
      <Section id={`${idPrefix}-about`} title="About me">
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {ABOUT_ME_FIELDS.map((f) => (
            <Field key={f} label={ABOUT_ME_LABELS[f]} text={content.aboutMe[f]} />
          ))}
        </SimpleGrid>
      </Section>
      <Section id={`${idPrefix}-views`} title="Views">
        <Stack gap="sm">
          {VIEW_FIELDS.map((f) => (
            <Field key={f} label={VIEW_LABELS[f]} text={content.views[f]} />
          ))}
        </Stack>
      </Section>
      <Section id={`${idPrefix}-needs`} title="Needs">
        <Stack gap="sm">
          {NEED_AREAS.map((a) => (
            <Field key={a} label={NEED_AREA_LABELS[a]} text={content.needs[a]} />
          ))}
        </Stack>
      </Section>
      <Section id={`${idPrefix}-outcomes`} title={`Outcomes (${content.outcomes.length})`}>
        {content.outcomes.length === 0 ? (
          <Text size="sm" c="dimmed">
            No outcomes yet. Edit the draft to add them, each with its success criteria and provision.
          </Text>
        ) : (
          <Stack gap="sm">
            {content.outcomes.map((o, i) => (
              <OutcomeCard key={o.id} outcome={o} index={i} achievedOn={achieved[o.id]} />
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}
