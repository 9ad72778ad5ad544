import { Alert, Badge, Card, Progress, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { Base } from '../../../shared/domain/bases';
import { formatUkDate } from '../../../shared/domain/dates';
import { BaseHeading } from '../../components/BaseHeading';
import { count } from '../../lib/format';
import { useBases, useDeviceSettings } from '../../lib/queries';
import { useToday, weekdayOf } from '../../lib/today';

function BaseCard({ base, isThisPc }: { base: Base; isThisPc: boolean }) {
  const free = Math.max(base.places - base.placed, 0);
  const full = base.placed >= base.places;
  return (
    <Card withBorder padding="lg" component="section" aria-label={base.name}>
      <BaseHeading
        base={base}
        badges={
          isThisPc && (
            <Badge variant="outline" color="gray">
              This PC
            </Badge>
          )
        }
      />
      <Text mt="md" size="xl" fw={600}>
        {base.placed} of {count(base.places, 'place')} filled
      </Text>
      <Progress
        mt="xs"
        value={base.places ? (100 * base.placed) / base.places : 0}
        color={full ? 'orange' : 'teal'}
        aria-label={`${base.name}: ${base.placed} of ${base.places} places filled`}
      />
      <Text mt="xs" size="sm" c={full ? 'var(--mantine-color-orange-light-color)' : 'dimmed'}>
        {full ? 'Full today' : `${count(free, 'place')} free today`}
      </Text>
    </Card>
  );
}

export function TodayPage() {
  const bases = useBases();
  const settings = useDeviceSettings();
  const today = useToday();
  const defaultBaseId = settings.data?.defaultBaseId ?? null;
  // This PC's base first, so a teacher sees their own base without looking for it.
  const ordered = [...(bases.data ?? [])].sort((a, b) => Number(b.id === defaultBaseId) - Number(a.id === defaultBaseId));
  return (
    <Stack>
      <div>
        <Title order={2}>Today</Title>
        <Text c="dimmed">
          {weekdayOf(today)} {formatUkDate(today)}
        </Text>
      </div>
      {bases.isError && (
        <Alert color="red" title="The bases could not be loaded">
          {bases.error.message}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {bases.isPending
          ? [0, 1].map((i) => <Skeleton key={i} h={170} />)
          : ordered.map((base) => <BaseCard key={base.id} base={base} isThisPc={base.id === defaultBaseId} />)}
      </SimpleGrid>
    </Stack>
  );
}
