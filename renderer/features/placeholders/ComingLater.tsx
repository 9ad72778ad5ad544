import { Paper, Stack, Text, Title } from '@mantine/core';

/** An honest empty state for an area that a later version of Key Desk fills in. */
export function ComingLater({ area, what }: { area: string; what: string }) {
  return (
    <Stack maw={640}>
      <Title order={2}>{area}</Title>
      <Paper withBorder p="lg">
        <Text fw={500}>Not in this version yet.</Text>
        <Text c="dimmed" mt={4}>
          {what}
        </Text>
      </Paper>
    </Stack>
  );
}
