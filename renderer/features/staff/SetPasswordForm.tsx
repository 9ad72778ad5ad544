import { zodResolver } from '@hookform/resolvers/zod';
import { Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { StaffMember } from '../../../shared/domain/staff';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { newPasswordPair, newPasswordShape } from '../session/newPassword';
import { NewPasswordFields } from '../session/NewPasswordFields';
import { useSetStaffPassword } from './queries';

const FIELDS = ['password', 'confirm'] as const;

/** A new password for someone who has forgotten theirs: only their own key slot changes. */
export function SetPasswordForm({ member, onDone, onCancel }: { member: StaffMember; onDone: () => void; onCancel: () => void }) {
  const setPassword = useSetStaffPassword();
  const form = useForm({
    resolver: zodResolver(z.object(newPasswordShape).superRefine(newPasswordPair(member))),
    defaultValues: { password: '', confirm: '' },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);

  const save = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      await setPassword.mutateAsync({ id: member.id, password: values.password });
      notifications.show({
        title: `New password set for ${member.name}`,
        message: 'Tell them in person. They can change it after signing in.',
      });
      onDone();
    }),
  );

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          For when {member.name} has forgotten their password. Their old password stops working straight away.
        </Text>
        <FormAlert title="Password not set" message={errors.root?.message} />
        <NewPasswordFields form={form} label="New password" confirmLabel="Type the new password again" preview={member} autoFocus />
        <FormButtons submit="Set password" onCancel={onCancel} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
