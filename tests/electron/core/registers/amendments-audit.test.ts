import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import { AUDIT_PAGE_SIZE, describeAuditAction, type AuditEntry } from '../../../../shared/domain/audit';
import { TEST_MANAGER } from '../../../helpers/core';
import { placementsCore, type PlacementsCore } from '../placements/fixture';

/** Register amendments are kept in their own table, not copied into the JSON log, yet staff see them in the audit trail. */
let clock: Date;
let t: PlacementsCore;
let pupilId: string;
let otherPupilId: string;

const key = (date: string) => ({ baseId: t.parkgate.id, date, session: 'AM' as const });

async function moveClockTo(iso: string) {
  clock = new Date(iso);
  await t.call('app.status');
  unwrap(await t.call('session.unlock', { password: TEST_MANAGER.password }));
}

beforeEach(async () => {
  clock = new Date('2026-11-19T09:05:00Z');
  t = await placementsCore({ now: () => clock });
  pupilId = (await t.startedPupil('2026-11-02')).pupilId;
  otherPupilId = (await t.startedPupil('2026-11-02')).pupilId;
  // Thursday 19/11: marked ill, then the register closes and the mark is amended with a reason.
  await t.ok('registers.mark', { ...key('2026-11-19'), pupilId, code: 'I' });
  await t.ok('registers.mark', { ...key('2026-11-19'), pupilId: otherPupilId, code: 'L', minutesLate: 10 });
  await moveClockTo('2026-11-19T10:00:00Z');
  await t.ok('registers.mark', { ...key('2026-11-19'), pupilId, code: 'M', reason: 'Parent rang: dentist, not illness' });
  // Monday 23/11: the other pupil's late mark from Thursday turns out to be after the register closed.
  await moveClockTo('2026-11-23T11:00:00Z');
  await t.ok('registers.mark', { ...key('2026-11-19'), pupilId: otherPupilId, code: 'U', reason: 'Signed in at 09:40' });
});
afterEach(async () => {
  await t.cleanup();
});

const list = async (filters: Record<string, string> = {}, page = 0) => t.ok('audit.list', { filters, page });
const amendmentsIn = (entries: AuditEntry[]) => entries.filter((e) => e.action === 'changed-register-mark');

describe('register amendments in the audit trail', () => {
  it('shows each amendment, worded for staff, in date order with the rest of the trail, without copying marks into the log', async () => {
    expect(t.count('audit_log')).toBeGreaterThan(0);
    expect(Number(t.core.requireFile().sql.exec("SELECT count(*) FROM audit_log WHERE entity LIKE 'register%'")[0]?.values[0]?.[0])).toBe(0);
    const { entries } = await list();
    const amendments = amendmentsIn(entries);
    expect(amendments).toEqual([
      expect.objectContaining({
        at: '2026-11-23T11:00:00.000Z',
        staffName: 'Robin Ashdown',
        pupilId: otherPupilId,
        before: { code: 'L', minutesLate: 10 },
        after: { code: 'U', minutesLate: null },
        detail: 'Parkgate 19/11/2026 AM, L (10 min late) → U, reason: Signed in at 09:40',
      }),
      expect.objectContaining({
        at: '2026-11-19T10:00:00.000Z',
        pupilId,
        detail: 'Parkgate 19/11/2026 AM, I → M, reason: Parent rang: dentist, not illness',
      }),
    ]);
    expect(describeAuditAction(amendments[0]!)).toBe('Changed register mark');
    // Newest first across both sources.
    const times = entries.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(entries.map((e) => e.seq)).size).toBe(entries.length);
  });

  it('filters amendments by person, pupil and date like any other entry', async () => {
    const byPupil = await list({ pupilId });
    expect(amendmentsIn(byPupil.entries).map((e) => e.detail)).toEqual([expect.stringContaining('I → M')]);
    const byManager = await list({ staffId: t.core.sessions.requireUser().id });
    expect(amendmentsIn(byManager.entries)).toHaveLength(2);
    expect(amendmentsIn((await list({ staffId: 'key-desk' })).entries)).toEqual([]);
    const monday = await list({ from: '2026-11-23', to: '2026-11-23' });
    expect(amendmentsIn(monday.entries).map((e) => e.pupilId)).toEqual([otherPupilId]);
    const before = await list({ to: '2026-11-22' });
    expect(amendmentsIn(before.entries).map((e) => e.pupilId)).toEqual([pupilId]);
    expect(before.total).toBe(before.entries.length);
  });

  it('pages through log entries and amendments together: every entry once, the total counting both', async () => {
    // Enough amendments that they run across a page boundary.
    for (let i = 0; i < 40; i++) {
      await moveClockTo(`2026-11-23T12:${String(i).padStart(2, '0')}:00Z`);
      await t.ok('registers.mark', { ...key('2026-11-19'), pupilId, code: i % 2 ? 'M' : 'I', reason: `Correction ${i + 1}` });
    }
    const first = await list();
    expect(first.entries[0]?.detail).toBe('Parkgate 19/11/2026 AM, I → M, reason: Correction 40');
    const logRows = t.count('audit_log');
    expect(first.total).toBe(logRows + 42);
    expect(first.total).toBeGreaterThan(AUDIT_PAGE_SIZE);
    const all: AuditEntry[] = [];
    for (let page = 0; page * AUDIT_PAGE_SIZE < first.total; page++) all.push(...(await list({}, page)).entries);
    expect(all).toHaveLength(first.total);
    expect(new Set(all.map((e) => e.seq)).size).toBe(first.total);
    expect(amendmentsIn(all)).toHaveLength(42);
    const times = all.map((e) => e.at);
    expect(times).toEqual([...times].sort().reverse());
  });

  it('includes amendments in the CSV export', async () => {
    const { csv } = await t.ok('audit.export', { filters: { pupilId } });
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    const amended = rows.filter((r) => r.What === 'Changed register mark');
    expect(amended).toEqual([
      expect.objectContaining({ Who: 'Robin Ashdown', 'Pupil id': pupilId, Detail: 'Parkgate 19/11/2026 AM, I → M, reason: Parent rang: dentist, not illness' }),
    ]);
    expect(amended[0]!.Before).toMatch(/Code: I/);
    expect(amended[0]!.After).toMatch(/Code: M/);
  });
});
