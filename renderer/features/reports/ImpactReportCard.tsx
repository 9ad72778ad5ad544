import { Card, Group, Select, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { unwrap } from '../../../shared/api/result';
import { academicYearLabel } from '../../../shared/domain/calendar';
import { academicYearOf } from '../../../shared/domain/pupils';
import { api } from '../../lib/api';
import { useMyBases, useStatus } from '../../lib/queries';
import { useToday } from '../../lib/today';
import { PdfButton } from './PdfButton';

const ALL = 'all';
/** The years offered: this one and the five before it. */
const YEARS_BACK = 5;

/** The provision's impact for an academic year at a base, or all bases (managers only: the core refuses teachers). */
export function ImpactReportCard() {
  const thisYear = academicYearOf(useToday());
  const [year, setYear] = useState(thisYear);
  const manager = useStatus().data?.user?.roles.includes('manager') ?? false;
  const { myBases, baseId: defaultBase } = useMyBases(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const baseId = chosen ?? (manager ? ALL : defaultBase);
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i).map((y) => ({ value: String(y), label: academicYearLabel(y) }));
  const bases = [...(manager ? [{ value: ALL, label: 'All bases' }] : []), ...myBases.map((b) => ({ value: b.id, label: b.name }))];
  const baseName = baseId === ALL ? 'All bases' : (myBases.find((b) => b.id === baseId)?.name ?? '');
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="impact-report">
      <Title order={3} size="h4" id="impact-report">
        Impact report
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        What the year&apos;s placements achieved, for the local authority: pupils placed, outcomes, attendance and suspensions before,
        during and after, SDQ change and plan outcomes, each with a table and a chart.
      </Text>
      <Group align="end">
        <Select label="Academic year" data={years} value={String(year)} onChange={(v) => v && setYear(Number(v))} allowDeselect={false} w={140} />
        <Select label="Base" data={bases} value={baseId} onChange={(v) => v && setChosen(v)} allowDeselect={false} w={200} />
        <PdfButton
          make={async () => unwrap(await api.reports.impact({ year, ...(baseId && baseId !== ALL ? { baseId } : {}) }))}
          title={`Impact report ${academicYearLabel(year)}: ${baseName}`}
          failed="The impact report was not made"
          disabled={!baseId}
        >
          Preview
        </PdfButton>
      </Group>
    </Card>
  );
}
