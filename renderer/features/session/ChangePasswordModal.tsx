import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap } from '../../../shared/api/result';
import { passwordProblem } from '../../../shared/domain/staff';
import { api } from '../../lib/api';
import { fieldError, formError } from '../../lib/errors';

/** Your own password: only your key slot in the data file is rewritten. */
export function ChangePasswordModal({ opened, onClose, name, username }: { opened: boolean; onClose: () => void; name: string; username: string }) {
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [checked, setChecked] = useState(false);
  const change = useMutation({
    mutationFn: async () => unwrap(await api.session.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword })),
    onSuccess: () => {
      notifications.show({ title: 'Password changed', message: 'Use your new password next time you sign in.' });
      close();
    },
  });
  const close = () => {
    setValues({ currentPassword: '', newPassword: '', confirm: '' });
    setChecked(false);
    change.reset();
    onClose();
  };
  const rule = passwordProblem(values.newPassword, { name, username });
  const mismatch = values.newPassword !== values.confirm ? 'The two passwords are not the same.' : null;
  // Read the value now: React runs the updater later, when the event's currentTarget is null.
  const set = (key: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setValues((v) => ({ ...v, [key]: value }));
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!rule && !mismatch) change.mutate();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title="Change your password"
      // Mantine's modal header is a <header>: without this it is a second banner landmark.
    >
      <Stack component="form" gap="sm" onSubmit={submit}>
        <PasswordInput label="Current password" autoComplete="current-password" value={values.currentPassword} onChange={set('currentPassword')} error={fieldError(change.error, 'currentPassword')} />
        <PasswordInput
          label="New password"
          description="At least 10 characters. A few unrelated words make a good one."
          autoComplete="new-password"
          value={values.newPassword}
          onChange={set('newPassword')}
          error={(checked && rule) || fieldError(change.error, 'newPassword')}
        />
        <PasswordInput label="New password again" autoComplete="new-password" value={values.confirm} onChange={set('confirm')} error={checked && !rule ? mismatch : undefined} />
        {formError(change.error, ['currentPassword', 'newPassword']) && (
          <Text c="red" size="sm" role="alert">
            {formError(change.error, ['currentPassword', 'newPassword'])}
          </Text>
        )}
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
