/** "19 of 24 places filled" style counts, with the plural right: for messages from the core and the UI alike. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
