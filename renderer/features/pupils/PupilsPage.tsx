import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileImport, IconUserPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useDeferredValue, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ACCESS, rolesAllow } from '../../../shared/api/access';
import { EmptyState, LoadError, LoadingRows } from '../../components/ListParts';
import { PageHeader } from '../../components/PageHeader';
import { Pager } from '../../components/Pager';
import { count } from '../../lib/format';
import { useStatus } from '../../lib/queries';
import { useDialog } from '../../lib/useDialog';
import { downloadCsv } from '../audit/download';
import { filterPupils, hasCriteria, NO_CRITERIA, type PupilCriteria } from './filter';
import { ImportPupils } from './ImportPupils';
import { PupilFilters } from './PupilFilters';
import { PupilForm } from './PupilForm';
import { PupilTable } from './PupilTable';
import { useExportPupils, usePupilList } from './queries';
import { FormModal } from '../../components/FormModal';

export const PAGE_SIZE = 50;

// The search and filters outlive the page while the same person is signed in, so opening a pupil and
// coming back finds the list as it was left. Kept in memory only (a search is often a child's name),
// and never shown to the next person to sign in.
let remembered: { userId: string; criteria: PupilCriteria } | null = null;

function rememberedCriteria(userId: string | undefined): PupilCriteria {
  return remembered && remembered.userId === userId ? remembered.criteria : NO_CRITERIA;
}

function remember(userId: string | undefined, criteria: PupilCriteria) {
  remembered = userId ? { userId, criteria } : null;
}

/** Forgets the remembered search (tests start each case afresh). */
export function forgetPupilSearch(): void {
  remembered = null;
}

type Dialog = 'add' | 'import';

/** Every pupil the signed-in member of staff may see, searched and filtered as they type. */
export function PupilsPage() {
  const status = useStatus();
  const pupils = usePupilList();
  const exporter = useExportPupils();
  const navigate = useNavigate();
  const canManage = rolesAllow(ACCESS['pupils.create'], status.data?.user?.roles ?? []);

  const userId = status.data?.user?.id;
  const [criteria, setCriteria] = useState(() => rememberedCriteria(userId));
  // Who is signed in may be known only after the first render: pick up their search then.
  useEffect(() => {
    if (userId) setCriteria(rememberedCriteria(userId));
  }, [userId]);
  const [page, setPage] = useState(1);
  const tableTop = useRef<HTMLParagraphElement>(null);
  const change = useCallback((patch: Partial<PupilCriteria>) => {
    setCriteria((current) => {
      const next = { ...current, ...patch };
      remember(userId, next);
      return next;
    });
    setPage(1);
  }, [userId]);

  // The box shows each key at once; the list follows at React's lower priority, so typing never waits
  // for the table, and with a thousand pupils only one page of 50 rows is ever drawn.
  const shown = useDeferredValue(criteria);
  const list = pupils.data;
  const visible = useMemo(() => (list ? filterPupils(list, shown) : []), [list, shown]);
  const pages = Math.max(1, Math.ceil(visible.length / PAGE_SIZE));
  const current = Math.min(page, pages);
  const rows = useMemo(() => visible.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE), [visible, current]);
  const filtered = hasCriteria(shown);

  const { dialog, opened, open, close } = useDialog<Dialog>();

  // Enter in the search box opens the one pupil that matches, by what is typed now (the list shown
  // may still be a key behind).
  const openOnlyMatch = useCallback(() => {
    const matches = list ? filterPupils(list, criteria) : [];
    if (matches.length === 1) navigate(`/pupils/${matches[0]!.id}`);
  }, [list, criteria, navigate]);

  const exportCsv = () =>
    exporter.mutate(filtered ? { ids: visible.map((p) => p.id) } : {}, {
      onSuccess: ({ fileName, csv }) => {
        downloadCsv(fileName, csv);
        notifications.show({ title: `${count(visible.length, 'pupil')} exported`, message: `Saved as ${fileName}.` });
      },
      onError: (error) => notifications.show({ color: 'red', title: 'The pupil list was not exported', message: error.message }),
    });

  const total = list?.length ?? 0;
  const summary = filtered ? `${visible.length} of ${count(total, 'pupil')}` : count(total, 'pupil');
  const first = (current - 1) * PAGE_SIZE + 1;
  const last = Math.min(current * PAGE_SIZE, visible.length);

  return (
    <Stack>
      <PageHeader title="Pupils" description={canManage ? 'Every pupil on record: referred, placed, waiting or past.' : 'The pupils referred to or placed at your bases.'}>
        {canManage && (
          <Group gap="xs">
            <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => open('add')}>
              Add pupil
            </Button>
            <Button variant="default" leftSection={<IconFileImport size={18} aria-hidden />} onClick={() => open('import')}>
              Import CSV
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={18} aria-hidden />}
              onClick={exportCsv}
              loading={exporter.isPending}
              disabled={!list || visible.length === 0}
              title={filtered ? 'The pupils that match the search and filters' : 'Every pupil'}
            >
              Export CSV
            </Button>
          </Group>
        )}
      </PageHeader>

      <PupilFilters criteria={criteria} onChange={change} onEnter={openOnlyMatch} />

      <LoadError query={pupils} title="The pupil list could not be loaded" />

      {pupils.isPending ? (
        <LoadingRows label="Loading pupils" rows={4} />
      ) : list && total === 0 ? (
        <EmptyState title={canManage ? 'No pupils yet: add a pupil or import a spreadsheet.' : 'No pupils at your bases yet.'}>
          {canManage
            ? 'Use Add pupil for one child, or Import CSV for a spreadsheet of them.'
            : 'Pupils appear here once they are referred to or placed at one of your bases.'}
        </EmptyState>
      ) : list ? (
        <Stack gap="sm">
          <Text size="sm" role="status" ref={tableTop}>
            {summary}
            {pages > 1 && `: showing ${first} to ${last}`}
          </Text>
          {visible.length === 0 ? (
            <Paper withBorder p="lg">
              <Text fw={500}>No pupils match: clear the filters.</Text>
              <Group mt="sm">
                <Button variant="default" onClick={() => change(NO_CRITERIA)}>
                  Clear the filters
                </Button>
              </Group>
            </Paper>
          ) : (
            <PupilTable pupils={rows} caption={filtered ? 'Pupils that match the search and filters' : 'Pupils on record'} />
          )}
          {pages > 1 && (
            <Pager
              label="Pages of the pupil list"
              total={pages}
              value={current}
              onChange={(next) => {
                setPage(next);
                tableTop.current?.scrollIntoView?.({ block: 'start' });
              }}
            />
          )}
        </Stack>
      ) : null}

      <FormModal opened={opened} onClose={close} title={dialog?.value === 'import' ? 'Import pupils from a spreadsheet' : 'Add pupil'} size={dialog?.value === 'import' ? 'xl' : 'lg'}>
        {dialog?.value === 'add' && (
          <PupilForm
            key={dialog.key}
            onDone={(pupil) => {
              close();
              navigate(`/pupils/${pupil.id}`);
            }}
            onCancel={close}
          />
        )}
        {dialog?.value === 'import' && <ImportPupils key={dialog.key} onDone={close} onCancel={close} />}
      </FormModal>
    </Stack>
  );
}
