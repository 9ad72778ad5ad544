/** A local clock time on `date` in England as a UTC instant: British Summer Time runs from the last Sunday of March to the last Sunday of October. */
export function londonInstant(date: string, time: string): string {
  const year = Number(date.slice(0, 4));
  const lastSunday = (month: number) => {
    const d = new Date(Date.UTC(year, month + 1, 0));
    d.setUTCDate(d.getUTCDate() - d.getUTCDay());
    return d.toISOString().slice(0, 10);
  };
  const summer = date >= lastSunday(2) && date < lastSunday(9);
  return new Date(Date.parse(`${date}T${time}:00.000Z`) - (summer ? 3_600_000 : 0)).toISOString();
}

/**
 * The moment in the demo's story when staff record something on `date`, at a local `time`, never
 * after the moment the demo is made (`now`): what happens today happened this morning.
 */
export function storyClock(now: string): (date: string, time: string) => { today: string; now: string } {
  return (date, time) => {
    const at = londonInstant(date, time);
    return { today: date, now: at < now ? at : now };
  };
}
