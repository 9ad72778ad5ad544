import { zodResolver } from '@hookform/resolvers/zod';
import { Checkbox, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { ROLE_LABELS, ROLES, rolesSchema, staffNameSchema, usernameSchema, type Role, type StaffMember } from '../../../shared/domain/staff';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { FormAlert } from '../../components/FormAlert';
import { FormButtons } from '../../components/FormButtons';
import { useDiscardGuard } from '../../components/FormModal';
import { saveForm } from '../../lib/errors';
import { useBases } from '../../lib/queries';
import { newPasswordPair, newPasswordShape } from '../session/newPassword';
import { NewPasswordFields } from '../session/NewPasswordFields';
import { useAddStaff, useChangeStaff } from './queries';

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  teacher: 'Takes registers; sees the pupils and plans at their bases.',
  manager: 'Pupils, placements, plans and reports at every base.',
  administrator: 'Staff accounts and settings; sees no pupils unless also a teacher or manager.',
};

const details = {
  name: staffNameSchema,
  username: usernameSchema,
  roles: rolesSchema,
  baseIds: z.array(z.string()),
};

// The first password is checked against the name and username typed above it.
const addSchema = z.object({ ...details, ...newPasswordShape }).superRefine(newPasswordPair());
const editSchema = z.object({ ...details, ...newPasswordShape });

type FormInput = z.input<typeof addSchema>;
type FormOutput = z.output<typeof addSchema>;
const FIELDS = ['name', 'username', 'roles', 'baseIds', 'password', 'confirm'] as const;

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Only a teacher's bases decide what they see: a teacher (and nothing more) with none sees no pupils. */
const teacherWithoutBases = (roles: readonly Role[], baseIds: readonly string[]) =>
  roles.length > 0 && roles.every((r) => r === 'teacher') && baseIds.length === 0;

const NO_BASES_WARNING = 'A teacher with no bases sees no pupils. Choose the bases they work at.';

/**
 * Adding someone (with their first password) or changing their details (without: "Set password" does
 * that). Checked here as the core checks it; what the core still refuses appears under its field. A
 * teacher with no bases is allowed (a new teacher's base may not be settled yet) but warned about
 * under Bases and asked about before saving.
 */
export function StaffForm({ member, onDone, onCancel }: { member?: StaffMember; onDone: () => void; onCancel: () => void }) {
  const bases = useBases();
  const add = useAddStaff();
  const change = useChangeStaff();
  const form = useForm<FormInput, unknown, FormOutput>({
    // Editing has no password fields: they stay empty and are not checked.
    resolver: zodResolver(member ? editSchema : addSchema),
    defaultValues: {
      name: member?.name ?? '',
      username: member?.username ?? '',
      roles: member?.roles ?? [],
      baseIds: member?.baseIds ?? [],
      password: '',
      confirm: '',
    },
  });
  const { errors, isDirty, isSubmitting } = form.formState;
  useDiscardGuard(isDirty);
  const [name, username, roles, baseIds] = useWatch({ control: form.control, name: ['name', 'username', 'roles', 'baseIds'] });
  const noBases = teacherWithoutBases(roles, baseIds);
  const [confirming, setConfirming] = useState<FormOutput | null>(null);

  const send = (values: FormOutput) =>
    saveForm(form.setError, FIELDS, async () => {
      if (member) {
        // Only what changed: a new username, for instance, re-labels the person's key slot.
        const saved = await change.mutateAsync({
          id: member.id,
          ...(values.name !== member.name ? { name: values.name } : {}),
          ...(values.username !== member.username ? { username: values.username } : {}),
          ...(!sameSet(values.roles, member.roles) ? { roles: values.roles } : {}),
          ...(!sameSet(values.baseIds, member.baseIds) ? { baseIds: values.baseIds } : {}),
        });
        notifications.show({ title: `${saved.name} saved`, message: 'Their details are changed.' });
      } else {
        const saved = await add.mutateAsync({
          name: values.name,
          username: values.username,
          roles: values.roles,
          baseIds: values.baseIds,
          password: values.password,
        });
        notifications.show({
          title: `${saved.name} added`,
          message: `They can sign in as ${saved.username} with the password you chose.`,
        });
      }
      onDone();
    });

  const save = form.handleSubmit(async (values) => {
    const alreadyWithout = !!member && teacherWithoutBases(member.roles, member.baseIds);
    if (teacherWithoutBases(values.roles, values.baseIds) && !alreadyWithout) {
      setConfirming(values);
      return;
    }
    await send(values);
  });

  if (confirming) {
    const who = confirming.name;
    return (
      <ConfirmPanel
        cancelLabel="Back to choose bases"
        onCancel={() => setConfirming(null)}
        confirmLabel={member ? 'Save without bases' : 'Add without bases'}
        onConfirm={() => {
          // Refused by the core: back to the form, where its message shows under the field.
          void send(confirming).then((saved) => {
            if (!saved) setConfirming(null);
          });
        }}
        loading={isSubmitting || add.isPending || change.isPending}
      >
        {who} will be a teacher with no bases, so they will see no pupils until a base is chosen for them. {member ? 'Save' : 'Add them'} anyway?
      </ConfirmPanel>
    );
  }

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <Stack gap="sm">
        <FormAlert title={member ? 'Not saved' : 'Not added'} message={errors.root?.message} />
        <TextInput label="Name" autoComplete="off" data-autofocus {...form.register('name')} error={errors.name?.message} />
        <TextInput
          label="Username"
          description="What they type to sign in: letters, numbers, dots, dashes or underscores."
          autoComplete="off"
          {...form.register('username')}
          error={errors.username?.message}
        />
        <Controller
          control={form.control}
          name="roles"
          render={({ field }) => (
            <Checkbox.Group label="Roles" value={field.value} onChange={field.onChange} error={errors.roles?.message}>
              <Stack gap="xs" mt={6}>
                {ROLES.map((role) => (
                  <Checkbox key={role} value={role} label={ROLE_LABELS[role]} description={ROLE_DESCRIPTIONS[role]} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
        />
        <Controller
          control={form.control}
          name="baseIds"
          render={({ field }) => (
            <MultiSelect
              label="Bases"
              description={
                noBases ? (
                  <Text span size="xs" c="var(--mantine-color-orange-light-color)" fw={500}>
                    {NO_BASES_WARNING}
                  </Text>
                ) : (
                  'Teachers see only the pupils at these bases. Managers and administrators see every base.'
                )
              }
              placeholder={field.value.length ? undefined : 'No bases chosen'}
              data={(bases.data ?? []).map((base) => ({ value: base.id, label: base.name }))}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              error={errors.baseIds?.message}
            />
          )}
        />
        {!member && <NewPasswordFields form={form} confirmLabel="Type the password again" preview={{ name, username }} />}
        <FormButtons submit={member ? 'Save changes' : 'Add member of staff'} onCancel={onCancel} loading={isSubmitting} disabled={!!member && !isDirty} />
      </Stack>
    </form>
  );
}
