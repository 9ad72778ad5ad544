import { Card, Group, List, Skeleton, Stack, Text, Title } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { useMyBases } from '../../lib/queries';
import { FireListButton } from './FireListButton';
import { ImpactReportCard } from './ImpactReportCard';

/** The reports Key Desk prints today, and those still to come, said plainly. */
export function ReportsPage() {
  const { bases, myBases } = useMyBases(null);
  return (
    <Stack maw={800}>
      <PageHeader title="Reports" description="PDFs made from the data, to look at, save or print." />
      <Card withBorder padding="lg" component="section" aria-labelledby="fire-lists">
        <Title order={3} size="h4" id="fire-lists">
          Fire lists
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Who is on site at a base now: pupils marked present in this session&apos;s register, those expected but not yet marked, and
          staff. One A4 page, for the roll call at the assembly point.
        </Text>
        {bases.isPending ? (
          <Skeleton h={36} />
        ) : (
          <Group>
            {myBases.map((base) => (
              <FireListButton key={base.id} baseId={base.id} baseName={base.name}>
                Fire list: {base.name}
              </FireListButton>
            ))}
          </Group>
        )}
      </Card>
      <ImpactReportCard />
      <Card withBorder padding="lg" component="section" aria-labelledby="coming-next">
        <Title order={3} size="h4" id="coming-next">
          Coming next
        </Title>
        <Text size="sm" c="dimmed">
          Not in this version yet (a pupil&apos;s passport is on their Plan tab):
        </Text>
        <List size="sm" mt={4}>
          <List.Item>Reintegration report: the end-of-placement report for the home school, the family and the advisers.</List.Item>
        </List>
      </Card>
    </Stack>
  );
}
