import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { ACCESS, rolesAllow } from '../../../shared/api/access';
import type { School } from '../../../shared/domain/schools';
import { ColumnHeadings, EmptyState, LoadError, LoadingRows } from '../../components/ListParts';
import { PageHeader } from '../../components/PageHeader';
import { count } from '../../lib/format';
import { useStatus } from '../../lib/queries';
import { useDialog } from '../../lib/useDialog';
import { useSchools } from './queries';
import { SchoolForm } from './SchoolForm';
import { FormModal } from '../../components/FormModal';

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
  const { dialog, opened, open, close } = useDialog<Dialog>();
  const list = schools.data ?? [];

  return (
    <Stack>
      <PageHeader
        title="Schools"
        description={
          <>
            {schools.data ? `${count(list.length, 'home school')} on record.` : 'The home schools that refer pupils to the Key.'} Pupils stay on their home school&apos;s roll.
          </>
        }
      >
        {canChange && (
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => open({ kind: 'add' })}>
            Add school
          </Button>
        )}
      </PageHeader>

      <LoadError query={schools} title="The schools could not be loaded" />

      {schools.isPending ? (
        <LoadingRows label="Loading schools" />
      ) : schools.isSuccess && list.length === 0 ? (
        <EmptyState title="No schools yet.">Add the home schools that refer pupils. Importing a spreadsheet of pupils adds their home schools too.</EmptyState>
      ) : schools.isSuccess ? (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover verticalSpacing="sm">
            <Table.Caption>Home schools, by name.</Table.Caption>
            <ColumnHeadings columns={['School', 'SENCo', 'Phone', 'Email', canChange && { hidden: 'Actions' }]} />
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

      <FormModal opened={opened} onClose={close} title={dialog?.value.kind === 'edit' ? `Change ${dialog.value.school.name}` : 'Add school'} size="lg">
        {dialog?.value.kind === 'add' && <SchoolForm key={dialog.key} onDone={close} onCancel={close} />}
        {dialog?.value.kind === 'edit' && <SchoolForm key={dialog.key} school={dialog.value.school} onDone={close} onCancel={close} />}
      </FormModal>
    </Stack>
  );
}
