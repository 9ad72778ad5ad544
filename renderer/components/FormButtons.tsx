import { Button, Group } from '@mantine/core';

/** Cancel and the form's own submit button, at its foot. */
export function FormButtons({
  submit,
  onCancel,
  loading,
  disabled,
  color,
}: {
  submit: string;
  onCancel: () => void;
  loading: boolean;
  /** Changing something: nothing to save until a field differs. */
  disabled?: boolean;
  color?: string;
}) {
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={loading} disabled={disabled} color={color}>
        {submit}
      </Button>
    </Group>
  );
}
