import { notifications } from '@mantine/notifications';
import type { StaffMember } from '../../../shared/domain/staff';
import { ConfirmPanel } from '../../components/ConfirmPanel';
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
    <ConfirmPanel
      note="Their past actions stay in the audit trail under their name."
      error={remove.error?.message}
      errorTitle={`${member.name} was not removed`}
      onCancel={onCancel}
      confirmLabel={`Remove ${member.name}`}
      onConfirm={confirm}
      loading={remove.isPending}
      color="red.9"
    >
      {member.name} ({member.username}) will no longer be able to sign in to Key Desk.
    </ConfirmPanel>
  );
}
