import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { StaffMember } from '../../../shared/domain/staff';
import { fieldAtFault } from './formErrors';
import { PasswordRule } from './PasswordRule';
import { useSetStaffPassword } from './queries';
import { checkPasswordPair, passwordPair } from './StaffForm';

const FIELDS = ['password', 'confirm'] as const;

/** A new password for someone who has forgotten theirs: only their own key slot changes. */
export function SetPasswordForm({ member, onDone, onCancel }: { member: StaffMember; onDone: () => void; onCancel: () => void }) {
  const setPassword = useSetStaffPassword();
  const form = useForm({
    resolver: zodResolver(z.object(passwordPair).superRefine((v, ctx) => checkPasswordPair(v, member, ctx))),
    defaultValues: { password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const password = useWatch({ control: form.control, name: 'password' });

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
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          data-autofocus
          description={errors.password ? undefined : <PasswordRule password={password} person={member} />}
          {...form.register('password')}
          error={errors.password?.message}
        />
        <PasswordInput
          label="Type the new password again"
          autoComplete="new-password"
          {...form.register('confirm')}
          error={errors.confirm?.message}
        />
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
