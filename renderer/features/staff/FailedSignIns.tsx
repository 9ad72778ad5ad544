import { Button, Stack, Text } from '@mantine/core';
import type { FailedSignIns, StaffMember } from '../../../shared/domain/staff';
import { count } from '../../lib/format';
import { formatUkDateTime } from '../../../shared/domain/dates';
import { useClearFailedSignIns } from './queries';

/**
 * One person's wrong passwords since they last signed in, for administrators: how many, when the
 * last was, whether they must wait, and a button that lets them try again at once (someone keeping
 * a colleague locked out with a wrong try now and then cannot keep them out for good).
 */
export function FailedSignInsCell({ member, failed }: { member: StaffMember; failed: FailedSignIns | undefined }) {
  const clear = useClearFailedSignIns();
  if (!failed) {
    return (
      <Text size="sm" c="dimmed">
        None
      </Text>
    );
  }
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm">
        {count(failed.failures, 'wrong password')}, last {formatUkDateTime(failed.lastFailedAt)}
      </Text>
      {failed.waitUntil && (
        <Text size="sm" c="var(--mantine-color-orange-light-color)">
          Must wait until {formatUkDateTime(failed.waitUntil)}
        </Text>
      )}
      <Button
        size="compact-sm"
        variant="light"
        aria-label={`Let ${member.name} try again now`}
        loading={clear.isPending}
        onClick={() => clear.mutate({ id: member.id })}
      >
        Let them try again
      </Button>
      {clear.isError && (
        <Text size="sm" c="red" role="alert">
          {clear.error.message}
        </Text>
      )}
    </Stack>
  );
}
