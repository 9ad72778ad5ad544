import { Alert, Anchor, Badge, Button, Group, Kbd, Paper, SegmentedControl, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Register } from '../../../shared/api/specs/registers';
import type { Session } from '../../../shared/domain/attendance';
import { formatUkDate } from '../../../shared/domain/dates';
import { DateField, UkDates } from '../../components/DateField';
import { LoadError } from '../../components/ListParts';
import { count } from '../../lib/format';
import { useMyBases } from '../../lib/queries';
import { useToday, weekdayOf } from '../../lib/today';
import { AddPupilDialog } from './AddPupilDialog';
import { AmendDialog } from './AmendDialog';
import { CodeHelp } from './CodeHelp';
import { CompletionPanel } from './CompletionPanel';
import { useMark, useMarkAllPresent, useRegister, useSubmitRegister, type RegisterKey } from './queries';
import { RegisterTable, type MarkRequest } from './RegisterTable';
import { FireListButton } from '../reports/FireListButton';

interface Undo {
  pupilId: string;
  name: string;
  code: string | null;
  minutesLate: number | null;
}

/** Changes to a submitted or closed register need a reason, and cannot clear a mark. */
const needsReason = (register: Register, request: MarkRequest) =>
  (register.closed || register.state === 'submitted') && request.line.code !== null;

function StateBadge({ register }: { register: Register }) {
  if (register.state === 'submitted') return <Badge color="teal.9">Submitted</Badge>;
  if (register.state === 'open') return <Badge color="blue.8">{register.unmarked === 0 ? 'Complete' : 'Incomplete'}</Badge>;
  return <Badge color="gray.7">Not taken yet</Badge>;
}

function RegisterSummary({ register }: { register: Register }) {
  const when = register.takenAt ? new Date(register.takenAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }) : '';
  return (
    <Group gap="lg" wrap="wrap">
      <StateBadge register={register} />
      <Text size="sm">
        {register.takenBy ? `Taken by ${register.takenBy} at ${when}` : 'Nobody has marked this register yet'}
        {register.submittedBy ? `; submitted by ${register.submittedBy}` : ''}
      </Text>
      <Text size="sm" fw={600} aria-live="polite">
        {register.unmarked === 0 ? 'Everyone is marked' : `${count(register.unmarked, 'pupil')} still unmarked`}
      </Text>
      <Text size="sm" c="dimmed">
        Opens {register.startsAt}, {register.closed ? 'closed' : 'closes'} {register.closesAt}
        {register.closed ? ': changes need a reason' : ''}
      </Text>
    </Group>
  );
}

/**
 * Take a register: choose the base, day and session (this PC's base and today to start with), then mark
 * each pupil by keyboard. Each mark is saved as it is entered.
 */
