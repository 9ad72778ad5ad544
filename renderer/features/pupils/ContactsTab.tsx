import { Anchor, Badge, Button, Group, Stack, Table } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import type { Contact } from '../../../shared/domain/pupil-record';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { ColumnHeadings, EmptyState } from '../../components/ListParts';
import { useDialog } from '../../lib/useDialog';
import { ContactForm } from './ContactForm';
import { useRemoveContact } from './queries';
import { FormModal } from '../../components/FormModal';

type Dialog = { kind: 'add' } | { kind: 'edit'; contact: Contact } | { kind: 'remove'; contact: Contact };

function RemoveContact({ contact, pupilName, onDone }: { contact: Contact; pupilName: string; onDone: () => void }) {
  const remove = useRemoveContact();
  const confirm = () =>
    remove.mutate(
      { id: contact.id },
      {
        onSuccess: () => {
          notifications.show({ title: `${contact.name} removed`, message: `No longer one of ${pupilName}'s contacts.` });
          onDone();
        },
      },
    );
  return (
    <ConfirmPanel
      note="The audit trail keeps a record of the contact and who removed them."
      error={remove.error?.message}
      errorTitle={`${contact.name} was not removed`}
      onCancel={onDone}
      confirmLabel={`Remove ${contact.name}`}
      onConfirm={confirm}
      loading={remove.isPending}
      color="red.9"
    >
      {contact.name} ({contact.relationship}) will no longer be listed as a contact for {pupilName}.
    </ConfirmPanel>
  );
}

function dialogTitle(dialog: Dialog, pupilName: string): string {
  if (dialog.kind === 'add') return `Add a contact for ${pupilName}`;
  if (dialog.kind === 'edit') return `Change ${dialog.contact.name}`;
  return `Remove ${dialog.contact.name}?`;
}

/** Parents and carers: who to call, and who has parental responsibility. */
export function ContactsTab({ pupilId, pupilName, contacts, canManage }: { pupilId: string; pupilName: string; contacts: readonly Contact[]; canManage: boolean }) {
  const { dialog, opened, open, close } = useDialog<Dialog>();

  return (
    <Stack>
      {canManage && (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={() => open({ kind: 'add' })}>
            Add contact
          </Button>
        </Group>
      )}
      {contacts.length === 0 ? (
        <EmptyState title="No contacts yet.">{canManage ? 'Add the parents and carers to call about this pupil.' : 'A manager adds parents and carers here.'}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm">
            <Table.Caption>Parents and carers of {pupilName}.</Table.Caption>
            <ColumnHeadings columns={['Name', 'Relationship', 'Phone', 'Email', { hidden: 'Parental responsibility' }, canManage && { hidden: 'Actions' }]} />
            <Table.Tbody>
              {contacts.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Th scope="row" fw={500}>
                    {contact.name}
                  </Table.Th>
                  <Table.Td>{contact.relationship}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{contact.phone ? <Anchor href={`tel:${contact.phone.replace(/\s/g, '')}`} size="sm">{contact.phone}</Anchor> : ''}</Table.Td>
                  <Table.Td>{contact.email ? <Anchor href={`mailto:${contact.email}`} size="sm">{contact.email}</Anchor> : ''}</Table.Td>
                  <Table.Td>
                    {contact.parentalResponsibility && (
                      <Badge variant="light" color="keyTeal" c="keyTeal.9" tt="none">
                        Parental responsibility
                      </Badge>
                    )}
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-sm" variant="subtle" aria-label={`Edit ${contact.name}`} onClick={() => open({ kind: 'edit', contact })}>
                          Edit
                        </Button>
                        <Button size="compact-sm" variant="subtle" color="red" c="red.9" aria-label={`Remove ${contact.name}`} onClick={() => open({ kind: 'remove', contact })}>
                          Remove
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FormModal opened={opened} onClose={close} title={dialog ? dialogTitle(dialog.value, pupilName) : ''} size={dialog?.value.kind === 'remove' ? 'md' : 'lg'}>
        {dialog?.value.kind === 'add' && <ContactForm key={dialog.key} pupilId={pupilId} onDone={close} onCancel={close} />}
        {dialog?.value.kind === 'edit' && <ContactForm key={dialog.key} pupilId={pupilId} contact={dialog.value.contact} onDone={close} onCancel={close} />}
        {dialog?.value.kind === 'remove' && <RemoveContact key={dialog.key} contact={dialog.value.contact} pupilName={pupilName} onDone={close} />}
      </FormModal>
    </Stack>
  );
}
