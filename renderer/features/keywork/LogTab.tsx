import { Badge, Button, Group, List, Modal, MultiSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { LogFilters } from '../../../shared/api/specs/keywork';
import { unwrap } from '../../../shared/api/result';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import { LOG_KIND_LABELS, LOG_KINDS, replyState, WITH_WHOM_LABELS, type LogEntry, type LogKind, type LogVersion } from '../../../shared/domain/keywork';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { DateField } from '../../components/DateField';
import { FormModal } from '../../components/FormModal';
import { LoadError, LoadingRows } from '../../components/ListParts';
import { api } from '../../lib/api';
import { useToday, weekdayOf } from '../../lib/today';
import { useDialog } from '../../lib/useDialog';
import { downloadCsv } from '../audit/download';
import { LogEntryForm } from './LogEntryForm';
import { useLog, useMarkDone } from './queries';

const REPLY_BADGES = {
  done: { color: 'keyTeal', c: 'keyTeal.9', text: (e: LogEntry) => `Replied ${formatUkDate(e.doneOn!)}` },
  overdue: { color: 'red', c: 'red.9', text: (e: LogEntry) => `Reply overdue: was due ${formatUkDate(e.dueOn!)}` },
  'due-today': { color: 'orange', c: 'var(--mantine-color-orange-light-color)', text: () => 'Reply due today' },
  due: { color: 'blue', c: 'blue.9', text: (e: LogEntry) => `Reply due ${formatUkDate(e.dueOn!)}` },
} as const;

/** Who it was with, in a line: "Parent or carer: Mrs Lane (mum)", "Professional: Dr Hollis". */
function withLine(v: LogVersion): string {
  const names = [v.withName, v.professionalName].filter(Boolean).join(', ');
  return `${WITH_WHOM_LABELS[v.withWhom]}${names ? `: ${names}` : ''}${v.schoolName ? ` · ${v.schoolName}` : ''}`;
}

function VersionText({ version, label }: { version: LogVersion; label: string }) {
  return (
    <List.Item>
      <Text size="sm" fw={500}>
        {label}
        {version.reason ? ` (reason: ${version.reason})` : ''}: recorded by {version.recordedBy}, {formatUkDateTime(version.recordedAt)}
      </Text>
      <Text size="sm">
        {formatUkDate(version.onDate)} {version.atTime} · {LOG_KIND_LABELS[version.kind]} · {withLine(version)}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {version.summary}
      </Text>
    </List.Item>
  );
}

function EntryCard({ entry, today, onCorrect, onDone }: { entry: LogEntry; today: string; onCorrect: () => void; onDone: () => void }) {
  const v = entry.current;
  const state = replyState(entry, today);
  const corrected = entry.versions.length > 1;
  const headingId = `log-${entry.id}`;
  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ flex: 1 }}>
          <Group gap="xs">
            <Title order={3} size="h6" id={headingId}>
              {weekdayOf(v.onDate)} {formatUkDate(v.onDate)} {v.atTime} · {LOG_KIND_LABELS[v.kind]}
            </Title>
            {state !== 'none' && (
              <Badge color={REPLY_BADGES[state].color} c={REPLY_BADGES[state].c} variant="light" tt="none">
                {REPLY_BADGES[state].text(entry)}
              </Badge>
            )}
            {corrected && (
              <Badge color="gray" variant="outline" tt="none" c="gray.9">
                Corrected
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {withLine(v)}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{v.summary}</Text>
          <Text size="xs" c="dimmed">
            Recorded by {entry.versions[0]!.recordedBy}
            {corrected ? `; corrected by ${v.recordedBy} (${v.reason})` : ''}
            {entry.needsReply && entry.ownerName ? `; reply owed by ${entry.ownerName}` : ''}
            {entry.doneBy ? `; replied, marked by ${entry.doneBy}` : ''}
          </Text>
          {corrected && (
            <details>
              <summary>
                <Text span size="sm">
                  Every version ({entry.versions.length})
                </Text>
              </summary>
              <List size="sm" spacing="xs" mt="xs" aria-label="Every version of this entry">
                {entry.versions.map((version, i) => (
                  <VersionText key={version.recordedAt + i} version={version} label={i === 0 ? 'Original' : `Correction ${i}`} />
                ))}
              </List>
            </details>
          )}
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {entry.needsReply && !entry.doneOn && (
            <Button size="compact-sm" onClick={onDone}>
              Mark reply done
            </Button>
          )}
          <Button size="compact-sm" variant="default" onClick={onCorrect}>
            Correct
          </Button>
        </Group>
      </Group>
    </Paper>
  );
}

