import { Button, Group } from '@mantine/core';
import { useAskBeforeDiscard } from './FormModal';

/** Cancel (which asks first when the dialog holds changes) and the form's own submit button, at its foot. */
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
  const askBeforeDiscard = useAskBeforeDiscard();
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={() => askBeforeDiscard(onCancel)}>
        Cancel
      </Button>
      <Button type="submit" loading={loading} disabled={disabled} color={color}>
        {submit}
      </Button>
    </Group>
  );
}
