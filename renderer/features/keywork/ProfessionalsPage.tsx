import { Button, Paper, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Professional } from '../../../shared/domain/keywork';
import { FormModal } from '../../components/FormModal';
import { LoadError, LoadingRows } from '../../components/ListParts';
import { PageHeader } from '../../components/PageHeader';
import { useDialog } from '../../lib/useDialog';
import { ProfessionalForm } from './ProfessionalForm';
import { ProfessionalsTable } from './ProfessionalsTable';
import { useProfessionals } from './queries';

/** The directory of professionals outside the Key, with how many pupils each works with. */
export default function ProfessionalsPage() {
  const professionals = useProfessionals();
  const { dialog, opened, open, close } = useDialog<{ professional?: Professional }>();
  return (
    <Stack>
      <PageHeader title="Professionals" description="People outside the Key who work with pupils and families: link them to pupils from the pupil's Professionals tab.">
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => open({})}>
          Add a professional
        </Button>
      </PageHeader>
      <LoadError query={professionals} title="The directory could not be loaded" />
      {professionals.isPending && <LoadingRows label="Loading professionals" />}
      {professionals.isSuccess && professionals.data.length === 0 && (
        <Paper withBorder p="lg">
          <Text fw={500}>No professionals in the directory yet.</Text>
          <Text size="sm" c="dimmed">
            Add educational psychologists, social workers, CAMHS, the Virtual School and others the Key works with.
          </Text>
        </Paper>
      )}
      {professionals.isSuccess && professionals.data.length > 0 && (
        <ProfessionalsTable
          professionals={professionals.data}
          caption="Directory of professionals"
          showPupils
          action={(p) => (
            <Button size="compact-sm" variant="default" onClick={() => open({ professional: p })} aria-label={`Edit ${p.name}`}>
              Edit
            </Button>
          )}
        />
      )}
      <FormModal opened={opened} onClose={close} title={dialog?.value.professional ? `Edit ${dialog.value.professional.name}` : 'Add a professional'} size="lg">
        {dialog && <ProfessionalForm key={dialog.key} {...(dialog.value.professional ? { professional: dialog.value.professional } : {})} onDone={close} />}
      </FormModal>
    </Stack>
  );
}
