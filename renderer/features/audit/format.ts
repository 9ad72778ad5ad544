const two = (n: number) => String(n).padStart(2, '0');

/** An entry's UTC timestamp as staff read it on this PC's clock: dd/mm/yyyy HH:mm. */
export function formatUkDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${two(at.getDate())}/${two(at.getMonth() + 1)}/${at.getFullYear()} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** A column name from the database as words: `host_school` → "host school". */
export const fieldWords = (column: string) => column.replace(/_/g, ' ');

/** A recorded value as text: null and empty show as "(empty)"; lists and objects as JSON. */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