export function RegistersPage() {
  const today = useToday();
  const [params, setParams] = useSearchParams();
  const { bases, myBases, baseId } = useMyBases(params.get('base'));
  const date = params.get('date') ?? today;
  const session = (params.get('session') === 'PM' ? 'PM' : 'AM') as Session;
  const key: RegisterKey | null = baseId ? { baseId, date, session } : null;
  const register = useRegister(key);
  const mark = useMark();
  const markAll = useMarkAllPresent();
  const submit = useSubmitRegister();
  const [undo, setUndo] = useState<Undo[]>([]);
  const [amending, setAmending] = useState<MarkRequest | null>(null);
  const [adding, setAdding] = useState(false);
  const [help, setHelp] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const tableArea = useRef<HTMLDivElement>(null);
  // Marks typed faster than they are saved go to the core one after another, so each answer (the
  // register as it then stands) includes every mark before it and no keystroke is lost or shown undone.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const inOrder = (send: () => Promise<void>) => {
    queue.current = queue.current.then(send);
  };

  const choose = (changes: Partial<{ base: string; date: string; session: Session }>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) next.set(k, v);
    setParams(next, { replace: true });
    setUndo([]);
    setMessage(null);
  };

  const save = (request: MarkRequest, reason?: string) => {
    if (!key || !register.data) return;
    if (!reason && needsReason(register.data, request)) {
      setAmending(request);
      return;
    }
    const before: Undo = { pupilId: request.line.pupilId, name: request.line.name, code: request.line.code, minutesLate: request.line.minutesLate };
    setMessage(null);
    const input = { ...key, pupilId: request.line.pupilId, code: request.code, minutesLate: request.minutesLate ?? null, ...(reason ? { reason } : {}) };
    // Undo knows of the mark as soon as it is typed, and forgets it if the core refuses it.
    setUndo((stack) => [...stack.slice(-49), before]);
    inOrder(() =>
      mark.mutateAsync(input).then(
        () => setAmending(null),
        (error: Error) => {
          setUndo((stack) => stack.filter((entry) => entry !== before));
          setMessage(error.message);
        },
      ),
    );
  };

  const undoLast = () => {
    const last = undo.at(-1);
    const line = register.data?.pupils.find((l) => l.pupilId === last?.pupilId);
    if (!last || !line || !key || !register.data) return;
    if (needsReason(register.data, { line, code: last.code }) || (last.code === null && register.data.closed)) {
      setMessage(`This register has closed: change ${last.name}'s mark with a reason instead of undoing it.`);
      return;
    }
    setUndo((stack) => stack.slice(0, -1));
    inOrder(() =>
      mark.mutateAsync({ ...key, pupilId: last.pupilId, code: last.code, minutesLate: last.minutesLate }).then(
        () => undefined,
        (error: Error) => {
          setUndo((stack) => [...stack, last]);
          setMessage(error.message);
        },
      ),
    );
  };

  const markRest = () =>
    key && inOrder(() => markAll.mutateAsync(key).then(() => undefined, (error: Error) => setMessage(error.message)));
  const submitRegister = () =>
    key && inOrder(() => submit.mutateAsync(key).then(() => undefined, (error: Error) => setMessage(error.message)));

  // Page-wide keys: Ctrl+Z undoes the last mark, * marks the rest present, ? shows the codes, Ctrl+Enter submits.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (amending || adding || help) return;
      const inTable = tableArea.current?.contains(document.activeElement) ?? false;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'z' && inTable) {
        event.preventDefault();
        undoLast();
      } else if ((event.ctrlKey || event.metaKey) && event.key === 'Enter' && inTable) {
        event.preventDefault();
        submitRegister();
      } else if (event.key === '*' && inTable) {
        event.preventDefault();
        markRest();
      } else if (event.key === '?' && inTable) {
        event.preventDefault();
        setHelp(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Registers</Title>
          <Text c="dimmed">
            {weekdayOf(date)} {formatUkDate(date)}, {session === 'AM' ? 'morning' : 'afternoon'}
          </Text>
          <Group gap="md">
            <Anchor component={Link} to="/registers/home-school" size="sm">
              Home school sheets
            </Anchor>
            <Anchor component={Link} to="/registers/attendance" size="sm">
              Attendance by week
            </Anchor>
          </Group>
        </div>
        <Group align="flex-end">
          {baseId && <FireListButton baseId={baseId} baseName={myBases.find((b) => b.id === baseId)?.name ?? 'this base'} />}
          <Select
            label="Base"
            data={myBases.map((b) => ({ value: b.id, label: b.name }))}
            value={baseId}
            onChange={(value) => value && choose({ base: value })}
            allowDeselect={false}
            w={180}
          />
          <UkDates>
            <DateField label="Date" value={date} onChange={(iso) => iso && choose({ date: iso })} />
          </UkDates>
          <SegmentedControl
            aria-label="Session"
            data={[
              { value: 'AM', label: 'AM' },
              { value: 'PM', label: 'PM' },
            ]}
            value={session}
            onChange={(value) => choose({ session: value as Session })}
          />
        </Group>
      </Group>

      <CompletionPanel onOpen={(r) => choose({ base: r.baseId, date: r.date, session: r.session })} />

      {bases.isPending || (key && register.isPending) ? (
        <Skeleton h={300} />
      ) : !key ? (
        <Alert color="gray" title="No base to show">
          Your account has no base yet. Ask an administrator to add you to a base.
        </Alert>
      ) : register.isError ? (
        <LoadError query={register} title="This register could not be opened" />
      ) : register.data ? (
        <Paper withBorder p="md">
          <Stack>
            <RegisterSummary register={register.data} />
            <Text id="register-keys" size="sm" c="dimmed">
              <Kbd>↑</Kbd> <Kbd>↓</Kbd> move, type a code to mark and move on (<Kbd>/</Kbd> or <Kbd>Space</Kbd> present, <Kbd>L</Kbd> late),{' '}
              <Kbd>*</Kbd> marks everyone left present, <Kbd>Ctrl</Kbd>+<Kbd>Z</Kbd> undoes, <Kbd>?</Kbd> lists the codes, <Kbd>Ctrl</Kbd>+<Kbd>Enter</Kbd> submits.
            </Text>
            {message && (
              <Alert color="red" role="alert" withCloseButton onClose={() => setMessage(null)}>
                {message}
              </Alert>
            )}
            <div ref={tableArea}>
              {/* A new table for each register, so the first unmarked pupil has the focus when one opens. */}
              <RegisterTable key={`${register.data.baseId}-${register.data.date}-${register.data.session}`} register={register.data} onMark={save} />
            </div>
            <Group>
              <Button variant="default" onClick={markRest} disabled={register.data.unmarked === 0} loading={markAll.isPending}>
                Mark the rest present
              </Button>
              <Button onClick={submitRegister} disabled={register.data.unmarked > 0 || register.data.state === 'submitted'} loading={submit.isPending}>
                {register.data.state === 'submitted' ? 'Submitted' : 'Submit register'}
              </Button>
              <Button variant="subtle" onClick={() => setHelp(true)}>
                Codes
              </Button>
              <Button variant="subtle" onClick={undoLast} disabled={undo.length === 0}>
                Undo last mark
              </Button>
            </Group>
            <AtHomeSchool register={register.data} onAdd={() => setAdding(true)} />
          </Stack>
        </Paper>
      ) : null}

      {amending && register.data && (
        <AmendDialog
          request={amending}
          saving={mark.isPending}
          error={mark.error?.message ?? null}
          onCancel={() => setAmending(null)}
          onSave={(reason) => save(amending, reason)}
        />
      )}
      {adding && key && register.data && <AddPupilDialog registerKey={key} register={register.data} onClose={() => setAdding(false)} />}
      <CodeHelp opened={help} onClose={() => setHelp(false)} />
    </Stack>
  );
}

function AtHomeSchool({ register, onAdd }: { register: Register; onAdd: () => void }) {
  if (register.atHomeSchool.length === 0) return null;
  return (
    <section aria-labelledby="at-home-school">
      <Group justify="space-between">
        <Title order={3} size="h5" id="at-home-school">
          At their home school this session (not on the Key&apos;s register)
        </Title>
        <Button size="xs" variant="default" onClick={onAdd}>
          Add a pupil to this register
        </Button>
      </Group>
      <Stack gap={2} mt="xs">
        {register.atHomeSchool.map((line) => (
          <Text key={line.pupilId} size="sm">
            {line.name}: at {line.homeSchoolName ?? 'their home school'} today
          </Text>
        ))}
      </Stack>
    </section>
  );
}
