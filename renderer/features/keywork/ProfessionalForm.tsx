import { zodResolver } from '@hookform/resolvers/zod';
import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { PROFESSIONAL_ROLE_LABELS, PROFESSIONAL_ROLES, type Professional, type ProfessionalRole } from '../../../shared/domain/keywork';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { optionalNotes } from '../../lib/schemas';
import { useSaveProfessional } from './queries';

const schema = z.object({
  name: z.string().trim().min(1, 'Enter the name.').max(120, 'The name can be at most 120 characters.'),
  role: z.enum(PROFESSIONAL_ROLES, { error: 'Choose the role.' }),
  organisation: optionalNotes('The organisation', 200),
  phone: optionalNotes('The phone number', 40),
  email: z.union([z.literal(''), z.email('Enter an email address like name@example.org.')]),
});
type FormInput = z.input<typeof schema>;
type FormOutput = z.output<typeof schema>;
const FIELDS = ['name', 'role', 'organisation', 'phone', 'email'] as const;

/** Someone outside the Key: an educational psychologist, a social worker, CAMHS... added or changed. */
export function ProfessionalForm({ professional, onDone }: { professional?: Professional; onDone: (saved?: Professional) => void }) {
  const save = useSaveProfessional();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: professional?.name ?? '',
      role: professional?.role ?? ('' as ProfessionalRole),
      organisation: professional?.organisation ?? '',
      phone: professional?.phone ?? '',
      email: professional?.email ?? '',
    },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);
  const submit = form.handleSubmit((values) =>
    saveForm(form.setError, FIELDS, async () => {
      const saved = await save.mutateAsync({ ...(professional ? { id: professional.id } : {}), ...values });
      notifications.show({ title: `${saved.name} ${professional ? 'saved' : 'added'}`, message: 'The directory of professionals is up to date.' });
      onDone(saved);
    }),
  );
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <FormAlert title="Not saved" message={errors.root?.message} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required autoComplete="off" data-autofocus {...form.register('name')} error={errors.name?.message} />
          <Controller
            control={form.control}
            name="role"
            render={({ field }) => (
              <Select
                label="Role"
                required
                data={PROFESSIONAL_ROLES.map((r) => ({ value: r, label: PROFESSIONAL_ROLE_LABELS[r] }))}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                error={errors.role?.message}
                comboboxProps={{ withinPortal: false }}
              />
            )}
          />
          <TextInput label="Organisation" autoComplete="off" {...form.register('organisation')} error={errors.organisation?.message} />
          <TextInput label="Phone" autoComplete="off" {...form.register('phone')} error={errors.phone?.message} />
          <TextInput label="Email" type="email" autoComplete="off" {...form.register('email')} error={errors.email?.message} />
        </SimpleGrid>
        <FormButtons submit={professional ? 'Save' : 'Add professional'} onCancel={() => onDone()} loading={isSubmitting} />
      </Stack>
    </form>
  );
}
