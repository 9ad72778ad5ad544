import { Alert, Button, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AppStatus } from '../../../shared/api/status';
import { formatUkDateTime } from '../../../shared/domain/dates';
import { FormAlert } from '../../components/FormAlert';
import { api } from '../../lib/api';
import { fieldError, formError } from '../../lib/errors';
import { FolderField } from '../setup/FolderField';
import { useBackUpNow, useBackups, type ChosenBackup } from './queries';
import { RestoreDialog } from './RestoreDialog';
import { formatSize, KIND_LABELS } from './words';
import { ColumnHeadings } from '../../components/ListParts';

function BackUpNow({ status }: { status: AppStatus }) {
  const [folder, setFolder] = useState('');
  const backUp = useBackUpNow();
  return (
    <Paper withBorder p="md">
      <Stack
        component="form"
        gap="sm"
        onSubmit={(event) => {
          event.preventDefault();
          backUp.mutate(folder.trim() || null);
        }}
      >
        <Title order={3} size="h4">
          Back up now
        </Title>
        <FolderField
          label="Folder to back up to"
          description="A USB stick or another drive, to keep a copy away from this PC. Leave it empty to use the backups folder beside the data."
          value={folder}
          onChange={setFolder}
          canChoose={status.canChooseFolder}
          chooseFolder={() => api.backups.chooseFolder()}
          error={fieldError(backUp.error, 'folder')}
        />
        <FormAlert message={formError(backUp.error, ['folder'])} />
        {backUp.data && (
          <Text size="sm" role="status">
            Backed up and checked: <Code>{backUp.data.backup.name}</Code> ({formatSize(backUp.data.backup.bytes)}) in <Code>{backUp.data.folder}</Code>
          </Text>
        )}
        <Group>
          <Button type="submit" loading={backUp.isPending}>
            Back up now
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function BackupList({ status }: { status: AppStatus }) {
  const [typed, setTyped] = useState('');
  const [folder, setFolder] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<ChosenBackup | null>(null);
  const list = useBackups(folder);
  const backups = list.data?.backups ?? [];
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Backups
        </Title>
        <Text size="sm">
          Key Desk backs up by itself the first time it is opened each day, and before an update changes the data file. It keeps the
          newest backup of each of the last 7 days, 4 weeks and 12 months. Backups are encrypted like the data file: they open only with a
          password or the recovery key.
        </Text>
        {list.data?.lastProblem && (
          <Alert color="red" variant="light" title="The last automatic backup failed" role="alert">
            {list.data.lastProblem}
          </Alert>
        )}
        <Stack
          component="form"
          gap="xs"
          onSubmit={(event) => {
            event.preventDefault();
            setFolder(typed.trim() || null);
          }}
        >
          <FolderField
            label="Show backups in another folder"
            description="For a backup on a USB stick. Leave it empty for the backups folder beside the data."
            value={typed}
            onChange={setTyped}
            canChoose={status.canChooseFolder}
            chooseFolder={() => api.backups.chooseFolder()}
            error={fieldError(list.error, 'folder')}
          />
          <Group>
            <Button type="submit" variant="default">
              Show backups
            </Button>
          </Group>
        </Stack>
        <Text size="sm" c="dimmed">
          Backups in <Code>{list.data?.folder ?? folder ?? 'the backups folder'}</Code>
        </Text>
        <FormAlert message={formError(list.error, ['folder'])} />
        {list.isSuccess && backups.length === 0 && (
          <Text size="sm">
            There are no backups in this folder yet.{' '}
            {list.data.automatic ? 'The first is made when Key Desk is next opened on a new day, or use Back up now.' : ''}
          </Text>
        )}
        {backups.length > 0 && (
          <Table striped aria-label="Backups">
            <ColumnHeadings columns={['Made', 'Why', 'Size', { hidden: 'Restore' }]} />
            <Table.Tbody>
              {backups.map((backup) => (
                <Table.Tr key={backup.name}>
                  <Table.Td>{formatUkDateTime(backup.takenAt)}</Table.Td>
                  <Table.Td>{KIND_LABELS[backup.kind]}</Table.Td>
                  <Table.Td>{formatSize(backup.bytes)}</Table.Td>
                  <Table.Td>
                    {!status.readOnly && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`Restore the backup made ${formatUkDateTime(backup.takenAt)}`}
                        onClick={() => setRestoring({ name: backup.name, folder: list.data?.automatic ? null : (list.data?.folder ?? null) })}
                      >
                        Restore…
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} />
    </Paper>
  );
}

/** Data and backups: where the data lives, backing up (to a USB stick too) and restoring. Managers only. */
export function DataAndBackupsPage({ status }: { status: AppStatus }) {
  return (
    <Stack gap="lg">
      <Title order={2}>Data and backups</Title>
      <Text size="sm">
        The data file is kept in <Code>{status.dataFolder}</Code>. Automatic backups go in its <Code>backups</Code> folder.
      </Text>
      <BackUpNow status={status} />
      <BackupList status={status} />
    </Stack>
  );
}
