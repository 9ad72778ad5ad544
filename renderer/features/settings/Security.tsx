import { Button, Group, Modal, NumberInput, PasswordInput, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { fieldError, formError } from '../../lib/errors';
import { useDeviceSettings, useUpdateDeviceSettings } from '../../lib/queries';
import { RecoveryKeyPanel } from '../session/RecoveryKeyPanel';

/** Minutes without use before Key Desk locks itself: for the whole provision (administrators). */
export function AutoLock() {
  const settings = useDeviceSettings();
  const update = useUpdateDeviceSettings();
  const [minutes, setMinutes] = useState<number | string>('');
  const current = settings.data?.autoLockMinutes;
  return (
    <Group align="flex-end">
      <NumberInput
        maw={220}
        label="Auto-lock after (minutes)"
        description="Without use, Key Desk locks itself."
        min={1}
        max={60}
        allowDecimal={false}
        value={minutes === '' ? (current ?? '') : minutes}
        onChange={setMinutes}
        error={fieldError(update.error, 'autoLockMinutes')}
      />
      <Button
        variant="default"
        disabled={minutes === '' || Number(minutes) === current}
        loading={update.isPending}
        onClick={() => update.mutate({ autoLockMinutes: Number(minutes) }, { onSuccess: () => setMinutes('') })}
      >
        Save auto-lock
      </Button>
    </Group>
  );
}

/** Replaces the recovery key (the old one stops working): needs the person's own password. */
export function NewRecoveryKey() {
  const [opened, { open, close }] = useDisclosure(false);
  const [password, setPassword] = useState('');
  const replace = useMutation({ mutationFn: async () => unwrap(await api.provision.newRecoveryKey({ password })) });
  const done = () => {
    setPassword('');
    replace.reset();
    close();
  };
  return (
    <>
      <Button variant="default" w="fit-content" onClick={open}>
        Make a new recovery key…
      </Button>
      {/* Once the new key shows, it is shown only here: a stray click or Escape must not lose it. */}
      <Modal
        opened={opened}
        onClose={done}
        title="Make a new recovery key"
        size="lg"
        closeOnClickOutside={!replace.data}
        closeOnEscape={!replace.data}
        withCloseButton={!replace.data}
      >
        {replace.data ? (
          <RecoveryKeyPanel recoveryKey={replace.data.recoveryKey} onDone={done} doneLabel="Done" later="The old key no longer works." />
        ) : (
          <Stack
            component="form"
            onSubmit={(event) => {
              event.preventDefault();
              replace.mutate();
            }}
          >
            <Text size="sm">The old recovery key will stop working. Enter your password to go on.</Text>
            <PasswordInput
              label="Your password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={fieldError(replace.error, 'password') ?? formError(replace.error, ['password'])}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={done}>
                Cancel
              </Button>
              <Button type="submit" loading={replace.isPending}>
                Make a new key
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
