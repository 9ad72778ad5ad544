import '@mantine/dates/styles.css';
import 'dayjs/locale/en-gb';
import { DateInput, DatesProvider } from '@mantine/dates';
import type { ReactNode } from 'react';
import { isDateInRange, isIsoDate } from '../../shared/domain/dates';

/**
 * A date typed the UK way (4/3/2025, 04/03/2025, 04-03-2025 or 04.03.2025) as ISO text; null until it
 * is a whole, real date that Key Desk takes (1900 to 2100, as the core checks). Mantine's own parser
 * would need a dayjs plugin and reads 04/03 as 3 April; dayjs would also show 01/01/0050 as 1950.
 */
export function parseUkDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) && isDateInRange(iso) ? iso : null;
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

export interface DateFieldProps {
  label: string;
  /** ISO `YYYY-MM-DD`, or '' / null while empty. */
  value: string | null;
  /** The ISO date once it is whole and real; '' when cleared. */
  onChange: (iso: string) => void;
  onBlur?: () => void;
  error?: ReactNode;
  description?: ReactNode;
  /** Replaces the visible label for assistive technology when the label is shown elsewhere (a column heading). */
  ariaLabel?: string;
  /** Makes the field clearable, with this name on its clear button. */
  clearLabel?: string;
  withAsterisk?: boolean;
  required?: boolean;
  autoFocus?: boolean;
  /** The month the calendar opens on while the field is empty. */
  defaultDate?: string;
  w?: number | string;
  /**
   * Whether the calendar opens at the end of the page (needed in a dialog, whose scrolling box would
   * cut it off) or in place (on a page, so it stays inside the main landmark for screen readers).
   */
  portal?: boolean;
}

/** A date typed as dd/mm/yyyy (or picked from a UK calendar that starts on Monday), held as ISO. */
export function DateField({
  label,
  value,
  onChange,
  onBlur,
  error,
  description,
  ariaLabel,
  clearLabel,
  withAsterisk,
  required,
  autoFocus,
  defaultDate,
  w,
  portal = true,
}: DateFieldProps) {
  return (
    <UkDates>
      <DateInput
        label={ariaLabel ? undefined : label}
        aria-label={ariaLabel}
        description={description}
        placeholder="dd/mm/yyyy"
        valueFormat="DD/MM/YYYY"
        dateParser={parseUkDate}
        clearable={!!clearLabel}
        clearButtonProps={clearLabel ? { 'aria-label': clearLabel } : undefined}
        value={value || null}
        onChange={(iso) => onChange(iso ?? '')}
        onBlur={onBlur}
        error={error}
        withAsterisk={withAsterisk}
        required={required}
        data-autofocus={autoFocus || undefined}
        defaultDate={defaultDate}
        ariaLabels={CALENDAR_LABELS}
        // Mantine's red weekends and grey days of other months are below AA contrast; neither matters here.
        weekendDays={[]}
        hideOutsideDates
        popoverProps={{ withinPortal: portal }}
        w={w}
      />
    </UkDates>
  );
}
