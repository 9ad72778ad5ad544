import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { PossibleDuplicate } from '../../../shared/api/specs/pupils';
import { formatUkDate } from '../../lib/format';

/** Pupils already on record with the same name and date of birth, with a way to open them or add anyway. */
export function DuplicateWarning({
  duplicates,
  message,
  onLeave,
  onAddAnyway,
  adding,
}: {
  duplicates: readonly PossibleDuplicate[];
  message?: string;
  onLeave: () => void;
  onAddAnyway?: () => void;
  adding?: boolean;
}) {
  return (
    <Alert color="orange" title="This pupil may already be on record" role="alert">
      <Stack gap={6}>
        {duplicates.map((d) => (
          <Text size="sm" key={d.id}>
            {d.name} born {formatUkDate(d.dateOfBirth)} is already on record.{' '}
            <Anchor component={Link} to={`/pupils/${d.id}`} onClick={onLeave} size="sm">
              Open {d.name}&apos;s record
            </Anchor>
          </Text>
        ))}
        {duplicates.length === 0 && message && <Text size="sm">{message}</Text>}
        {onAddAnyway && (
          <Group>
            <Button size="compact-sm" variant="default" onClick={onAddAnyway} loading={adding}>
              Add anyway
            </Button>
            <Text size="xs">Only if this is a different child with the same name and birthday.</Text>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
