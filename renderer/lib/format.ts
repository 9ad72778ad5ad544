export { formatUkDate } from '../../shared/domain/dates';

/** "19 of 24 places filled" style counts, with the plural right. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
