import { Box, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { PATHWAY_LABELS, SEN_STATUS_LABELS, type Pupil } from '../../../shared/domain/pupil-record';
import { yearGroupLabel } from '../../../shared/domain/pupils';
import { formatUkDate } from '../../lib/format';
import { PupilForm } from './PupilForm';
import { yearAndStage } from './pupil-form-values';
import { FormModal } from '../../components/FormModal';

const notGiven = (
  <Text span c="dimmed" size="sm">
    Not recorded
  </Text>
);

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ whiteSpace: 'pre-line' }}>
        {children}
      </Text>
    </div>
  );
}

/** The pupil's record as it stands, and (for managers) the way to change it. */
export function DetailsTab({ pupil, canManage }: { pupil: Pupil; canManage: boolean }) {
  const [editing, setEditing] = useState(false);
  const overridden = pupil.yearGroup !== pupil.yearGroupByAge;
  return (
    <Stack>
      {canManage && (
        <Group justify="flex-end">
          <Button leftSection={<IconPencil size={18} aria-hidden />} onClick={() => setEditing(true)}>
            Edit details
          </Button>
        </Group>
      )}
      <Paper withBorder p="lg">
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg" verticalSpacing="md" m={0}>
          <Item label="Legal name">
            {pupil.legalFirstName} {pupil.legalLastName}
          </Item>
          <Item label="Preferred name">{pupil.preferredName ?? notGiven}</Item>
          <Item label="Date of birth">{formatUkDate(pupil.dateOfBirth)}</Item>
          <Item label="Year group">
            {yearAndStage(pupil.yearGroup)}
            {overridden ? `: taught out of their age group (by date of birth ${yearGroupLabel(pupil.yearGroupByAge)})` : ', by date of birth'}
          </Item>
          <Item label="Gender">{pupil.gender ?? notGiven}</Item>
          <Item label="UPN">{pupil.upn ?? notGiven}</Item>
          <Item label="Home school">{pupil.homeSchoolName ?? notGiven}</Item>
          <Item label="SEN status">{SEN_STATUS_LABELS[pupil.senStatus]}</Item>
          <Item label="Pathway">{PATHWAY_LABELS[pupil.pathway]}</Item>
          <Item label="Child in care">{pupil.childInCare ? 'Yes' : 'No'}</Item>
          {pupil.childInCare && <Item label="Virtual School contact">{pupil.virtualSchoolContact ?? notGiven}</Item>}
          {pupil.childInCare && <Item label="Personal Education Plan (PEP)">{pupil.hasPep ? 'Yes' : 'No'}</Item>}
        </SimpleGrid>
        <Box component="dl" mt="lg" mb={0}>
          <Item label="Notes">{pupil.notes ?? notGiven}</Item>
        </Box>
      </Paper>
      <FormModal opened={editing} onClose={() => setEditing(false)} title={`Change ${pupil.preferredName ?? pupil.legalFirstName} ${pupil.legalLastName}'s details`} size="lg">
        {editing && <PupilForm pupil={pupil} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />}
      </FormModal>
    </Stack>
  );
}
