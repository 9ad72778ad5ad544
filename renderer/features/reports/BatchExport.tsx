import { Button, Card, Group, List, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { unwrap } from '../../../shared/api/result';
import type { BatchStatus } from '../../../shared/api/specs/report-jobs';
import { DateField, UkDates } from '../../components/DateField';
import { FormAlert } from '../../components/FormAlert';
import { api } from '../../lib/api';
import { fieldError, formError } from '../../lib/errors';
import { useMyBases, useStatus } from '../../lib/queries';
import { FolderField } from '../setup/FolderField';

const ALL_BASES = 'all';
const FIELDS = ['from', 'to', 'baseId', 'folder'] as const;

/** "12 of 36", and who is being drawn now. */
function BatchProgress({ status }: { status: BatchStatus }) {
  const done = status.saved.length + status.failed.length;
  const words = `${done} of ${status.total}`;
  return (
    <Stack gap={4}>
      <Progress value={status.total ? (done / status.total) * 100 : 100} aria-label={`Reports saved: ${words}`} />
      <Text size="sm" role="status">
        {words}
        {status.current ? `: ${status.current}` : ''}
        {status.finished ? (status.cancelled ? '. Cancelled: the reports saved so far are complete.' : '. Finished.') : ''}
      </Text>
    </Stack>
  );
}

function BatchResult({ status }: { status: BatchStatus }) {
  return (
    <Stack gap="xs">
      {status.saved.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            Saved in {status.folder}
          </Text>
          <List size="sm">
            {status.saved.map((name) => (
              <List.Item key={name}>{name}</List.Item>
            ))}
          </List>
        </div>
      )}
      {status.failed.length > 0 && (
        <div>
          <Text size="sm" fw={600} c="red.8">
            Not saved
          </Text>
          <List size="sm">
            {status.failed.map((f) => (
              <List.Item key={f.pupilName}>
                {f.pupilName}: {f.reason}
              </List.Item>
            ))}
          </List>
        </div>
      )}
    </Stack>
  );
}

/** Every pupil whose placement ends between two dates: one reintegration report each, into a folder. */
export function BatchExport() {
  const status = useStatus();
  const { myBases } = useMyBases(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [baseId, setBaseId] = useState(ALL_BASES);
  const [folder, setFolder] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);

  const start = useMutation({
    mutationFn: async () =>
      unwrap(await api.reports.batchStart({ from, to, folder, ...(baseId === ALL_BASES ? {} : { baseId }) })),
    onSuccess: (started) => setJobId(started.jobId),
  });
  const job = useQuery({
    queryKey: ['reports', 'batch', jobId],
    enabled: jobId !== null,
    queryFn: async () => unwrap(await api.reports.batchStatus({ jobId: jobId! })),
    refetchInterval: (query) => (query.state.data?.finished ? false : 500),
  });
  const cancel = useMutation({ mutationFn: async () => unwrap(await api.reports.batchCancel({ jobId: jobId! })), onSuccess: () => void job.refetch() });
  const running = jobId !== null && !job.data?.finished;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="batch-export">
      <Title order={3} size="h4" id="batch-export">
        Save reintegration reports for placements ending between two dates
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        One PDF per pupil, named as when saved one at a time. A pupil whose report cannot be made is listed and the rest go on.
      </Text>
      <UkDates>
        <Stack
          component="form"
          gap="sm"
          onSubmit={(event) => {
            event.preventDefault();
            start.mutate();
          }}
        >
          <Group grow align="flex-start">
            <DateField label="Placements ending from" value={from} onChange={setFrom} error={fieldError(start.error, 'from')} />
            <DateField label="to" value={to} onChange={setTo} error={fieldError(start.error, 'to')} />
            <Select
              label="Base"
              data={[{ value: ALL_BASES, label: 'All bases' }, ...myBases.map((b) => ({ value: b.id, label: b.name }))]}
              value={baseId}
              onChange={(value) => setBaseId(value ?? ALL_BASES)}
              allowDeselect={false}
              error={fieldError(start.error, 'baseId')}
            />
          </Group>
          <FolderField
            label="Folder to save the reports in"
            value={folder}
            onChange={setFolder}
            canChoose={status.data?.canChooseFolder ?? false}
            chooseFolder={() => api.reports.chooseFolder()}
            error={fieldError(start.error, 'folder')}
          />
          <FormAlert message={formError(start.error, FIELDS)} />
          <Group>
            <Button type="submit" loading={start.isPending} disabled={running}>
              Start
            </Button>
            {running && (
              <Button variant="default" onClick={() => cancel.mutate()} loading={cancel.isPending}>
                Cancel
              </Button>
            )}
          </Group>
        </Stack>
      </UkDates>
      {job.data && (
        <Stack mt="md" gap="sm">
          <BatchProgress status={job.data} />
          <BatchResult status={job.data} />
        </Stack>
      )}
      <FormAlert message={formError(job.error ?? cancel.error)} />
    </Card>
  );
}
