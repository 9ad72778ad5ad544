import { Badge, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Base } from '../../shared/domain/bases';

/** The top of a base's card: its name and host school, with its key stages (after any other badges) on the right. */
export function BaseHeading({ base, id, badges }: { base: Base; id?: string; badges?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Title order={3} id={id}>
          {base.name}
        </Title>
        <Text size="sm" c="dimmed">
          {base.hostSchool}
        </Text>
      </div>
      <Group gap={6}>
        {badges}
        {base.keyStages.map((stage) => (
          <Badge key={stage} variant="light">
            {stage}
          </Badge>
        ))}
      </Group>
    </Group>
  );
}
