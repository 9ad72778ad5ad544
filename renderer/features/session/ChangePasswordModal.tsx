import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { unwrap } from '../../../shared/api/result';
import { FormAlert } from '../../components/FormAlert';
import { FormModal, useAskBeforeDiscard, useDiscardGuard } from '../../components/FormModal';
import { api } from '../../lib/api';
import { fieldError, formError } from '../../lib/errors';
import { newPasswordPair, newPasswordShape } from './newPassword';
import { NewPasswordFields } from './NewPasswordFields';

const CHANGE_FIELDS = ['currentPassword', 'newPassword'];

/** Your own password: only your key slot in the data file is rewritten. */
export function ChangePasswordModal({ opened, onClose, name, username }: { opened: boolean; onClose: () => void; name: string; username: string }) {
  return (
    <FormModal opened={opened} onClose={onClose} title="Change your password">
      {/* Mantine unmounts a closed dialog's content: a fresh form at every opening. */}
      <ChangePasswordForm onClose={onClose} name={name} username={username} />
    </FormModal>
  );
}

function ChangePasswordForm({ onClose, name, username }: { onClose: () => void; name: string; username: string }) {
  const form = useForm({
    // The current password is the core's to check; the new one is checked here first, against your own name.
    resolver: zodResolver(z.object({ currentPassword: z.string(), ...newPasswordShape }).superRefine(newPasswordPair({ name, username }))),
    defaultValues: { currentPassword: '', password: '', confirm: '' },
  });
  useDiscardGuard(form.formState.isDirty);
  const askBeforeDiscard = useAskBeforeDiscard();
  const change = useMutation({
    mutationFn: async (input: { currentPassword: string; newPassword: string }) => unwrap(await api.session.changePassword(input)),
    onSuccess: () => {
      notifications.show({ title: 'Password changed', message: 'Use your new password next time you sign in.' });
      onClose();
    },
  });
  return (
    <Stack
      component="form"
      gap="sm"
      onSubmit={form.handleSubmit((values) => change.mutate({ currentPassword: values.currentPassword, newPassword: values.password }))}
    >
      <PasswordInput label="Current password" autoComplete="current-password" {...form.register('currentPassword')} error={fieldError(change.error, 'currentPassword')} />
      <NewPasswordFields form={form} label="New password" serverError={fieldError(change.error, 'newPassword')} />
      <FormAlert message={formError(change.error, CHANGE_FIELDS)} />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => askBeforeDiscard(onClose)}>
          Cancel
        </Button>
        <Button type="submit" loading={change.isPending}>
          Change password
        </Button>
      </Group>
    </Stack>
  );
}
