import { Alert, Anchor, Button, Card, Collapse, Progress, SimpleGrid, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { BaseBoard, BoardPupil, WaitingPupil } from '../../../shared/api/specs/placements';
import { formatUkDate } from '../../../shared/domain/dates';
import { yearGroupLabel } from '../../../shared/domain/pupils';
import { BaseHeading } from '../../components/BaseHeading';
import { ColumnHeadings, EmptyState, LoadError } from '../../components/ListParts';
import { count } from '../../lib/format';
import { useToday } from '../../lib/today';
import { useBoard } from './queries';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

export const pupilLink = (pupilId: string) => `/pupils/${pupilId}?tab=placement`;

function PupilName({ pupil }: { pupil: BoardPupil }) {
  return (
    <Anchor component={Link} to={pupilLink(pupil.pupilId)} fw={500}>
      {pupil.name}
    </Anchor>
  );
}

/**
 * A list's heading on a base's card. Each card has the same lists, so the base's name starts the
 * heading for screen readers: it names the list's region, and two bases with the same counts would
 * otherwise give two regions the same name.
 */
function ListTitle({ id, baseName, children }: { id: string; baseName?: string | undefined; children: ReactNode }) {
  return (
    <Title order={4} size="h6" id={id}>
      {baseName && <VisuallyHidden>{baseName}:</VisuallyHidden>} {children}
    </Title>
  );
}

/** One short list on a base's card: a heading, and a table of pupils or a line saying there are none. */
function PupilList({
  id,
  baseName,
  title,
  pupils,
  empty,
  dateHeading,
  date,
}: {
  id: string;
  /** Left out when the title already names the base. */
  baseName?: string;
  title: string;
  pupils: readonly BoardPupil[];
  empty: string;
  dateHeading: string;
  date: (p: BoardPupil) => ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <ListTitle id={id} baseName={baseName}>
        {title} ({pupils.length})
      </ListTitle>
      {pupils.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table verticalSpacing={4} aria-labelledby={id}>
          <ColumnHeadings columns={['Pupil', 'Year', dateHeading]} />
          <Table.Tbody>
            {pupils.map((p) => (
              <Table.Tr key={p.placementId}>
                <Table.Td>
                  <PupilName pupil={p} />
                </Table.Td>
                <Table.Td style={NOWRAP}>{yearGroupLabel(p.yearGroup)}</Table.Td>
                <Table.Td style={NOWRAP}>{date(p)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

const dateOrDash = (date: string | null) => (date ? formatUkDate(date) : '—');

function waitingLine(p: WaitingPupil, today: string): string {
  if (!p.placeFreeOn) return 'No place within two years';
  return p.placeFreeOn <= today ? 'Place free now' : `Place free from ${formatUkDate(p.placeFreeOn)}`;
}

function BaseCard({ board, today }: { board: BaseBoard; today: string }) {
  const { base } = board;
  const [placedOpen, { toggle }] = useDisclosure(false);
  const filled = board.placed.length;
  const full = filled >= base.places;
  const slug = `base-${base.id}`;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={slug}>
      <Stack gap="md">
        <BaseHeading base={base} id={slug} />
        <div>
          <Text size="lg" fw={600}>
            {filled} of {count(base.places, 'place')} filled today
          </Text>
          <Progress
            mt={6}
            value={base.places ? Math.min(100, (100 * filled) / base.places) : 0}
            color={full ? 'orange' : 'keyTeal'}
            aria-label={`${base.name}: ${filled} of ${base.places} places filled today`}
          />
          <Text size="sm" mt={6}>
            {full && 'Full today. '}
            {board.nextFreePlace === null
              ? 'No place free for a whole placement within two years.'
              : board.nextFreePlace <= today
                ? 'Next free place: today.'
                : `Next free place: ${formatUkDate(board.nextFreePlace)}.`}
          </Text>
          {board.overPlacesOn && (
            <Alert color="red" mt="sm" title={`More pupils than places on ${formatUkDate(board.overPlacesOn)}`}>
              A change to the school calendar or to the places has left {base.name} over its {count(base.places, 'place')}. Change a start date, or
              the places in Settings.
            </Alert>
          )}
        </div>

        <PupilList
          id={`${slug}-starting`}
          baseName={base.name}
          title="Starting in the next 4 weeks"
          pupils={board.startingSoon}
          empty="Nobody is due to start."
          dateHeading="Starts"
          date={(p) => dateOrDash(p.date)}
        />
        <PupilList
          id={`${slug}-ending`}
          baseName={base.name}
          title="Ending in the next 4 weeks"
          pupils={board.endingSoon}
          empty="Nobody is due to finish."
          dateHeading="Planned end"
          date={(p) => dateOrDash(p.date)}
        />
        <section aria-labelledby={`${slug}-waiting`}>
          <ListTitle id={`${slug}-waiting`} baseName={base.name}>
            Waiting list ({board.waiting.length})
          </ListTitle>
          {board.waiting.length === 0 ? (
            <Text size="sm" c="dimmed">
              Nobody is waiting for a place.
            </Text>
          ) : (
            <Table verticalSpacing={4} aria-labelledby={`${slug}-waiting`}>
              <ColumnHeadings columns={['Pupil', 'Year', 'Accepted', 'Place']} />
              <Table.Tbody>
                {board.waiting.map((p) => (
                  <Table.Tr key={p.placementId}>
                    <Table.Td>
                      <PupilName pupil={p} />
                    </Table.Td>
                    <Table.Td style={NOWRAP}>{yearGroupLabel(p.yearGroup)}</Table.Td>
                    <Table.Td style={NOWRAP}>{formatUkDate(p.since)}</Table.Td>
                    <Table.Td>{waitingLine(p, today)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </section>

        <div>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={toggle}
            aria-expanded={placedOpen}
            aria-controls={`${slug}-placed`}
            leftSection={placedOpen ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          >
            Placed now ({filled})
          </Button>
          <Collapse expanded={placedOpen} id={`${slug}-placed`}>
            <PupilList
              id={`${slug}-placed-title`}
              title={`Placed at ${base.name} today`}
              pupils={board.placed}
              empty="Nobody is placed today."
              dateHeading="Planned end"
              date={(p) => dateOrDash(p.date)}
            />
          </Collapse>
        </div>
      </Stack>
    </Card>
  );
}

/** Places at each base: how full it is today, who starts and ends soon, and who is waiting. */
export function BoardPage() {
  const board = useBoard();
  const today = useToday();
  return (
    <Stack>
      <div>
        <Title order={2}>Places</Title>
        <Text c="dimmed">Places filled at each base today, who starts and finishes in the next 4 weeks, and the waiting list.</Text>
      </div>
      <LoadError query={board} title="The places could not be loaded" />
      {board.isPending ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }} aria-busy="true" aria-label="Loading places">
          <Skeleton h={320} />
          <Skeleton h={320} />
        </SimpleGrid>
      ) : board.data && board.data.length === 0 ? (
        <EmptyState title="No bases to show.">Teachers see the bases they work at: ask an administrator to add yours under Staff.</EmptyState>
      ) : board.data ? (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          {board.data.map((b) => (
            <BaseCard key={b.base.id} board={b} today={today} />
          ))}
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}
