import { zodResolver } from '@hookform/resolvers/zod';
import { Checkbox, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { contactFieldsSchema, type Contact } from '../../../shared/domain/pupil-record';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { useSaveContact } from './queries';

type FormInput = z.input<typeof contactFieldsSchema>;
type FormOutput = z.output<typeof contactFieldsSchema>;
const FIELDS = ['name', 'relationship', 'phone', 'email', 'parentalResponsibility'] as const;

/** A parent or carer: added to a pupil, or changed. */
export function ContactForm({
  pupilId,
  contact,
  onDone,
  onCancel,
}: {
  pupilId: string;
  contact?: Contact;
  onDone: () => void;
  onCancel: () => void;
}) {
  const save = useSaveContact();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(contactFieldsSchema),
    defaultValues: {
      name: contact?.name ?? '',
      relationship: contact?.relationship ?? '',
      phone: contact?.phone ?? '',
      email: contact?.email ?? '',
      parentalResponsibility: contact?.parentalResponsibility ?? false,
    },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);

  const submit = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      const saved = await save.mutateAsync({ pupilId, ...(contact ? { id: contact.id } : {}), ...values });
      notifications.show({ title: `${saved.name} ${contact ? 'saved' : 'added'}`, message: contact ? 'The contact is changed.' : "Added to the pupil's contacts." });
      onDone();
    }),
  );

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <FormAlert title={contact ? 'Not saved' : 'Not added'} message={errors.root?.message} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required autoComplete="off" data-autofocus {...form.register('name')} error={errors.name?.message} />
          <TextInput
            label="Relationship"
            description="For example Mother, Grandad or Foster carer"
            required
            autoComplete="off"
            {...form.register('relationship')}
            error={errors.relationship?.message}
          />
          <TextInput label="Phone" type="tel" autoComplete="off" {...form.register('phone')} error={errors.phone?.message} />
          <TextInput label="Email" type="email" autoComplete="off" {...form.register('email')} error={errors.email?.message} />
        </SimpleGrid>
        <Checkbox label="Has parental responsibility" {...form.register('parentalResponsibility')} error={errors.parentalResponsibility?.message} />
        <FormButtons submit={contact ? 'Save changes' : 'Add contact'} onCancel={onCancel} loading={isSubmitting} disabled={!!contact && !isDirty} />
      </Stack>
    </form>
  );
}
