import { useStatus } from './queries';

/**
 * True while this window has the data open read-only (another Key Desk holds the folder): screens
 * disable what would change data, so nobody types into a form the core will refuse.
 */
export function useReadOnly(): boolean {
  return useStatus().data?.readOnly === true;
}
