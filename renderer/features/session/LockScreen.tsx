import { Button, Container, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import { unwrap } from '../../../shared/api/result';
import type { AppStatus } from '../../../shared/api/status';
import { api } from '../../lib/api';
import { fieldError, formError } from '../../lib/errors';
import { useSetupAction } from '../../lib/queries';

/** After inactivity (or Lock): only the same person's password carries on; anyone else switches user. */
export function LockScreen({ status }: { status: AppStatus }) {
  const [password, setPassword] = useState('');
  const unlock = useSetupAction(async (value: string) => unwrap(await api.session.unlock({ password: value })));
  const signOut = useSetupAction(async () => unwrap(await api.session.signOut()));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    unlock.mutate(password);
  };
  return (
    <Container size="xs" py="xl" component="main">
      <Paper withBorder p="lg">
        <Stack component="form" onSubmit={submit}>
          <Group gap="xs">
            <IconLock aria-hidden />
            <Title order={1} size="h2">
              Key Desk is locked
            </Title>
          </Group>
          <Text>
            {status.user?.name} is signed in. Enter your password to carry on, or switch user if you are someone else.
          </Text>
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            autoFocus
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fieldError(unlock.error, 'password') ?? formError(unlock.error, ['password'])}
          />
          <Group justify="space-between">
            <Button variant="default" onClick={() => signOut.mutate(undefined)} loading={signOut.isPending}>
              Switch user
            </Button>
            <Button type="submit" loading={unlock.isPending}>
              Unlock
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Container>
  );
}
