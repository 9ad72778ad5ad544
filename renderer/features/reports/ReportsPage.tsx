import { Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { useMyBases } from '../../lib/queries';
import { BatchExport } from './BatchExport';
import { FireListButton } from './FireListButton';
import { ImpactReportCard } from './ImpactReportCard';
import { ReintegrationPicker } from './ReintegrationPicker';

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
      <Card withBorder padding="lg" component="section" aria-labelledby="reintegration-reports">
        <Title order={3} size="h4" id="reintegration-reports">
          Reintegration reports
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          The end-of-placement report for the home school, the family and the advisers: needs, what has helped, attendance, plan outcomes, SEMH
          measures, recommendations, the phased return and follow-up visits. Placements ending or ended in the last six weeks are listed; any other
          placement&apos;s report is on the pupil&apos;s Placement tab.
        </Text>
        <ReintegrationPicker />
      </Card>
      <ImpactReportCard />
      <BatchExport />
      <Card withBorder padding="lg" component="section" aria-labelledby="passports">
        <Title order={3} size="h4" id="passports">
          Pupil passports
        </Title>
        <Text size="sm" c="dimmed">
          One page for the home school&apos;s staff from the pupil&apos;s My Support Plan: print it from the Pupil passport button on their Plan
          tab.
        </Text>
      </Card>
    </Stack>
  );
}
