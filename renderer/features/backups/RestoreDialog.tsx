import { Button, Group, Modal, PasswordInput, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { BackupSummary } from '../../../shared/api/specs/backups';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { FormAlert } from '../../components/FormAlert';
import { fieldError, formError } from '../../lib/errors';
import { formatUkDateTime } from '../../../shared/domain/dates';
import { useInspectBackup, useRestoreBackup, type ChosenBackup } from './queries';
import { KIND_LABELS } from './words';

function Summary({ summary }: { summary: BackupSummary }) {
  const rows: Array<[string, string]> = [
    ['Made', `${formatUkDateTime(summary.takenAt)} (${KIND_LABELS[summary.kind]})`],
    ['Provision', summary.provisionName],
    ['Pupils', String(summary.pupils)],
    ['Placements', String(summary.placements)],
    ['Last change', summary.lastChange ? formatUkDateTime(summary.lastChange) : 'None recorded'],
  ];
  return (
    <Table aria-label="What the backup holds" withRowBorders={false} verticalSpacing={4}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w="35%">
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * Restore in two steps: open the backup with your password (as it was then) or the recovery key and
 * see what it holds; then confirm. The data as it is now is kept as a backup first.
 */
export function RestoreDialog({ backup, onClose }: { backup: ChosenBackup | null; onClose: () => void }) {
  const [how, setHow] = useState<'password' | 'recoveryKey'>('password');
  const [secret, setSecret] = useState('');
  const inspect = useInspectBackup();
  const restore = useRestoreBackup();
  const key = how === 'password' ? { password: secret } : { recoveryKey: secret };
  const close = () => {
    setSecret('');
    inspect.reset();
    restore.reset();
    onClose();
  };
  const summary = inspect.data;
  return (
    <Modal opened={backup !== null} onClose={close} title="Restore a backup" size="lg">
      {backup && !summary && (
        <Stack
          component="form"
          gap="sm"
          onSubmit={(event) => {
            event.preventDefault();
            inspect.mutate({ backup, key });
          }}
        >
          <Text size="sm">
            Open <strong>{backup.name}</strong> to see what it holds. Nothing changes until you confirm.
          </Text>
          <SegmentedControl
            aria-label="Open the backup with"
            value={how}
            onChange={(value) => {
              setHow(value as 'password' | 'recoveryKey');
              setSecret('');
              inspect.reset();
            }}
            data={[
              { value: 'password', label: 'My password' },
              { value: 'recoveryKey', label: 'The recovery key' },
            ]}
          />
          {how === 'password' ? (
            <PasswordInput
              label="Your password"
              description="As it was when the backup was made."
              autoComplete="current-password"
              value={secret}
              onChange={(event) => setSecret(event.currentTarget.value)}
              error={fieldError(inspect.error, 'password')}
              data-autofocus
            />
          ) : (
            <TextInput
              label="Recovery key"
              description="The recovery key that was in use when the backup was made."
              value={secret}
              onChange={(event) => setSecret(event.currentTarget.value)}
              error={fieldError(inspect.error, 'recoveryKey')}
              data-autofocus
            />
          )}
          <FormAlert title="This backup cannot be restored" message={formError(inspect.error, ['password', 'recoveryKey'])} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={inspect.isPending}>
              Open backup
            </Button>
          </Group>
        </Stack>
      )}
      {backup && summary && (
        <Stack gap="sm">
          <Summary summary={summary} />
          <ConfirmPanel
            onCancel={close}
            confirmLabel="Restore this backup"
            onConfirm={() => restore.mutate({ backup, key })}
            loading={restore.isPending}
            color="red.9"
            error={restore.error ? formError(restore.error) : undefined}
            errorTitle="Not restored"
            note="The data as it is now is kept as a backup first, so this can be undone by restoring that backup. Everyone is signed out, and signs in again to the restored data."
          >
            Restoring replaces all the data in Key Desk with this backup: every change made since {formatUkDateTime(summary.takenAt)} will no
            longer be there.
          </ConfirmPanel>
        </Stack>
      )}
    </Modal>
  );
}
