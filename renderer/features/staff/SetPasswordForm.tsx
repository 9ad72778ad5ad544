import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { StaffMember } from '../../../shared/domain/staff';
import { newPasswordPair, newPasswordShape } from '../session/newPassword';
import { NewPasswordFields } from '../session/NewPasswordFields';
import { fieldAtFault } from './formErrors';
import { useSetStaffPassword } from './queries';

const FIELDS = ['password', 'confirm'] as const;

/** A new password for someone who has forgotten theirs: only their own key slot changes. */
export function SetPasswordForm({ member, onDone, onCancel }: { member: StaffMember; onDone: () => void; onCancel: () => void }) {
  const setPassword = useSetStaffPassword();
  const form = useForm({
    resolver: zodResolver(z.object(newPasswordShape).superRefine(newPasswordPair(member))),
    defaultValues: { password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const save = form.handleSubmit(async (values) => {
    try {
      await setPassword.mutateAsync({ id: member.id, password: values.password });
      notifications.show({
        title: `New password set for ${member.name}`,
        message: 'Tell them in person. They can change it after signing in.',
      });
      onDone();
    } catch (error) {
      form.setError(fieldAtFault(error, FIELDS), { message: (error as Error).message });
    }
  });

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          For when {member.name} has forgotten their password. Their old password stops working straight away.
        </Text>
        {errors.root && (
          <Alert color="red" role="alert" title="Password not set">
            {errors.root.message}
          </Alert>
        )}
        <NewPasswordFields form={form} label="New password" confirmLabel="Type the new password again" preview={member} autoFocus />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting}>
            Set password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
