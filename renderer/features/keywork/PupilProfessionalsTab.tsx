import { Button, Group, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { Professional } from '../../../shared/domain/keywork';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { FormAlert } from '../../components/FormAlert';
import { FormModal } from '../../components/FormModal';
import { LoadError, LoadingRows } from '../../components/ListParts';
import { useDialog } from '../../lib/useDialog';
import { ProfessionalForm } from './ProfessionalForm';
import { ProfessionalsTable } from './ProfessionalsTable';
import { useLinkProfessional, useProfessionals, usePupilProfessionals, useUnlinkProfessional } from './queries';

/** The professionals working with a pupil: linked from the directory (or added to it here), or unlinked. */
export default function PupilProfessionalsTab({ pupilId, pupilName }: { pupilId: string; pupilName: string }) {
  const linked = usePupilProfessionals(pupilId);
  const all = useProfessionals();
  const link = useLinkProfessional();
  const unlink = useUnlinkProfessional();
  const [choice, setChoice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Professional | null>(null);
  const { dialog, opened, open, close } = useDialog<true>();
  const linkedIds = new Set((linked.data ?? []).map((p) => p.id));
  const choices = (all.data ?? []).filter((p) => !linkedIds.has(p.id)).map((p) => ({ value: p.id, label: p.organisation ? `${p.name} (${p.organisation})` : p.name }));

  const add = (professionalId: string) =>
    link.mutate(
      { pupilId, professionalId },
      { onSuccess: () => { setChoice(null); notifications.show({ title: 'Linked', message: `Now listed as working with ${pupilName}.` }); } },
    );

  return (
    <Stack gap="md">
      <Group align="flex-end" gap="sm">
        <Select
          label="Link a professional"
          placeholder="Choose from the directory"
          data={choices}
          value={choice}
          onChange={setChoice}
          searchable
          nothingFoundMessage="Nobody by that name: add them"
          w={320}
          comboboxProps={{ withinPortal: false }}
        />
        <Button onClick={() => choice && add(choice)} disabled={!choice} loading={link.isPending}>
          Link
        </Button>
        <Button variant="default" onClick={() => open(true)}>
          Add a new professional
        </Button>
      </Group>
      <FormAlert message={link.error?.message ?? unlink.error?.message} />
      <LoadError query={linked} title="The professionals could not be loaded" />
      {linked.isPending && <LoadingRows label="Loading professionals" />}
      {linked.isSuccess && linked.data.length === 0 && (
        <Paper withBorder p="lg">
          <Text fw={500}>No professionals linked to {pupilName} yet.</Text>
          <Text size="sm" c="dimmed">
            Link the educational psychologist, social worker, CAMHS worker or others working with the family, so the log can name them.
          </Text>
        </Paper>
      )}
      {linked.isSuccess && linked.data.length > 0 && (
        <ProfessionalsTable
          professionals={linked.data}
          caption={`Professionals working with ${pupilName}`}
          action={(p) => (
            <Button size="compact-sm" variant="default" onClick={() => setRemoving(p)} aria-label={`Unlink ${p.name}`}>
              Unlink
            </Button>
          )}
        />
      )}
      <FormModal opened={opened} onClose={close} title="Add a professional" size="lg">
        {dialog && (
          <ProfessionalForm
            key={dialog.key}
            onDone={(saved) => {
              close();
              if (saved) add(saved.id);
            }}
          />
        )}
      </FormModal>
      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title="Unlink this professional?" size="md">
        {removing && (
          <ConfirmPanel
            onCancel={() => setRemoving(null)}
            confirmLabel="Unlink"
            loading={unlink.isPending}
            onConfirm={() => unlink.mutate({ pupilId, professionalId: removing.id }, { onSuccess: () => setRemoving(null) })}
          >
            {removing.name} will no longer be listed as working with {pupilName}. Log entries that name them keep their name; they stay in the directory.
          </ConfirmPanel>
        )}
      </Modal>
    </Stack>
  );
}
