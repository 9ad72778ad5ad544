import { Alert, Button, Group, List, Modal, Stack, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { CallInput } from '../../../shared/api/contract';
import type { CalendarChangeEffect } from '../../../shared/api/specs/calendar';
import { formatUkDate } from '../../../shared/domain/dates';
import { count } from '../../../shared/domain/words';
import { FormAlert } from '../../components/FormAlert';
import { previewCalendarChange } from './queries';
import { ColumnHeadings } from '../../components/ListParts';

export type CalendarChange = CallInput<'calendar.previewChange'>;

export const changesNothing = (effect: CalendarChangeEffect) => effect.moved.length === 0 && effect.overPlaces.length === 0;
export const overPlaces = (effect: CalendarChangeEffect | undefined) => (effect?.overPlaces.length ?? 0) > 0;

/** A base's days over its places, listed up to `shown` of them. */
function overDays(days: CalendarChangeEffect['overPlaces'][number]['days'], shown = 10): string {
  const listed = days.slice(0, shown).map((d) => `${formatUkDate(d.date)} (${count(d.pupils, 'pupil')})`);
  const more = days.length - listed.length;
  return `${listed.join(', ')}${more > 0 ? ` and ${count(more, 'more school day')}` : ''}`;
}

/** What a calendar change does to placements: planned ends that move, and days a base goes over its places. */
export function ChangeEffect({ effect }: { effect: CalendarChangeEffect }) {
  if (changesNothing(effect)) return <Text size="sm">No placement&apos;s planned end moves, and every base keeps within its places.</Text>;
  return (
    <Stack gap="sm">
      {effect.overPlaces.length > 0 && (
        <Alert color="red" title="A base would have more pupils than places">
          <List size="sm" spacing={4}>
            {effect.overPlaces.map((b) => (
              <List.Item key={b.baseId}>
                {b.baseName} ({count(b.places, 'place')}) on {count(b.days.length, 'school day')}: {overDays(b.days)}.
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {effect.moved.length > 0 && (
        <Table verticalSpacing={4} aria-label="Placements whose planned end moves">
          <ColumnHeadings columns={['Pupil', 'Base', 'Planned end now', 'Planned end after']} />
          <Table.Tbody>
            {effect.moved.map((m) => (
              <Table.Tr key={m.placementId}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td>{m.baseName}</Table.Td>
                <Table.Td>{formatUkDate(m.plannedEndBefore)}</Table.Td>
                <Table.Td>{formatUkDate(m.plannedEndAfter)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** The sentence above the effect: what the change does, and what saving anyway means. */
function effectSummary(effect: CalendarChangeEffect): string {
  const moved = effect.moved.length > 0 ? `${count(effect.moved.length, "placement's planned end", "placements' planned ends")} ${effect.moved.length === 1 ? 'moves' : 'move'}.` : '';
  const over = overPlaces(effect) ? ' Saving anyway leaves the base over its places on those days until you change a start, an end or the places.' : '';
  return `${moved}${over}`.trim();
}

/**
 * For forms that save a calendar change: asks the core what the change would do first, saves at once
 * when nothing moves, and otherwise shows the effect and saves only when the manager confirms. `check`
 * throws what the preview refuses, for the form to show under its field.
 */
export function useCheckedCalendarSave(title: string) {
  const [pending, setPending] = useState<{ effect: CalendarChangeEffect; save: (confirmOverPlaces: boolean) => Promise<void> } | null>(null);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const close = () => {
    setPending(null);
    setError(undefined);
  };

  const check = async (change: CalendarChange, save: (confirmOverPlaces: boolean) => Promise<void>) => {
    const effect = await previewCalendarChange(change);
    if (changesNothing(effect)) return save(false);
    setError(undefined);
    setPending({ effect, save });
  };

  const confirm = async () => {
    if (!pending) return;
    setSaving(true);
    try {
      await pending.save(overPlaces(pending.effect));
      close();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const over = overPlaces(pending?.effect);
  const dialog: ReactNode = (
    <Modal opened={pending !== null} onClose={close} title={title} size="lg">
      {pending && (
        <Stack gap="sm">
          <Text>{effectSummary(pending.effect)}</Text>
          <ChangeEffect effect={pending.effect} />
          <FormAlert title="Not saved" message={error} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close} data-autofocus>
              Cancel
            </Button>
            <Button color={over ? 'red.9' : undefined} onClick={() => void confirm()} loading={saving}>
              {over ? 'Save anyway' : 'Save'}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
  return { check, dialog };
}
