import '@mantine/dates/styles.css';
import 'dayjs/locale/en-gb';
import { DateInput, DatesProvider } from '@mantine/dates';
import type { ReactNode } from 'react';
import { isIsoDate } from '../../../shared/domain/dates';

/**
 * A date typed the UK way (4/3/2025, 04/03/2025, 04-03-2025 or 04.03.2025) as ISO text; null until it
 * is a whole, real date. Mantine's own parser would need a dayjs plugin and reads 04/03 as 3 April.
 */
export function parseUkDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const CALENDAR_LABELS = {
  monthLevelControl: 'Choose a month',
  yearLevelControl: 'Choose a year',
  nextMonth: 'Next month',
  previousMonth: 'Previous month',
  nextYear: 'Next year',
  previousYear: 'Previous year',
  nextDecade: 'Next ten years',
  previousDecade: 'Previous ten years',
};

/** Calendars in UK English, weeks starting on Monday. */
export function UkDates({ children }: { children: ReactNode }) {
  return <DatesProvider settings={{ locale: 'en-gb', firstDayOfWeek: 1 }}>{children}</DatesProvider>;
}

/** A date filter: typed as dd/mm/yyyy or picked from a calendar; '' when empty. */
export function DateFilter({ label, value, onChange, error }: { label: string; value: string; onChange: (iso: string) => void; error?: ReactNode }) {
  return (
    <DateInput
      label={label}
      placeholder="dd/mm/yyyy"
      valueFormat="DD/MM/YYYY"
      dateParser={parseUkDate}
      clearable
      clearButtonProps={{ 'aria-label': `Clear ${label.toLowerCase()} date` }}
      value={value || null}
      onChange={(iso) => onChange(iso ?? '')}
      error={error}
      ariaLabels={CALENDAR_LABELS}
      // Mantine's red weekends and grey days of other months are below AA contrast; neither matters here.
      weekendDays={[]}
      hideOutsideDates
    />
  );
}
