import { Button, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { FormAlert } from './FormAlert';

/**
 * Asks before a step that cannot simply be taken back: what will happen, a quieter note, why it failed
 * if it did, then Cancel (focused, so Enter does no harm) or go ahead.
 */
export function ConfirmPanel({
  children,
  note,
  error,
  errorTitle,
  cancelLabel = 'Cancel',
  onCancel,
  confirmLabel,
  onConfirm,
  loading,
  color,
}: {
  /** What will happen, in a sentence or two. */
  children: ReactNode;
  note?: ReactNode;
  error?: string;
  errorTitle?: string;
  cancelLabel?: string;
  onCancel: () => void;
  confirmLabel: ReactNode;
  onConfirm: () => void;
  loading: boolean;
  color?: string;
}) {
  return (
    <Stack gap="sm">
      <Text>{children}</Text>
      {note && (
        <Text size="sm" c="dimmed">
          {note}
        </Text>
      )}
      <FormAlert title={errorTitle} message={error} />
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onCancel} data-autofocus>
          {cancelLabel}
        </Button>
        <Button color={color} onClick={onConfirm} loading={loading}>
          {confirmLabel}
        </Button>
      </Group>
    </Stack>
  );
}
