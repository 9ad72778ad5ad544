import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A screen's title and a line about it, with its main buttons (if any) on the right. */
export function PageHeader({ title, description, children }: { title: string; description: ReactNode; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end">
      <div>
        <Title order={2}>{title}</Title>
        <Text c="dimmed">{description}</Text>
      </div>
      {children}
    </Group>
  );
}