/** Asks before marking a reply done: it cannot be undone (the log is evidence). */
export function MarkDoneDialog({ entry, onClose }: { entry: LogEntry | null; onClose: () => void }) {
  const markDone = useMarkDone();
  return (
    <Modal opened={entry !== null} onClose={onClose} title="Mark the reply done?" size="md">
      {entry && (
        <ConfirmPanel
          onCancel={onClose}
          confirmLabel="Mark reply done"
          loading={markDone.isPending}
          error={markDone.error?.message}
          errorTitle="Not marked done"
          onConfirm={() =>
            markDone.mutate(
              { id: entry.id },
              {
                onSuccess: () => {
                  notifications.show({ title: 'Reply marked done', message: `${LOG_KIND_LABELS[entry.current.kind]} of ${formatUkDate(entry.current.onDate)} for ${entry.pupilName}.` });
                  onClose();
                },
              },
            )
          }
        >
          The {LOG_KIND_LABELS[entry.current.kind].toLowerCase()} of {formatUkDate(entry.current.onDate)} about {entry.pupilName} will show as replied today, with your name. This cannot be undone.
        </ConfirmPanel>
      )}
    </Modal>
  );
}

/**
 * A pupil's chronology: every contact and action, newest first, filtered by type and date; corrected
 * entries show what they say now and every earlier version. Export as CSV (PDF comes with the reports).
 */
export default function LogTab({ pupilId, pupilName }: { pupilId: string; pupilName: string; homeSchoolId?: string | null }) {
  const today = useToday();
  const [kinds, setKinds] = useState<LogKind[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filters: LogFilters = { ...(kinds.length ? { kinds } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
  const log = useLog(pupilId, filters);
  const { dialog, opened, open, close } = useDialog<{ entry?: LogEntry }>();
  const [marking, setMarking] = useState<LogEntry | null>(null);
  const [exporting, setExporting] = useState(false);
  const entries = [...(log.data ?? [])].reverse();
  const filtered = kinds.length > 0 || !!from || !!to;

  const exportCsv = async () => {
    setExporting(true);
    try {
      const exported = unwrap(await api.log.export({ pupilId, filters }));
      downloadCsv(exported.fileName, exported.csv);
      notifications.show({ title: 'Chronology exported', message: `${exported.rows} rows in ${exported.fileName}.` });
    } catch (error) {
      notifications.show({ color: 'red', title: 'Not exported', message: (error as Error).message });
    } finally {
      setExporting(false);
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group gap="sm" align="flex-end">
          <MultiSelect
            label="Types"
            placeholder={kinds.length ? undefined : 'Every type'}
            data={LOG_KINDS.map((k) => ({ value: k, label: LOG_KIND_LABELS[k] }))}
            value={kinds}
            onChange={(v) => setKinds(v as LogKind[])}
            clearable
            w={260}
            comboboxProps={{ withinPortal: false }}
          />
          <DateField label="From" value={from} onChange={setFrom} clearLabel="Clear the start date" w={160} portal={false} />
          <DateField label="To" value={to} onChange={setTo} clearLabel="Clear the end date" w={160} portal={false} />
        </Group>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} onClick={() => void exportCsv()} loading={exporting} disabled={entries.length === 0}>
            Export CSV
          </Button>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => open({})}>
            Log a contact
          </Button>
        </Group>
      </Group>
      <LoadError query={log} title="The log could not be loaded" />
      {log.isPending && <LoadingRows label="Loading the log" />}
      {log.isSuccess && entries.length === 0 && (
        <Paper withBorder p="lg">
          <Text fw={500}>{filtered ? 'Nothing in the log matches these filters.' : `Nothing logged for ${pupilName} yet.`}</Text>
          <Text size="sm" c="dimmed">
            {filtered ? 'Clear a filter to see more.' : 'Log every call, email, meeting and visit: the log is the evidence for reviews, assessments and safeguarding.'}
          </Text>
        </Paper>
      )}
      {entries.length > 0 && (
        <Stack gap="sm" aria-label={`${pupilName}'s log, newest first`} role="list">
          {entries.map((entry) => (
            <div role="listitem" key={entry.id}>
              <EntryCard entry={entry} today={today} onCorrect={() => open({ entry })} onDone={() => setMarking(entry)} />
            </div>
          ))}
        </Stack>
      )}
      <FormModal opened={opened} onClose={close} title={dialog?.value.entry ? `Correct an entry for ${pupilName}` : `Log a contact for ${pupilName}`} size="lg">
        {dialog && <LogEntryForm key={dialog.key} pupilId={pupilId} pupilName={pupilName} {...(dialog.value.entry ? { entry: dialog.value.entry } : {})} onDone={close} />}
      </FormModal>
      <MarkDoneDialog entry={marking} onClose={() => setMarking(null)} />
    </Stack>
  );
}
