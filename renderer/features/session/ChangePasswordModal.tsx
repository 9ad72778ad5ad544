import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { unwrap } from '../../../shared/api/result';
import { FormAlert } from '../../components/FormAlert';
import { api } from '../../lib/api';
import { fieldError, formError } from '../../lib/errors';
import { newPasswordPair, newPasswordShape } from './newPassword';
import { NewPasswordFields } from './NewPasswordFields';

const CHANGE_FIELDS = ['currentPassword', 'newPassword'];

/** Your own password: only your key slot in the data file is rewritten. */
export function ChangePasswordModal({ opened, onClose, name, username }: { opened: boolean; onClose: () => void; name: string; username: string }) {
  const form = useForm({
    // The current password is the core's to check; the new one is checked here first, against your own name.
    resolver: zodResolver(z.object({ currentPassword: z.string(), ...newPasswordShape }).superRefine(newPasswordPair({ name, username }))),
    defaultValues: { currentPassword: '', password: '', confirm: '' },
  });
  const change = useMutation({
    mutationFn: async (input: { currentPassword: string; newPassword: string }) => unwrap(await api.session.changePassword(input)),
    onSuccess: () => {
      notifications.show({ title: 'Password changed', message: 'Use your new password next time you sign in.' });
      close();
    },
  });
  const close = () => {
    form.reset();
    change.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Change your password"
      // Mantine's modal header is a <header>: without this it is a second banner landmark.
    >
      <Stack
        component="form"
        gap="sm"
        onSubmit={form.handleSubmit((values) => change.mutate({ currentPassword: values.currentPassword, newPassword: values.password }))}
      >
        <PasswordInput label="Current password" autoComplete="current-password" {...form.register('currentPassword')} error={fieldError(change.error, 'currentPassword')} />
        <NewPasswordFields form={form} label="New password" serverError={fieldError(change.error, 'newPassword')} />
        <FormAlert message={formError(change.error, CHANGE_FIELDS)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" loading={change.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
