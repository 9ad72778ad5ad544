import { Alert, Anchor, Button, Group, Modal, Paper, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ACCESS, rolesAllow } from '../../../shared/api/access';
import type { School } from '../../../shared/domain/schools';
import { count } from '../../lib/format';
import { useStatus } from '../../lib/queries';
import { useSchools } from './queries';
import { SchoolForm } from './SchoolForm';

type Dialog = { kind: 'add' } | { kind: 'edit'; school: School };

const dash = (
  <Text span c="dimmed" size="sm">
    Not recorded
  </Text>
);

/** The home schools the Key works with: they refer pupils, and pupils stay on their roll. */
export function SchoolsPage() {
  const status = useStatus();
  const schools = useSchools();
  const canChange = rolesAllow(ACCESS['schools.create'], status.data?.user?.roles ?? []);
  const [dialog, setDialog] = useState<{ value: Dialog; key: number } | null>(null);
  const [opened, setOpened] = useState(false);
  const open = (value: Dialog) => {
    setDialog((d) => ({ value, key: (d?.key ?? 0) + 1 }));
    setOpened(true);
  };
  const close = () => setOpened(false);
  const list = schools.data ?? [];

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Schools</Title>
          <Text c="dimmed">
            {schools.data ? `${count(list.length, 'home school')} on record.` : 'The home schools that refer pupils to the Key.'} Pupils stay on their home school&apos;s roll.
          </Text>
        </div>
        {canChange && (
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => open({ kind: 'add' })}>
            Add school
          </Button>
        )}
      </Group>

      {schools.isError && (
        <Alert color="red" title="The schools could not be loaded">
          {schools.error.message}
        </Alert>
      )}

      {schools.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label="Loading schools">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={36} />
          ))}
        </Stack>
      ) : schools.isSuccess && list.length === 0 ? (
        <Paper withBorder p="lg">
          <Text fw={500}>No schools yet.</Text>
          <Text c="dimmed" mt={4}>
            Add the home schools that refer pupils. Importing a spreadsheet of pupils adds their home schools too.
          </Text>
        </Paper>
      ) : schools.isSuccess ? (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Caption>Home schools, by name.</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">School</Table.Th>
                <Table.Th scope="col">SENCo</Table.Th>
                <Table.Th scope="col">Phone</Table.Th>
                <Table.Th scope="col">Email</Table.Th>
                {canChange && (
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((school) => (
                <Table.Tr key={school.id}>
                  <Table.Th scope="row" fw={500}>
                    {school.name}
                    {school.address && (
                      <Text size="xs" c="dimmed" fw={400}>
                        {school.address}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>{school.sencoName ?? dash}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{school.phone ?? dash}</Table.Td>
                  <Table.Td>{school.email ? <Anchor href={`mailto:${school.email}`} size="sm">{school.email}</Anchor> : dash}</Table.Td>
                  {canChange && (
                    <Table.Td>
                      <Group justify="flex-end">
                        <Button size="compact-sm" variant="subtle" aria-label={`Edit ${school.name}`} onClick={() => open({ kind: 'edit', school })}>
                          Edit
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      <Modal opened={opened} onClose={close} title={dialog?.value.kind === 'edit' ? `Change ${dialog.value.school.name}` : 'Add school'} size="lg">
        {dialog?.value.kind === 'add' && <SchoolForm key={dialog.key} onDone={close} onCancel={close} />}
        {dialog?.value.kind === 'edit' && <SchoolForm key={dialog.key} school={dialog.value.school} onDone={close} onCancel={close} />}
      </Modal>
    </Stack>
  );
}
