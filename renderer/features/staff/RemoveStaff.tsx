import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { StaffMember } from '../../../shared/domain/staff';
import { useRemoveStaff } from './queries';

/** Asks before removing someone; the core refuses some removals (yourself, the last administrator). */
export function RemoveStaff({ member, onDone, onCancel }: { member: StaffMember; onDone: () => void; onCancel: () => void }) {
  const remove = useRemoveStaff();
  const confirm = () =>
    remove.mutate(
      { id: member.id },
      {
        onSuccess: () => {
          notifications.show({ title: `${member.name} removed`, message: 'They can no longer sign in.' });
          onDone();
        },
      },
    );
  return (
    <Stack gap="sm">
      <Text>
        {member.name} ({member.username}) will no longer be able to sign in to Key Desk.
      </Text>
      <Text size="sm" c="dimmed">
        Their past actions stay in the audit trail under their name.
      </Text>
      {remove.isError && (
        <Alert color="red" role="alert" title={`${member.name} was not removed`}>
          {remove.error.message}
        </Alert>
      )}
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onCancel} data-autofocus>
          Cancel
        </Button>
        <Button color="red.9" onClick={confirm} loading={remove.isPending}>
          Remove {member.name}
        </Button>
      </Group>
    </Stack>
  );
}
