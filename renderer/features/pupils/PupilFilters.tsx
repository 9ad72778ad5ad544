import { Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { memo, useMemo } from 'react';
import type { PrimaryKeyStage } from '../../../shared/domain/pupils';
import { useBases } from '../../lib/queries';
import { useSchools } from '../schools/queries';
import { hasCriteria, NO_CRITERIA, type PupilCriteria } from './filter';
import { KEY_STAGE_LABELS, STATUS_OPTIONS, type PupilStatus } from './StatusBadge';

const KEY_STAGE_OPTIONS = (Object.keys(KEY_STAGE_LABELS) as PrimaryKeyStage[]).map((stage) => ({ value: stage, label: KEY_STAGE_LABELS[stage] }));

/** The four lists: memoised apart from the search box, so typing never re-renders them. */
const FilterSelects = memo(function FilterSelects({
  baseId,
  status,
  keyStage,
  homeSchoolId,
  onChange,
}: Pick<PupilCriteria, 'baseId' | 'status' | 'keyStage' | 'homeSchoolId'> & { onChange: (patch: Partial<PupilCriteria>) => void }) {
  const bases = useBases();
  const schools = useSchools();
  const baseOptions = useMemo(() => (bases.data ?? []).map((b) => ({ value: b.id, label: b.name })), [bases.data]);
  const schoolOptions = useMemo(() => (schools.data ?? []).map((s) => ({ value: s.id, label: s.name })), [schools.data]);
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mt="sm">
      <Select label="Base" placeholder="Any base" clearable data={baseOptions} value={baseId} onChange={(value) => onChange({ baseId: value })} />
      <Select
        label="Status"
        placeholder="Any status"
        clearable
        data={STATUS_OPTIONS}
        value={status}
        onChange={(value) => onChange({ status: value as PupilStatus | null })}
      />
      <Select
        label="Key stage"
        placeholder="Any key stage"
        clearable
        data={KEY_STAGE_OPTIONS}
        value={keyStage}
        onChange={(value) => onChange({ keyStage: value as PrimaryKeyStage | null })}
      />
      <Select
        label="Home school"
        placeholder="Any school"
        clearable
        searchable
        nothingFoundMessage="No school by that name"
        data={schoolOptions}
        value={homeSchoolId}
        onChange={(value) => onChange({ homeSchoolId: value })}
      />
    </SimpleGrid>
  );
});

/** The search box and the four filters above the pupil list. */
export const PupilFilters = memo(function PupilFilters({
  criteria,
  onChange,
  onEnter,
}: {
  criteria: PupilCriteria;
  onChange: (patch: Partial<PupilCriteria>) => void;
  /** Enter in the search box: the list opens the pupil when only one matches. */
  onEnter?: () => void;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label="Search and filters">
      <TextInput
        label="Search pupils"
        description="Name, preferred name, UPN or home school. Enter opens the pupil when only one matches."
        placeholder="For example Bloggs, or Parkgate"
        type="search"
        autoComplete="off"
        spellCheck={false}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={criteria.search}
        onChange={(event) => onChange({ search: event.currentTarget.value })}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.nativeEvent.isComposing) onEnter?.();
        }}
      />
      <FilterSelects
        baseId={criteria.baseId}
        status={criteria.status}
        keyStage={criteria.keyStage}
        homeSchoolId={criteria.homeSchoolId}
        onChange={onChange}
      />
      {hasCriteria(criteria) && (
        <Group justify="flex-end" mt="sm">
          <Button variant="subtle" size="compact-sm" onClick={() => onChange(NO_CRITERIA)}>
            Clear filters
          </Button>
        </Group>
      )}
    </Paper>
  );
});
