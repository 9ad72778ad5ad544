import { Alert, Box, Paper, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

/** Why a list could not be shown, while its query has failed. */
export function LoadError({ query, title }: { query: { isError: boolean; error: Error | null }; title: string }) {
  if (!query.isError) return null;
  return (
    <Alert color="red" title={title}>
      {query.error?.message}
    </Alert>
  );
}

/** Grey rows where a table will be, named for screen readers. */
export function LoadingRows({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} h={36} />
      ))}
    </Stack>
  );
}

/** An empty list: what is (not) there, and what to do about it. */
export function EmptyState({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p="lg">
      <Text fw={500}>{title}</Text>
      <Text c="dimmed" mt={4}>
        {children}
      </Text>
    </Paper>
  );
}

/** A column heading only screen readers need (the buttons or badges below it say what they are). */
export function HiddenHeader({ children }: { children: ReactNode }) {
  return (
    <Table.Th scope="col">
      <VisuallyHidden>{children}</VisuallyHidden>
    </Table.Th>
  );
}

/** A column's heading: its words, or `{ hidden }` for one only screen readers need. */
export type ColumnHeading = string | { hidden: string };

/**
 * A table's head: one column header for each heading, in order. A heading given as `false` (or
 * nothing) is left out, e.g. the actions column for someone who cannot take them.
 */
export function ColumnHeadings({ columns }: { columns: ReadonlyArray<ColumnHeading | false | null | undefined> }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column) =>
          !column ? null : typeof column === 'string' ? (
            <Table.Th key={column} scope="col">
              {column}
            </Table.Th>
          ) : (
            <HiddenHeader key={column.hidden}>{column.hidden}</HiddenHeader>
          ),
        )}
      </Table.Tr>
    </Table.Thead>
  );
}

/**
 * A striped table named `label`, in a focusable region that scrolls sideways: a wide one can be
 * scrolled with the keyboard too.
 */
export function ScrollingTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={`${label} (scrolls sideways)`}>
      <Table striped withTableBorder aria-label={label}>
        {children}
      </Table>
    </Box>
  );
}
