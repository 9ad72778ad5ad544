import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconUserPlus } from '@tabler/icons-react';
import { ACCESS, rolesAllow } from '../../../shared/api/access';
import type { Base } from '../../../shared/domain/bases';
import { ROLE_LABELS, type FailedSignIns, type StaffMember } from '../../../shared/domain/staff';
import { ColumnHeadings, EmptyState, LoadError, LoadingRows } from '../../components/ListParts';
import { PageHeader } from '../../components/PageHeader';
import { count } from '../../lib/format';
import { useBases, useStaffList, useStatus } from '../../lib/queries';
import { useDialog } from '../../lib/useDialog';
import { FailedSignInsCell } from './FailedSignIns';
import { useFailedSignIns } from './queries';
import { RemoveStaff } from './RemoveStaff';
import { SetPasswordForm } from './SetPasswordForm';
import { StaffForm } from './StaffForm';
import { FormModal } from '../../components/FormModal';

type Dialog =
  | { kind: 'add' }
  | { kind: 'edit'; member: StaffMember }
  | { kind: 'password'; member: StaffMember }
  | { kind: 'remove'; member: StaffMember };

function dialogTitle(dialog: Dialog): string {
  switch (dialog.kind) {
    case 'add':
      return 'Add member of staff';
    case 'edit':
      return `Change ${dialog.member.name}'s details`;
    case 'password':
      return `Set a new password for ${dialog.member.name}`;
    case 'remove':
      return `Remove ${dialog.member.name}?`;
  }
}

/** Managers see every base; a teacher only the bases chosen for them; an administrator alone, no pupils. */
function basesOf(member: StaffMember, bases: readonly Base[]) {
  if (member.roles.includes('manager')) return <Text size="sm">Every base</Text>;
  if (!member.roles.includes('teacher')) return <Text size="sm">No pupils (staff and settings only)</Text>;
  const names = member.baseIds.map((id) => bases.find((b) => b.id === id)?.name).filter((name): name is string => !!name);
  if (names.length === 0) {
    return (
      <Text size="sm" c="var(--mantine-color-orange-light-color)">
        None yet
      </Text>
    );
  }
  return <Text size="sm">{names.join(', ')}</Text>;
}

function StaffRow({
  member,
  bases,
  isYou,
  canChange,
  failed,
  open,
}: {
  member: StaffMember;
  bases: readonly Base[];
  isYou: boolean;
  canChange: boolean;
  failed: FailedSignIns | undefined;
  open: (dialog: Dialog) => void;
}) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={500}>
        <Group gap={6}>
          {member.name}
          {isYou && (
            <Badge size="sm" variant="outline" color="gray">
              You
            </Badge>
          )}
        </Group>
      </Table.Th>
      <Table.Td>{member.username}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {member.roles.map((role) => (
            <Badge key={role} variant="light">
              {ROLE_LABELS[role]}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>{basesOf(member, bases)}</Table.Td>
      {canChange && (
        <Table.Td>
          <FailedSignInsCell member={member} failed={failed} />
        </Table.Td>
      )}
      {canChange && (
        <Table.Td>
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Button size="compact-sm" variant="subtle" aria-label={`Edit ${member.name}`} onClick={() => open({ kind: 'edit', member })}>
              Edit
            </Button>
            <Button
              size="compact-sm"
              variant="subtle"
              aria-label={`Set password for ${member.name}`}
              onClick={() => open({ kind: 'password', member })}
            >
              Set password
            </Button>
            {/* The core never removes your own account (someone must be left to manage staff), so it is not offered. */}
            {!isYou && (
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                aria-label={`Remove ${member.name}`}
                onClick={() => open({ kind: 'remove', member })}
              >
                Remove
              </Button>
            )}
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** Staff accounts: who can sign in, in which roles, at which bases. Administrators change them. */
export function StaffPage() {
  const status = useStatus();
  const staff = useStaffList();
  const bases = useBases();
  const user = status.data?.user ?? null;
  const canChange = !!user && rolesAllow(ACCESS['staff.create'], user.roles);
  const failedSignIns = useFailedSignIns(!!user && rolesAllow(ACCESS['staff.failedSignIns'], user.roles));

  const { dialog, opened, open, close } = useDialog<Dialog>();

  const members = staff.data ?? [];
  return (
    <Stack>
      <PageHeader
        title="Staff"
        description={staff.data ? `${count(members.length, 'member')} of staff can sign in to Key Desk.` : 'Who can sign in to Key Desk.'}
      >
        {canChange && (
          <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => open({ kind: 'add' })}>
            Add member of staff
          </Button>
        )}
      </PageHeader>

      <LoadError query={staff} title="The staff list could not be loaded" />

      {staff.isPending ? (
        <LoadingRows label="Loading staff" />
      ) : staff.isSuccess && members.length === 0 ? (
        <EmptyState title="No staff yet.">{canChange ? 'Add a member of staff so they can sign in.' : 'An administrator adds staff here.'}</EmptyState>
      ) : staff.isSuccess ? (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Caption>Current staff, by name. People who have been removed are not listed.</Table.Caption>
            <ColumnHeadings columns={['Name', 'Username', 'Roles', 'Bases', canChange && 'Wrong passwords', canChange && { hidden: 'Actions' }]} />
            <Table.Tbody>
              {members.map((member) => (
                <StaffRow
                  key={member.id}
                  member={member}
                  bases={bases.data ?? []}
                  isYou={member.id === user?.id}
                  canChange={canChange}
                  failed={failedSignIns.data?.find((f) => f.staffId === member.id)}
                  open={open}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      <FormModal
        opened={opened}
        onClose={close}
        title={dialog ? dialogTitle(dialog.value) : ''}
        size={dialog?.value.kind === 'remove' ? 'md' : 'lg'}
      >
        {dialog?.value.kind === 'add' && <StaffForm key={dialog.key} onDone={close} onCancel={close} />}
        {dialog?.value.kind === 'edit' && <StaffForm key={dialog.key} member={dialog.value.member} onDone={close} onCancel={close} />}
        {dialog?.value.kind === 'password' && (
          <SetPasswordForm key={dialog.key} member={dialog.value.member} onDone={close} onCancel={close} />
        )}
        {dialog?.value.kind === 'remove' && <RemoveStaff key={dialog.key} member={dialog.value.member} onDone={close} onCancel={close} />}
      </FormModal>
    </Stack>
  );
}
