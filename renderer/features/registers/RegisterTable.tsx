import { Badge, Group, NumberInput, Select, Table, Text } from '@mantine/core';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Register, RegisterLine } from '../../../shared/api/specs/registers';
import { ATTENDANCE_CODES, CATEGORY_WORDS, findCode } from '../../../shared/domain/attendance';
import { yearGroupLabel } from '../../../shared/domain/pupils';
import { readKey, settle } from './typing';
import { ColumnHeadings } from '../../components/ListParts';

/** A mark the teacher asked for: the page saves it (asking for a reason or minutes when needed). */
export interface MarkRequest {
  line: RegisterLine;
  code: string | null;
  minutesLate?: number | null;
}

const CODE_OPTIONS = ATTENDANCE_CODES.map((c) => ({ value: c.code, label: `${c.code}  ${c.meaning}` }));

const time = (iso: string | null) => (iso ? new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }) : '');

/** How a code reads without colour: the code itself, and its category in words beside it. */
function CodeBadge({ code, minutesLate }: { code: string | null; minutesLate: number | null }) {
  if (code === null) return <Text c="dimmed">Not marked</Text>;
  const found = findCode(code);
  const attended = found?.attended ?? false;
  return (
    <Group gap={6} wrap="nowrap">
      <Badge size="lg" variant={attended ? 'light' : 'filled'} color={attended ? 'teal' : 'red.9'} radius="sm" styles={{ label: { textTransform: 'none' } }}>
        {code}
      </Badge>
      <Text size="sm">
        {found ? CATEGORY_WORDS[found.category] : ''}
        {minutesLate ? `, ${minutesLate} min late` : ''}
      </Text>
    </Group>
  );
}

/**
 * The register's pupils, by keyboard first: arrows move, a code sets the mark and moves on (/ \ or space
 * for present), L asks for the minutes late. Mouse and touch use each row's code list.
 */
export function RegisterTable({
  register,
  onMark,
}: {
  register: Register;
  /** Marks are sent as they are typed, without waiting for the last to be saved: the core takes them in order. */
  onMark: (request: MarkRequest) => void;
}) {
  const lines = register.pupils;
  const [active, setActive] = useState(() => Math.max(0, lines.findIndex((l) => l.code === null)));
  // What is waiting of a two-key code ("C" before "1"): a ref, so keys typed faster than the screen
  // redraws still see the key before them.
  const buffer = useRef('');
  const setBuffer = (value: string) => {
    buffer.current = value;
  };
  const [latePupil, setLatePupil] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number | string>('');
  const rows = useRef<Array<HTMLTableRowElement | null>>([]);
  const bufferTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const index = Math.min(active, Math.max(lines.length - 1, 0));
  useEffect(() => {
    if (latePupil === null) rows.current[index]?.focus();
  }, [index, latePupil, register.date, register.session, register.baseId]);

  const apply = (line: RegisterLine, code: string) => {
    if (code === 'L') {
      setLatePupil(line.pupilId);
      setMinutes(line.minutesLate ?? '');
      return;
    }
    onMark({ line, code });
    setActive((i) => Math.min(i + 1, lines.length - 1));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, line: RegisterLine, i: number) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setBuffer('');
      setActive(Math.max(0, Math.min(lines.length - 1, i + (event.key === 'ArrowDown' ? 1 : -1))));
      return;
    }
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      setActive(event.key === 'Home' ? 0 : lines.length - 1);
      return;
    }
    if (event.key === 'Enter') {
      const waiting = settle(buffer.current);
      setBuffer('');
      if (waiting) {
        event.preventDefault();
        apply(line, waiting);
      }
      return;
    }
    if (event.key.length !== 1 || event.key === '?' || event.key === '*') return;
    event.preventDefault();
    clearTimeout(bufferTimer.current);
    const read = readKey(buffer.current, event.key);
    if (read.kind === 'pending') {
      setBuffer(read.buffer);
      // A pause settles "C" as C (the other two-key codes wait for their digit).
      bufferTimer.current = setTimeout(() => {
        const waiting = settle(read.buffer);
        setBuffer('');
        if (waiting) apply(line, waiting);
      }, 900);
      return;
    }
    setBuffer('');
    if (read.kind === 'code') {
      apply(line, read.code);
      if (read.then?.kind === 'code') {
        const next = lines[i + 1];
        if (next) apply(next, read.then.code);
      } else if (read.then?.kind === 'pending') setBuffer(read.then.buffer);
    }
  };

  const saveLate = (line: RegisterLine) => {
    const value = typeof minutes === 'number' ? minutes : Number.parseInt(String(minutes), 10);
    if (!Number.isInteger(value) || value < 1) return;
    onMark({ line, code: 'L', minutesLate: value });
    setLatePupil(null);
    setActive((i) => Math.min(i + 1, lines.length - 1));
  };

  if (lines.length === 0) {
    return <Text c="dimmed">Nobody is expected at the Key this session.</Text>;
  }

  return (
    <Table
      role="grid"
      highlightOnHover
      verticalSpacing="xs"
      aria-label={`${register.baseName} register: pupils expected at the Key`}
      aria-describedby="register-keys"
    >
      <ColumnHeadings columns={['Pupil', 'Year', 'Mark', 'Change', 'Marked by']} />
      <Table.Tbody>
        {lines.map((line, i) => (
          <Table.Tr
            key={line.pupilId}
            ref={(el) => {
              rows.current[i] = el;
            }}
            tabIndex={i === index ? 0 : -1}
            aria-selected={i === index}
            aria-label={`${line.name}: ${line.code === null ? 'not marked' : `${line.code}, ${findCode(line.code)?.meaning ?? ''}`}`}
            onKeyDown={(event) => onKeyDown(event, line, i)}
            onFocus={() => setActive(i)}
            bg={i === index ? 'var(--mantine-color-blue-light)' : undefined}
            style={{ outlineOffset: -2 }}
          >
            <Table.Td>
              <Text fw={500}>{line.name}</Text>
              {line.note && (
                <Text size="xs" c="dimmed">
                  Added: {line.note}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{yearGroupLabel(line.yearGroup)}</Table.Td>
            <Table.Td>
              {latePupil === line.pupilId ? (
                <NumberInput
                  autoFocus
                  size="xs"
                  w={150}
                  min={1}
                  max={600}
                  label="Minutes late"
                  value={minutes}
                  onChange={setMinutes}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      saveLate(line);
                    } else if (event.key === 'Escape') {
                      event.preventDefault();
                      setLatePupil(null);
                    }
                  }}
                />
              ) : (
                <CodeBadge code={line.code} minutesLate={line.minutesLate} />
              )}
            </Table.Td>
            <Table.Td>
              <Select
                size="xs"
                w={220}
                searchable
                tabIndex={-1}
                aria-label={`Code for ${line.name}`}
                placeholder="Choose a code"
                data={CODE_OPTIONS}
                value={line.code}
                onChange={(code) => code && apply(line, code)}
                comboboxProps={{ withinPortal: true }}
              />
            </Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {line.markedBy ? `${line.markedBy} ${time(line.markedAt)}` : ''}
                {line.amendments > 0 ? ` · amended ${line.amendments === 1 ? 'once' : `${line.amendments} times`}` : ''}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
