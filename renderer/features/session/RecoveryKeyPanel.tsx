import { Alert, Button, Checkbox, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

/**
 * Shows a recovery key once, to print or write down. Without it (and with every password forgotten)
 * the data cannot be opened by anyone, which is the point.
 */
export function RecoveryKeyPanel({
  recoveryKey,
  onDone,
  doneLabel = 'Continue',
  later = 'You can make a new one later in Settings.',
}: {
  recoveryKey: string;
  onDone: () => void;
  doneLabel?: string;
  /** What to say about replacing it. */
  later?: string;
}) {
  const [kept, setKept] = useState(false);
  return (
    <Paper withBorder p="lg" className="recovery-key">
      <Stack>
        <Title order={2} size="h3">
          Your recovery key
        </Title>
        <Text>
          Key Desk's data is encrypted. If everyone forgets their password, this key is the only way to open it. Print it or
          write it down, and keep it locked away from the PC: anyone with the key and the data file can read the data.
        </Text>
        <Code block fz="xl" ta="center" aria-label="Recovery key" style={{ letterSpacing: '0.08em' }}>
          {recoveryKey}
        </Code>
        <Alert color="orange" variant="light">
          Key Desk will not show this key again. {later}
        </Alert>
        <Group justify="space-between">
          <Button variant="default" onClick={() => window.print()}>
            Print
          </Button>
          <Group>
            <Checkbox
              label="I have printed or written down the recovery key and put it somewhere safe"
              checked={kept}
              onChange={(event) => setKept(event.currentTarget.checked)}
            />
            <Button disabled={!kept} onClick={onDone}>
              {doneLabel}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
