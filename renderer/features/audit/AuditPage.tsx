import { Alert, Button, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../shared/api/result';
import { AUDIT_PAGE_SIZE } from '../../../shared/domain/audit';
import { formatUkDate } from '../../../shared/domain/dates';
import { DateField } from '../../components/DateField';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { count } from '../../lib/format';
import { usePupilList } from '../pupils/queries';
import { AuditTable } from './AuditTable';
import { downloadCsv } from './download';
import { useAuditPage, useAuditPeople, useExportAudit, type AuditFilters } from './queries';

/** The filters as typed: applied to the trail only once they make sense. */
interface Draft {
  staffId: string | null;
  pupilId: string | null;
  from: string;
  to: string;
}
type FilterField = 'staffId' | 'pupilId' | 'from' | 'to';

const NO_FILTERS: Draft = { staffId: null, pupilId: null, from: '', to: '' };

/** The same rules the core applies to the filters, so back-to-front dates are never sent. */
function checkDraft(draft: Draft): { filters: AuditFilters | null; problems: Partial<Record<FilterField, string>> } {
  const problems: Partial<Record<FilterField, string>> = {};
  const { pupilId } = draft;
  if (draft.from && draft.to && draft.from > draft.to) problems.to = 'The end date is before the start date.';
  if (Object.keys(problems).length > 0) return { filters: null, problems };
  return {
    problems,
    filters: {
      ...(draft.staffId ? { staffId: draft.staffId } : {}),
      ...(pupilId ? { pupilId } : {}),
      ...(draft.from ? { from: draft.from } : {}),
      ...(draft.to ? { to: draft.to } : {}),
    },
  };
}

/** Which filter the core blamed (`filters.to` → to), if any. */
function filterAtFault(error: unknown): FilterField | null {
  const field = error instanceof ApiError ? error.field?.replace(/^filters\./, '') : undefined;
  return field === 'staffId' || field === 'pupilId' || field === 'from' || field === 'to' ? field : null;
}

/** Who changed what, and when: filtered by person, pupil and date, a page at a time, and exported as CSV. */
export function AuditPage() {
  const people = useAuditPeople();
  const pupils = usePupilList();
  // Opened from a pupil's History tab: already filtered to that pupil.
  const [params] = useSearchParams();
  const fromLink = params.get('pupil');
  const [draft, setDraft] = useState<Draft>({ ...NO_FILTERS, pupilId: fromLink });
  const [applied, setApplied] = useState<AuditFilters>(fromLink ? { pupilId: fromLink } : {});
  const [page, setPage] = useState(0);
  const summary = useRef<HTMLParagraphElement>(null);
  const audit = useAuditPage(applied, page);
  const exporter = useExportAudit();

  const { problems } = checkDraft(draft);
  const coreField = audit.isError ? filterAtFault(audit.error) : null;
  const problemFor = (field: FilterField) => problems[field] ?? (coreField === field ? audit.error?.message : undefined);

  const change = (patch: Partial<Draft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    const { filters } = checkDraft(next);
    if (filters && JSON.stringify(filters) !== JSON.stringify(applied)) {
      setApplied(filters);
      setPage(0);
    }
  };

  const exportCsv = () =>
    exporter.mutate(applied, {
      onSuccess: ({ fileName, csv }) => {
        downloadCsv(fileName, csv);
        notifications.show({ title: 'Audit trail exported', message: `Exported as ${fileName}.` });
      },
      onError: (error) => notifications.show({ color: 'red', title: 'The audit trail was not exported', message: error.message }),
    });

  const filtered = Object.keys(applied).length > 0;
  const total = audit.data?.total ?? 0;
  const pages = Math.ceil(total / AUDIT_PAGE_SIZE);
  const first = page * AUDIT_PAGE_SIZE + 1;
  const last = Math.min((page + 1) * AUDIT_PAGE_SIZE, total);

  return (
    <Stack>
      <PageHeader title="Audit trail" description="Every change to Key Desk's records, who made it and when, and every sign-in and export.">
        <Stack gap={2} align="flex-end">
          <Button
            leftSection={<IconDownload size={18} aria-hidden />}
            variant="default"
            onClick={exportCsv}
            loading={exporter.isPending}
            // What would be exported is the last filters that made sense, not what is in the boxes now.
            disabled={Object.keys(problems).length > 0}
            aria-describedby="audit-export-note"
          >
            Export CSV
          </Button>
          <Text id="audit-export-note" size="xs" c="dimmed">
            {filtered ? 'Every entry that matches the filters, not only this page.' : 'The whole trail, not only this page.'}
          </Text>
        </Stack>
      </PageHeader>

      <Paper withBorder p="md" component="section" aria-label="Filters">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Select
            label="Person"
            placeholder="Everyone"
            searchable
            clearable
            nothingFoundMessage="Nobody by that name"
            data={(people.data ?? []).map((person) => ({ value: person.staffId, label: person.name }))}
            value={draft.staffId}
            onChange={(staffId) => change({ staffId })}
            error={problemFor('staffId')}
          />
          <Select
            label="Pupil"
            placeholder="Any pupil"
            searchable
            clearable
            limit={50}
            nothingFoundMessage="No pupil by that name"
            data={(pupils.data ?? []).map((pupil) => ({ value: pupil.id, label: `${pupil.name} (born ${formatUkDate(pupil.dateOfBirth)})` }))}
            value={draft.pupilId}
            onChange={(pupilId) => change({ pupilId })}
            error={problemFor('pupilId')}
          />
          <DateField label="From" clearLabel="Clear from date" value={draft.from} onChange={(from) => change({ from })} error={problemFor('from')} />
          <DateField label="To" clearLabel="Clear to date" value={draft.to} onChange={(to) => change({ to })} error={problemFor('to')} />
        </SimpleGrid>
        {(filtered || JSON.stringify(draft) !== JSON.stringify(NO_FILTERS)) && (
          <Group justify="flex-end" mt="sm">
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() => {
                setDraft(NO_FILTERS);
                setApplied({});
                setPage(0);
              }}
            >
              Clear filters
            </Button>
          </Group>
        )}
      </Paper>

      {audit.isError && !coreField && (
        <Alert color="red" title="The audit trail could not be loaded">
          {audit.error.message}
        </Alert>
      )}

      {audit.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label="Loading the audit trail">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} h={36} />
          ))}
        </Stack>
      ) : audit.data && audit.data.total === 0 ? (
        <Paper withBorder p="lg">
          <Text fw={500}>{filtered ? 'No entries match these filters.' : 'Nothing has been recorded yet.'}</Text>
          {filtered && (
            <Text c="dimmed" mt={4}>
              Try another person or a wider range of dates.
            </Text>
          )}
        </Paper>
      ) : audit.data ? (
        <Stack gap="sm">
          <Text size="sm" aria-live="polite" ref={summary}>
            {total > AUDIT_PAGE_SIZE ? `Entries ${first} to ${last} of ${total}, newest first` : `${count(total, 'entry', 'entries')}, newest first`}
          </Text>
          <AuditTable entries={audit.data.entries} names={audit.data.names} busy={audit.isPlaceholderData} />
          {pages > 1 && (
            <Pager
              label="Pages of the audit trail"
              total={pages}
              value={page + 1}
              onChange={(next) => {
                setPage(next - 1);
                // The pages are at the foot of a long table: start the next one at its top.
                summary.current?.scrollIntoView?.({ block: 'start' });
              }}
            />
          )}
        </Stack>
      ) : null}
    </Stack>
  );
}
