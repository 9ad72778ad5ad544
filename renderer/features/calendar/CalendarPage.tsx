import { Alert, Button, Group, Modal, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { academicYearLabel, typicalTerms, type SchoolYear } from '../../../shared/domain/calendar';
import { academicYearOf } from '../../../shared/domain/pupils';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { useToday } from '../../lib/today';
import { Closures, PreviewNote } from './Closures';
import { overPlaces } from './ChangeEffect';
import { useCalendarChangePreview, useCalendarYears, useCopyYear, useSchoolYear } from './queries';
import { TermsForm } from './TermsForm';

/** Next year's terms and INSET days from this year's pattern, after asking. */
function CopyYear({ year, nextExists, onCopied }: { year: SchoolYear; nextExists: boolean; onCopied: (year: number) => void }) {
  const copy = useCopyYear();
  const [opened, setOpened] = useState(false);
  const from = academicYearLabel(year.academicYear);
  const to = academicYearLabel(year.academicYear + 1);
  const preview = useCalendarChangePreview(opened ? { change: 'copyYear', input: { fromYear: year.academicYear } } : null);
  const over = overPlaces(preview.data);
  const close = () => {
    setOpened(false);
    copy.reset();
  };
  const confirm = () =>
    copy.mutate(
      { fromYear: year.academicYear, confirmOverPlaces: over },
      {
        onSuccess: (copied) => {
          notifications.show({ title: `${to} created from ${from}`, message: 'Check the new dates against the published calendar.' });
          setOpened(false);
          onCopied(copied.academicYear);
        },
      },
    );
  return (
    <>
      <Stack gap={2} align="flex-end">
        <Button
          variant="default"
          leftSection={<IconCopy size={18} aria-hidden />}
          disabled={nextExists || year.terms.length === 0}
          onClick={() => setOpened(true)}
          aria-describedby="copy-year-note"
        >
          Copy to {to}
        </Button>
        <Text size="xs" c="dimmed" id="copy-year-note">
          {nextExists ? `${to} already has term dates.` : year.terms.length === 0 ? `Save ${from}'s terms first.` : `Starts ${to} from this year's pattern.`}
        </Text>
      </Stack>
      <Modal opened={opened} onClose={close} title={`Copy ${from} to ${to}?`}>
        <PreviewNote preview={preview} />
        <ConfirmPanel
          note="Afterwards, check the new dates against the calendar the Key follows and change any that differ."
          error={copy.error?.message ?? preview.error?.message}
          errorTitle="Nothing was copied"
          onCancel={close}
          confirmLabel={over ? `Copy to ${to} anyway` : `Copy to ${to}`}
          onConfirm={confirm}
          loading={copy.isPending || preview.isFetching}
        >
          {to} gets {from}&apos;s half terms and INSET days, each moved on a year to the same weekday. {to}&apos;s bank holidays are added by
          their own rules.
        </ConfirmPanel>
      </Modal>
    </>
  );
}

/** The school calendar: half terms and closures for each academic year, which every timetable follows. */
export function CalendarPage() {
  const years = useCalendarYears();
  const current = academicYearOf(useToday());
  const [chosen, setChosen] = useState<number | null>(null);
  const selected = chosen ?? current;
  const year = useSchoolYear(selected);
  const options = [...new Set([...(years.data ?? []), current])].sort((a, b) => a - b);
  const isNew = !!year.data && year.data.terms.length === 0;
  // A year with no terms yet starts from the typical English pattern, for staff to check and save.
  const shown: SchoolYear | undefined = year.data && (isNew ? { ...year.data, terms: typicalTerms(year.data.academicYear) } : year.data);

  return (
    <Stack>
      <div>
        <Title order={2}>School calendar</Title>
        <Text c="dimmed" maw={820}>
          Key Desk comes with typical term dates for 2023/24 to 2030/31, five INSET days in each to check with your local authority, and
          England and Wales bank holidays, all of which can be changed here. Term dates differ between Coventry&apos;s community schools and
          academies, so check them against the calendar the Key follows.
        </Text>
      </div>
      <Group justify="space-between" align="flex-end">
        <Select
          label="Academic year"
          data={options.map((y) => ({ value: String(y), label: `${academicYearLabel(y)}${y === current ? ' (this year)' : ''}` }))}
          value={String(selected)}
          onChange={(v) => v && setChosen(Number(v))}
          allowDeselect={false}
          w={200}
        />
        {shown && <CopyYear year={year.data!} nextExists={(years.data ?? []).includes(selected + 1)} onCopied={setChosen} />}
      </Group>

      {(years.isError || year.isError) && (
        <Alert color="red" title="The calendar could not be loaded">
          {(year.error ?? years.error)?.message}
        </Alert>
      )}
      {year.isPending ? (
        <Stack gap="xs" aria-busy="true" aria-label="Loading the calendar">
          <Skeleton h={320} />
          <Skeleton h={200} />
        </Stack>
      ) : shown ? (
        <>
          <TermsForm key={`${shown.academicYear}:${JSON.stringify(shown.terms)}`} year={shown} isNew={isNew} />
          <Closures year={shown} />
        </>
      ) : null}
    </Stack>
  );
}
