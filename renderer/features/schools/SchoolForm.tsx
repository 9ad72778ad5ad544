import { zodResolver } from '@hookform/resolvers/zod';
import { SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { schoolFieldsSchema, type School } from '../../../shared/domain/schools';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { useCreateSchool, useUpdateSchool } from './queries';

type FormInput = z.input<typeof schoolFieldsSchema>;
type FormOutput = z.output<typeof schoolFieldsSchema>;
const FIELDS = ['name', 'sencoName', 'phone', 'email', 'address'] as const;

/** Adding a home school, or changing one: checked here as the core checks it. */
export function SchoolForm({ school, onDone, onCancel }: { school?: School; onDone: (saved: School) => void; onCancel: () => void }) {
  const create = useCreateSchool();
  const update = useUpdateSchool();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schoolFieldsSchema),
    defaultValues: {
      name: school?.name ?? '',
      sencoName: school?.sencoName ?? '',
      phone: school?.phone ?? '',
      email: school?.email ?? '',
      address: school?.address ?? '',
    },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);

  const save = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      const saved = school ? await update.mutateAsync({ id: school.id, ...values }) : await create.mutateAsync(values);
      notifications.show({ title: `${saved.name} ${school ? 'saved' : 'added'}`, message: school ? "The school's details are changed." : 'It can now be chosen as a home school.' });
      onDone(saved);
    }),
  );

  return (
    <form
      onSubmit={(event) => {
        // This form can open from inside the pupil form (in a modal portal): React would pass the
        // submit on to that form too.
        event.stopPropagation();
        void save(event);
      }}
      noValidate
    >
      <Stack gap="sm">
        <FormAlert title={school ? 'Not saved' : 'Not added'} message={errors.root?.message} />
        <TextInput label="School name" autoComplete="off" data-autofocus {...form.register('name')} error={errors.name?.message} />
        <TextInput label="SENCo" description="The special educational needs coordinator's name" autoComplete="off" {...form.register('sencoName')} error={errors.sencoName?.message} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Phone" type="tel" autoComplete="off" {...form.register('phone')} error={errors.phone?.message} />
          <TextInput label="Email" type="email" autoComplete="off" {...form.register('email')} error={errors.email?.message} />
        </SimpleGrid>
        <Textarea label="Address" autosize minRows={2} maxRows={5} {...form.register('address')} error={errors.address?.message} />
        <FormButtons submit={school ? 'Save changes' : 'Add school'} onCancel={onCancel} loading={isSubmitting} disabled={!!school && !isDirty} />
      </Stack>
    </form>
  );
}
