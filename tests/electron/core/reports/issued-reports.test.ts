import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stopPdfWorker } from '../../../../electron/core/reports/client';
import { pdfText } from '../../../helpers/pdf-text';
import { placementsCore, type PlacementsCore } from '../placements/fixture';

/** Monday 23/11/2026, a quarter past nine: the morning register is open. */
const MONDAY = '2026-11-23';
let t: PlacementsCore;

beforeEach(async () => {
  t = await placementsCore({ now: () => new Date('2026-11-23T09:15:00Z') });
});
afterEach(async () => {
  await t.cleanup();
});
afterAll(async () => {
  await stopPdfWorker();
});

async function pupilNamed(first: string, last: string): Promise<string> {
  const { pupilId } = await t.startedPupil('2026-11-02');
  await t.core.requireDb().updateTable('pupils').set({ legal_first_name: first, legal_last_name: last }).where('id', '=', pupilId).execute();
  return pupilId;
}

const mark = (pupilId: string, code: string) => t.ok('registers.mark', { baseId: t.parkgate.id, date: MONDAY, session: 'AM', pupilId, code });
const text = (file: { pdf: string }) => pdfText(Buffer.from(file.pdf, 'base64'));
const onSite = (all: string) => all.slice(all.indexOf('Pupils on site'), all.indexOf('Not yet marked:'));

describe('issued reports', { timeout: 60_000 }, () => {
  it('reprints a report exactly as issued after the register has changed, and numbers each issue', async () => {
    const zoe = await pupilNamed('Zoë', 'Ødegård');
    await mark(zoe, '/');
    const issued = await t.ok('reports.issue', { kind: 'fire-list', baseId: t.parkgate.id });
    expect(issued.issued).toMatchObject({ version: 1, kind: 'fire-list', baseId: t.parkgate.id, fileName: issued.fileName });
    const asIssued = await text(issued);
    expect(onSite(asIssued)).toContain('Zoë Ødegård');

    // Zoë's mark is changed to illness: today's list leaves her out, the issued one keeps her.
    await mark(zoe, 'I');
    expect(onSite(await text(await t.ok('reports.fireList', { baseId: t.parkgate.id })))).not.toContain('Zoë');
    const reprint = await t.ok('reports.reprint', { id: issued.issued.id });
    expect(reprint.fileName).toBe(issued.fileName);
    expect(await text(reprint)).toBe(asIssued);

    const second = await t.ok('reports.issue', { kind: 'fire-list', baseId: t.parkgate.id });
    expect(second.issued.version).toBe(2);
    expect(onSite(await text(second))).not.toContain('Zoë');
    const listed = await t.ok('reports.issuedList', { baseId: t.parkgate.id });
    expect(listed.map((r) => r.version)).toEqual([2, 1]);
    expect(listed[0]).not.toHaveProperty('data');

    const audit = await t.core.requireDb().selectFrom('audit_log').select(['action', 'detail']).where('entity', '=', 'issued_reports').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['report-issued', 'report-reprinted', 'report-issued']);
    expect(audit[1]!.detail).toContain('Version 1 of the fire list');
  });

  it('never lets an issued report be changed or removed, even from inside the core', async () => {
    const issued = await t.ok('reports.issue', { kind: 'fire-list', baseId: t.parkgate.id });
    const db = t.core.requireDb();
    await expect(db.updateTable('issued_reports').set({ data: '{}' }).where('id', '=', issued.issued.id).execute()).rejects.toThrow(/never changed/);
    await expect(db.deleteFrom('issued_reports').where('id', '=', issued.issued.id).execute()).rejects.toThrow(/never deleted/);
    expect(await text(await t.ok('reports.reprint', { id: issued.issued.id }))).toBe(await text(issued));
  });

  it('refuses a report that does not exist, naming the field', async () => {
    const result = await t.call('reports.reprint', { id: '0b7f3c2e-5d1a-4c8e-9f6b-2a4d8e1c7b90' });
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'That issued report is not one Key Desk knows.', field: 'id' } });
    const noBase = await t.call('reports.issue', { kind: 'fire-list' });
    expect(noBase).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'baseId' } });
  });
});
