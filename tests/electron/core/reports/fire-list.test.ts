import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stopPdfWorker } from '../../../../electron/core/reports/client';
import { unwrap } from '../../../../shared/api/result';
import { TEST_MANAGER } from '../../../helpers/core';
import { pdfPages } from '../../../helpers/pdf-text';
import { placementsCore, type PlacementsCore } from '../placements/fixture';

/** The classroom clock: Monday 23/11/2026, a quarter past nine (the morning register is open). */
const MONDAY = '2026-11-23';
let clock: Date;
let t: PlacementsCore;

beforeEach(async () => {
  clock = new Date('2026-11-23T09:15:00Z');
  t = await placementsCore({ now: () => clock });
});
afterEach(async () => {
  await t.cleanup();
});
afterAll(async () => {
  await stopPdfWorker();
});

/** Hours later the screen has locked: unlock it, as staff would. */
async function moveClockTo(iso: string) {
  clock = new Date(iso);
  await t.call('app.status');
  unwrap(await t.call('session.unlock', { password: TEST_MANAGER.password }));
}

/** A pupil placed at Parkgate since 02/11 (at the Key Monday to Thursday), named as given. */
async function pupilNamed(first: string, last: string): Promise<string> {
  const { pupilId } = await t.startedPupil('2026-11-02');
  await t.core.requireDb().updateTable('pupils').set({ legal_first_name: first, legal_last_name: last }).where('id', '=', pupilId).execute();
  return pupilId;
}

const mark = (pupilId: string, code: string, minutesLate?: number) =>
  t.ok('registers.mark', { baseId: t.parkgate.id, date: MONDAY, session: 'AM', pupilId, code, ...(minutesLate ? { minutesLate } : {}) });

async function fireList(baseId = t.parkgate.id) {
  const file = await t.ok('reports.fireList', { baseId });
  return { fileName: file.fileName, pages: await pdfPages(Buffer.from(file.pdf, 'base64')) };
}

describe('the fire list', { timeout: 60_000 }, () => {
  it('lists the pupils marked present, apart from those not yet marked, on one A4 page', async () => {
    const zoe = await pupilNamed('Zoë', 'Ødegård');
    const oleg = await pupilNamed('Олег', 'Ñúñez');
    const absent = await pupilNamed('Absent', 'Pupilcase');
    await pupilNamed('Waiting', 'Pupilcase');
    await mark(zoe, '/');
    await mark(oleg, 'L', 12);
    await mark(absent, 'I');

    const { fileName, pages } = await fireList();
    expect(fileName).toBe('Fire list - Parkgate - 2026-11-23 0915.pdf');
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).toContain('Fire list: Parkgate');
    expect(text).toContain('Morning (AM) session of 23/11/2026, register from 09:00');
    expect(text).toContain('Page 1 of 1');
    expect(text).toContain('Produced by Key Desk on 23/11/2026 09:15');
    // Names with accents and in Cyrillic come back as text, whole (never hyphenated).
    const onSite = text.slice(text.indexOf('Pupils on site'), text.indexOf('Not yet marked:'));
    expect(onSite).toContain('Zoë Ødegård');
    expect(onSite).toContain('Олег Ñúñez');
    expect(onSite).toContain('Late (12 min)');
    expect(onSite).not.toContain('Waiting');
    const notYetMarked = text.slice(text.indexOf('Not yet marked:'), text.indexOf('Signed in to Key Desk'));
    expect(notYetMarked).toContain('Waiting Pupilcase');
    expect(notYetMarked).not.toContain('Zoë');
    // Marked absent: counted, never listed as on site.
    expect(text).not.toContain('Absent Pupilcase');
    expect(text).toContain('1 pupil is marked absent or off site');
    // The signed-in manager is listed under staff.
    expect(text.slice(text.indexOf('Signed in to Key Desk'))).toContain('Manager');
  });

  it('follows the clock to the afternoon register, where nobody is marked yet', async () => {
    const zoe = await pupilNamed('Zoë', 'Ødegård');
    await mark(zoe, '/');
    await moveClockTo('2026-11-23T13:05:00Z');
    const { fileName, pages } = await fireList();
    expect(fileName).toBe('Fire list - Parkgate - 2026-11-23 1305.pdf');
    expect(pages[0]).toContain('Afternoon (PM) session of 23/11/2026');
    const notYetMarked = pages[0]!.slice(pages[0]!.indexOf('Not yet marked:'));
    expect(notYetMarked).toContain('Zoë Ødegård');
    expect(pages[0]).toContain('No pupil is marked present');
  });

  it('says plainly when there is no register today', async () => {
    await moveClockTo('2026-11-28T10:00:00Z');
    const { pages } = await fireList();
    expect(pages[0]).toContain('No register today (a Saturday)');
  });

  it('is refused for a base Key Desk does not know', async () => {
    const result = await t.call('reports.fireList', { baseId: '00000000-0000-4000-8000-000000000000' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'baseId' } });
  });
});
