import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Code, Container, Divider, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { unwrap } from '../../../shared/api/result';
import type { AppStatus } from '../../../shared/api/status';
import { staffNameSchema, usernameSchema } from '../../../shared/domain/staff';
import { api } from '../../lib/api';
import { fieldError, formError } from '../../lib/errors';
import { useSetupAction } from '../../lib/queries';
import { newPasswordPair, newPasswordShape } from '../session/newPassword';
import { NewPasswordFields } from '../session/NewPasswordFields';
import { RecoveryKeyPanel } from '../session/RecoveryKeyPanel';
import { FolderField } from './FolderField';

const accountSchema = z
  .object({
    provisionName: z.string().trim().min(1, 'Enter the name of your provision.').max(80, 'At most 80 characters.'),
    name: staffNameSchema,
    username: usernameSchema,
    ...newPasswordShape,
  })
  .superRefine(newPasswordPair());
type AccountValues = z.input<typeof accountSchema>;
const ACCOUNT_FIELDS = ['provisionName', 'manager.name', 'manager.username', 'manager.password', 'folder'] as const;

/**
 * Creating a data file signs you in. Demo data opens at once; a real provision first shows its
 * recovery key, so the status (which would switch to the app) is refreshed only after that.
 */
function useCreateDatabase(folder: string | undefined, onRecoveryKey: (key: string) => void) {
  const client = useQueryClient();
  return useMutation({
    onSuccess: (created, input) => {
      if (input.demo) void client.invalidateQueries();
      else onRecoveryKey(created.recoveryKey);
    },
    mutationFn: async (input: { demo: boolean; account?: AccountValues }) =>
      unwrap(
        await api.setup.createDatabase({
          demo: input.demo,
          ...(input.account
            ? {
                provisionName: input.account.provisionName,
                manager: { name: input.account.name, username: input.account.username, password: input.account.password },
              }
            : {}),
          ...(folder ? { folder } : {}),
        }),
      ),
  });
}

function ProvisionForm({ create }: { create: ReturnType<typeof useCreateDatabase> }) {
  const form = useForm<AccountValues>({
    resolver: zodResolver(accountSchema),
    defaultValues: { provisionName: 'The Key', name: '', username: '', password: '', confirm: '' },
  });
  const { errors } = form.formState;
  const server = (field: string) => fieldError(create.error, field);
  return (
    <Stack component="form" gap="sm" onSubmit={form.handleSubmit((account) => create.mutate({ demo: false, account }))}>
      <TextInput label="Name of your provision" {...form.register('provisionName')} error={errors.provisionName?.message ?? server('provisionName')} />
      <Text size="sm" c="dimmed">
        You will be the first member of staff, a manager and administrator. You can add everyone else afterwards.
      </Text>
      <TextInput label="Your name" autoComplete="name" {...form.register('name')} error={errors.name?.message ?? server('manager.name')} />
      <TextInput label="Username" autoComplete="username" {...form.register('username')} error={errors.username?.message ?? server('manager.username')} />
      <NewPasswordFields form={form} serverError={server('manager.password')} />
      <Button type="submit" loading={create.isPending && !create.variables?.demo} disabled={create.isPending}>
        Set up my provision
      </Button>
    </Stack>
  );
}

function NewDataFile({ status, folder, onRecoveryKey }: { status: AppStatus; folder?: string; onRecoveryKey: (key: string) => void }) {
  const create = useCreateDatabase(folder, onRecoveryKey);
  const problem = fieldError(create.error, 'folder') ?? formError(create.error, ACCOUNT_FIELDS);
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder padding="lg" style={{ alignSelf: 'start' }}>
          <Title order={2} size="h3">
            Explore with demo data
          </Title>
          <Text c="dimmed" size="sm" mt={4} mb="md">
            A practice provision with made-up pupils and staff at both bases, clearly marked as demo data. Nothing real goes in
            it.
          </Text>
          <Button variant="light" loading={create.isPending && create.variables?.demo} disabled={create.isPending} onClick={() => create.mutate({ demo: true })}>
            Explore with demo data
          </Button>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h3">
            Set up my provision
          </Title>
          <Text c="dimmed" size="sm" mt={4} mb="md">
            Start with Parkgate and Frederick Bird and no pupils. Everything is encrypted on this PC.
          </Text>
          <ProvisionForm create={create} />
        </Card>
      </SimpleGrid>
      {problem && (
        <Alert color="red" title="The data file was not created">
          {problem}
        </Alert>
      )}
      {status.dataFolder && !folder && (
        <Text size="sm" c="dimmed">
          The data file will be kept in <Code>{status.dataFolder}</Code>
        </Text>
      )}
    </Stack>
  );
}

/** Open the data in another folder: from set-up, a refused file, or the sign-in screen. */
export function OtherFolder({ status, label = 'Open the data in another folder' }: { status: AppStatus; label?: string }) {
  const [folder, setFolder] = useState('');
  const open = useSetupAction(async (path: string) => unwrap(await api.setup.openFolder({ folder: path })));
  return (
    <Stack gap="xs">
      <FolderField
        label={label}
        value={folder}
        onChange={setFolder}
        canChoose={status.canChooseFolder}
        error={fieldError(open.error, 'folder') ?? formError(open.error, ['folder'])}
      />
      <Button variant="default" w="fit-content" disabled={!folder.trim()} loading={open.isPending} onClick={() => open.mutate(folder)}>
        Open this folder
      </Button>
    </Stack>
  );
}

function Refused({ status, onRecoveryKey }: { status: AppStatus; onRecoveryKey: (key: string) => void }) {
  const [folder, setFolder] = useState('');
  const problem = status.problem;
  return (
    <Stack>
      <Alert color="red" title="The data file could not be opened">
        <Text>{problem?.message}</Text>
        {problem && (
          <Text size="sm" mt="xs">
            File: <Code>{problem.path}</Code>
          </Text>
        )}
      </Alert>
      <OtherFolder status={status} />
      <Divider label="or start a new data file somewhere else" labelPosition="left" />
      <FolderField label="Folder for the new data file" value={folder} onChange={setFolder} canChoose={status.canChooseFolder} />
      {folder.trim() && <NewDataFile status={status} folder={folder.trim()} onRecoveryKey={onRecoveryKey} />}
    </Stack>
  );
}

/** First run, and what staff see when the data file cannot be opened. */
export function SetupPage({ status }: { status: AppStatus }) {
  const client = useQueryClient();
  // Once a real provision is created, its recovery key is all this page shows until it has been kept.
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  if (recoveryKey) {
    return (
      <Container size="md" py="xl" component="main">
        <Title order={1} mb="md">
          Key Desk is set up
        </Title>
        <RecoveryKeyPanel recoveryKey={recoveryKey} onDone={() => void client.invalidateQueries()} doneLabel="Open Key Desk" />
      </Container>
    );
  }
  return (
    <Container size="md" py="xl" component="main">
      <Stack>
        <div>
          <Title order={1}>{status.state === 'failed' ? 'Key Desk could not open its data' : 'Welcome to Key Desk'}</Title>
          <Text c="dimmed">Registers, placements and My Support Plans for the Key, kept on this PC.</Text>
        </div>
        {status.state === 'failed' ? (
          <Refused status={status} onRecoveryKey={setRecoveryKey} />
        ) : (
          <>
            <NewDataFile status={status} onRecoveryKey={setRecoveryKey} />
            <Divider label="already have Key Desk data?" labelPosition="left" />
            <OtherFolder status={status} />
          </>
        )}
      </Stack>
    </Container>
  );
}
