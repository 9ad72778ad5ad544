import { Alert, Button, Card, Code, Container, Divider, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { ApiError, unwrap } from '../../../shared/api/result';
import type { AppStatus } from '../../../shared/api/status';
import { api } from '../../lib/api';
import { useSetupAction } from '../../lib/queries';
import { FolderField } from './FolderField';

const fieldError = (error: unknown, field: string) =>
  error instanceof ApiError && error.field === field ? error.message : undefined;
const generalError = (error: unknown) =>
  error instanceof Error && !(error instanceof ApiError && error.field) ? error.message : undefined;

function NewDataFile({ status, folder }: { status: AppStatus; folder?: string }) {
  const [name, setName] = useState('The Key');
  const create = useSetupAction(async (input: { demo: boolean }) =>
    unwrap(
      await api.setup.createDatabase({
        demo: input.demo,
        ...(input.demo ? {} : { provisionName: name }),
        ...(folder ? { folder } : {}),
      }),
    ),
  );
  const busy = create.isPending;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder padding="lg">
          <Title order={2} size="h3">
            Explore with demo data
          </Title>
          <Text c="dimmed" size="sm" mt={4} mb="md">
            A practice provision with made-up pupils at both bases, clearly marked as demo data. Nothing real goes in
            it.
          </Text>
          <Button mt="auto" variant="light" loading={busy && create.variables?.demo} disabled={busy} onClick={() => create.mutate({ demo: true })}>
            Explore with demo data
          </Button>
        </Card>
        <Card withBorder padding="lg">
          <Title order={2} size="h3">
            Set up my provision
          </Title>
          <Text c="dimmed" size="sm" mt={4}>
            Start with Parkgate and Frederick Bird and no pupils. You can rename the bases and change their places in
            Settings.
          </Text>
          <TextInput
            my="md"
            label="Name of your provision"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldError(create.error, 'provisionName')}
          />
          <Button mt="auto" loading={busy && !create.variables?.demo} disabled={busy} onClick={() => create.mutate({ demo: false })}>
            Set up my provision
          </Button>
        </Card>
      </SimpleGrid>
      {(fieldError(create.error, 'folder') ?? generalError(create.error)) && (
        <Alert color="red" title="The data file was not created">
          {fieldError(create.error, 'folder') ?? generalError(create.error)}
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

function OtherFolder({ status }: { status: AppStatus }) {
  const [folder, setFolder] = useState('');
  const open = useSetupAction(async (path: string) => unwrap(await api.setup.openFolder({ folder: path })));
  return (
    <Stack gap="xs">
      <FolderField
        label="Open the data in another folder"
        value={folder}
        onChange={setFolder}
        canChoose={status.canChooseFolder}
        error={fieldError(open.error, 'folder') ?? generalError(open.error)}
      />
      <Button variant="default" w="fit-content" disabled={!folder.trim()} loading={open.isPending} onClick={() => open.mutate(folder)}>
        Open this folder
      </Button>
    </Stack>
  );
}

function Refused({ status }: { status: AppStatus }) {
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
      {folder.trim() && <NewDataFile status={status} folder={folder.trim()} />}
    </Stack>
  );
}

/** First run, and what staff see when the data file cannot be opened. */
export function SetupPage({ status }: { status: AppStatus }) {
  return (
    <Container size="md" py="xl" component="main">
      <Stack>
        <div>
          <Title order={1}>{status.state === 'failed' ? 'Key Desk could not open its data' : 'Welcome to Key Desk'}</Title>
          <Text c="dimmed">Registers, placements and My Support Plans for the Key, kept on this PC.</Text>
        </div>
        {status.state === 'failed' ? (
          <Refused status={status} />
        ) : (
          <>
            <NewDataFile status={status} />
            <Divider label="already have Key Desk data?" labelPosition="left" />
            <OtherFolder status={status} />
          </>
        )}
      </Stack>
    </Container>
  );
}
