import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Code, Container, Divider, Paper, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { ApiError, unwrap } from '../../../shared/api/result';
import type { AppStatus } from '../../../shared/api/status';
import { FormAlert } from '../../components/FormAlert';
import { api } from '../../lib/api';
import { fieldError, formError } from '../../lib/errors';
import { keys, useSetupAction } from '../../lib/queries';
import { OtherFolder } from '../setup/SetupPage';
import { newPasswordPair, newPasswordShape } from './newPassword';
import { NewPasswordFields } from './NewPasswordFields';

function DemoAccounts({ status, onPick }: { status: AppStatus; onPick: (username: string, password: string) => void }) {
  const accounts = status.demoAccounts;
  if (!accounts?.length) return null;
  const passwords = new Set(accounts.map((a) => a.password));
  return (
    <Alert color="orange" variant="light" title="Demo data: every person here is made up">
      <Text size="sm" mb="xs">
        Sign in as any of these to see what each role can do
        {passwords.size === 1 ? (
          <>
            . The password is <Code>{accounts[0]?.password}</Code>
          </>
        ) : null}
        .
      </Text>
      <Table withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          {accounts.map((account) => (
            <Table.Tr key={account.username}>
              <Table.Td w="45%">
                <Anchor component="button" type="button" onClick={() => onPick(account.username, account.password)}>
                  {account.username}
                </Anchor>
              </Table.Td>
              <Table.Td>{account.description}</Table.Td>
              {passwords.size > 1 && (
                <Table.Td>
                  <Code>{account.password}</Code>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}

function SignInForm({ status }: { status: AppStatus }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSetupAction(async (input: { username: string; password: string; readOnly: boolean }) => unwrap(await api.session.signIn(input)));
  // While another Key Desk holds the folder, signing in here can only look.
  const readOnly = Boolean(status.heldElsewhere);
  const client = useQueryClient();
  const heldNow = signIn.error instanceof ApiError && signIn.error.code === 'IN_USE';
  useEffect(() => {
    // Another Key Desk took the folder since this screen was drawn: show who, and offer read-only.
    if (heldNow) void client.invalidateQueries({ queryKey: keys.status });
  }, [heldNow, client]);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username, password, readOnly });
  };
  return (
    <Stack>
      <DemoAccounts
        status={status}
        onPick={(u, p) => {
          setUsername(u);
          setPassword(p);
        }}
      />
      <Stack component="form" gap="sm" onSubmit={submit}>
        <TextInput
          label="Username"
          autoComplete="username"
          autoFocus
          value={username}
          onChange={(event) => setUsername(event.currentTarget.value)}
          error={fieldError(signIn.error, 'username')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={fieldError(signIn.error, 'password')}
        />
        <FormAlert message={formError(signIn.error, ['username', 'password'])} />
        <Button type="submit" loading={signIn.isPending}>
          {readOnly ? 'Sign in read-only' : 'Sign in'}
        </Button>
      </Stack>
    </Stack>
  );
}

const RECOVERY_FIELDS = ['recoveryKey', 'username', 'newPassword'];

// The new password is checked here against the username typed; the core checks it again against the account.
const recoverySchema = z.object({ recoveryKey: z.string(), username: z.string(), ...newPasswordShape }).superRefine(newPasswordPair());

function RecoveryForm({ onCancel }: { onCancel: () => void }) {
  const form = useForm({
    resolver: zodResolver(recoverySchema),
    defaultValues: { recoveryKey: '', username: '', password: '', confirm: '' },
  });
  const recover = useSetupAction(async (input: { recoveryKey: string; username: string; newPassword: string }) =>
    unwrap(await api.session.recover(input)),
  );
  return (
    <Stack
      component="form"
      gap="sm"
      onSubmit={form.handleSubmit((values) => recover.mutate({ recoveryKey: values.recoveryKey, username: values.username, newPassword: values.password }))}
    >
      <Title order={2} size="h3">
        Use the recovery key
      </Title>
      <Text size="sm">
        The recovery key was shown when Key Desk was set up (8 groups of 4 letters and numbers). It opens the data and lets you
        give an account a new password.
      </Text>
      <TextInput label="Recovery key" {...form.register('recoveryKey')} error={fieldError(recover.error, 'recoveryKey')} />
      <TextInput label="Username to give a new password" {...form.register('username')} error={fieldError(recover.error, 'username')} />
      <NewPasswordFields form={form} label="New password" serverError={fieldError(recover.error, 'newPassword')} />
      <FormAlert message={formError(recover.error, RECOVERY_FIELDS)} />
      <Button type="submit" loading={recover.isPending}>
        Open with the recovery key
      </Button>
      <Button variant="subtle" onClick={onCancel}>
        Back to sign in
      </Button>
    </Stack>
  );
}

/** Another Key Desk has the folder open: this one may look (read-only), or wait for it to close. */
function HeldElsewhere({ message }: { message: string }) {
  const client = useQueryClient();
  const [checking, setChecking] = useState(false);
  const check = async () => {
    setChecking(true);
    try {
      await client.invalidateQueries({ queryKey: keys.status });
    } finally {
      setChecking(false);
    }
  };
  return (
    <Alert color="orange" variant="light" title="Key Desk is open somewhere else" role="status">
      <Text size="sm">{message}</Text>
      <Text size="sm" mt="xs">
        Only one Key Desk at a time can change the data. You can sign in read-only here to look things up, but nothing can be
        changed. To make changes here, close Key Desk there first, then check again.
      </Text>
      <Button mt="sm" size="xs" variant="default" onClick={() => void check()} loading={checking}>
        Check again
      </Button>
    </Alert>
  );
}

/** A sealed data file: nothing of it can be seen until someone signs in. */
export function SignInPage({ status }: { status: AppStatus }) {
  const [recovering, setRecovering] = useState(false);
  return (
    <Container size={520} py="xl" component="main">
      <Stack>
        <div>
          <Title order={1}>Sign in to Key Desk</Title>
          <Text c="dimmed" size="sm">
            Data in <Code>{status.dataFolder}</Code>
          </Text>
        </div>
        {status.inUseElsewhere && (
          <Alert color="yellow" variant="light" title="Someone is signed in on another browser" role="status">
            Key Desk is in use in another browser on this PC. Carry on there, or sign out there first. If that browser has been
            closed, Key Desk signs out by itself within a minute.
          </Alert>
        )}
        {status.heldElsewhere && <HeldElsewhere message={status.heldElsewhere} />}
        <Paper withBorder p="lg">
          {recovering ? <RecoveryForm onCancel={() => setRecovering(false)} /> : <SignInForm status={status} />}
        </Paper>
        {!recovering && (
          <Anchor component="button" type="button" size="sm" onClick={() => setRecovering(true)}>
            Forgotten your password? Use the recovery key
          </Anchor>
        )}
        <Divider label="wrong data?" labelPosition="left" />
        <OtherFolder status={status} />
      </Stack>
    </Container>
  );
}
