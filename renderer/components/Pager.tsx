import { Group, Pagination } from '@mantine/core';

const CONTROL_LABELS = { first: 'First page', previous: 'Previous page', next: 'Next page', last: 'Last page' } as const;

/** Numbered pages under a long list, in a navigation landmark named `label`, each button named. */
export function Pager({ label, total, value, onChange }: { label: string; total: number; value: number; onChange: (page: number) => void }) {
  return (
    <Group justify="center" component="nav" aria-label={label}>
      <Pagination
        total={total}
        value={value}
        onChange={onChange}
        withEdges
        getItemProps={(n) => ({ 'aria-label': `Page ${n}` })}
        getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
      />
    </Group>
  );
}
