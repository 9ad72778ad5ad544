import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopPdfWorker } from '../../../../electron/core/reports/client';
import { unwrap } from '../../../../shared/api/result';
import { ABOUT_ME_FIELDS } from '../../../../shared/domain/plans';
import { startDemoCore } from '../../../helpers/core';
import { pdfImageCount, pdfPages } from '../../../helpers/pdf-text';

/** The demo file on Monday 23/11/2026 (TEST_NOW), signed in as the demo manager. */
let t: Awaited<ReturnType<typeof startDemoCore>>;
beforeAll(async () => {
  t = await startDemoCore();
}, 120_000);
afterAll(async () => {
  await stopPdfWorker();
  await t?.cleanup();
});

const db = () => t.core.requireDb();
/** A page's text with line breaks as spaces: a label that wraps still reads whole. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const pdfOf = (file: { pdf: string }) => Buffer.from(file.pdf, 'base64');

async function passport(placementId: string) {
  const file = unwrap(await t.call('reports.passport', { placementId }));
  return { fileName: file.fileName, pages: (await pdfPages(pdfOf(file))).map(flat) };
}

async function impact(year: number, baseId?: string) {
  const file = unwrap(await t.call('reports.impact', { year, ...(baseId ? { baseId } : {}) }));
  const pages = (await pdfPages(pdfOf(file))).map(flat);
  return { fileName: file.fileName, pages, text: pages.join('\n'), images: await pdfImageCount(pdfOf(file)) };
}

/** The demo pupil with a plan whose newest version is reviewed, and the placement it belongs to. */
async function pupilWithPlan() {
  const row = await db()
    .selectFrom('support_plans as sp')
    .innerJoin('pupils as u', 'u.id', 'sp.pupil_id')
    .select(['sp.id as planId', 'sp.placement_id as placementId', 'u.id as pupilId', 'u.legal_first_name', 'u.legal_last_name', 'u.preferred_name'])
    .orderBy('u.legal_last_name')
    .executeTakeFirstOrThrow();
  const plans = unwrap(await t.call('plans.forPupil', { pupilId: row.pupilId }));
  const plan = plans.placements.find((p) => p.placementId === row.placementId)!.plan!;
  return { ...row, plan, first: row.preferred_name ?? row.legal_first_name };
}

describe('the pupil passport', { timeout: 120_000 }, () => {
  it('puts the newest plan version’s "about me" on one A4 page with the header box', async () => {
    const p = await pupilWithPlan();
    const about = p.plan.versions.at(-1)!.content.aboutMe;
    const keyworker = await db().selectFrom('keyworker_assignments as k').innerJoin('staff as s', 's.id', 'k.staff_id').select('s.name').where('k.placement_id', '=', p.placementId).orderBy('k.seq', 'desc').executeTakeFirst();
    const placement = await db().selectFrom('placements as pl').innerJoin('bases as b', 'b.id', 'pl.base_id').select('b.name').where('pl.id', '=', p.placementId).executeTakeFirstOrThrow();

    const { fileName, pages } = await passport(p.placementId);
    expect(fileName).toBe(`${p.legal_last_name} ${p.first} - Pupil passport - 2026-11-23.pdf`);
    expect(pages).toHaveLength(1);
    const text = pages[0]!;
    expect(text).toContain('OFFICIAL-SENSITIVE');
    expect(text).toContain('Page 1 of 1');
    expect(text).toContain(`Pupil passport: ${p.first} ${p.legal_last_name}`);
    expect(text).toContain(`My Support Plan version ${p.plan.versions.at(-1)!.number}`);
    for (const heading of ['My strengths', 'What helps me', 'What I find hard, and what does not help me', 'Signs I am struggling', 'How to help me when I am struggling', 'Who I trust']) {
      expect(text).toContain(heading);
    }
    for (const field of ['strengths', 'whatHelps', 'whatDoesNotHelp', 'signsStruggling', 'howToHelp', 'whoITrust'] as const) expect(text).toContain(about[field]);
    expect(text).toContain(placement.name);
    expect(text).toContain(keyworker?.name ?? 'Not assigned yet');
    const audit = await db().selectFrom('audit_log').select(['detail']).where('action', '=', 'printed-passport').execute();
    expect(audit.map((a) => a.detail)).toContain(`${p.first} ${p.legal_last_name}`);
  });

  it('stays on one page when every section is as long as the plan allows, and says it was shortened', async () => {
    const p = await pupilWithPlan();
    unwrap(await t.call('plans.newDraft', { planId: p.planId }));
    const plans = unwrap(await t.call('plans.forPupil', { pupilId: p.pupilId }));
    const draft = plans.placements.find((x) => x.placementId === p.placementId)!.plan!.versions.at(-1)!;
    const sentence = 'When the room gets loud I need a quiet space, a calm adult nearby and time to settle before we talk about what happened. ';
    const long = (word: string) => `${word} ${word} ${sentence.repeat(20)}`.slice(0, 1200) + '\n' + `Also: ${sentence.repeat(10)}`.slice(0, 790);
    const aboutMe = Object.fromEntries(ABOUT_ME_FIELDS.map((f) => [f, long(f.toUpperCase())]));
    unwrap(await t.call('plans.saveDraft', { versionId: draft.id, content: { ...draft.content, aboutMe } }));

    const { pages } = await passport(p.placementId);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('Page 1 of 1');
    expect(pages[0]).toContain('shortened');
    // Every section keeps its opening words.
    for (const field of ['STRENGTHS', 'WHATHELPS', 'WHATDOESNOTHELP', 'SIGNSSTRUGGLING', 'HOWTOHELP', 'WHOITRUST']) expect(pages[0]).toContain(`${field} ${field}`);
    expect(pages[0]).toContain(`My Support Plan version ${draft.number} (draft`);
  });

  it('says plainly in each section that there is no plan yet', async () => {
    const row = await db()
      .selectFrom('placements as p')
      .leftJoin('support_plans as sp', 'sp.placement_id', 'p.id')
      .select('p.id')
      .where('sp.id', 'is', null)
      .where('p.decision', '=', 'accepted')
      .where('p.base_id', 'is not', null)
      .executeTakeFirstOrThrow();
    const { pages } = await passport(row.id);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.split('No My Support Plan yet: nothing to put in the passport.')).toHaveLength(7);
  });
});

describe('the impact report', { timeout: 120_000 }, () => {
  it('counts 2025/26 at every base from the database, with vector charts on framed pages', async () => {
    const { fileName, pages, text, images } = await impact(2025);
    expect(fileName).toBe('Impact report - All bases - 2025-26.pdf');
    expect(images).toBe(0);
    pages.forEach((page, i) => {
      expect(page).toContain('OFFICIAL-SENSITIVE');
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
    expect(text).toContain('Impact report 2025/26');
    expect(text).toContain('Placements running from 01/09/2025 to 31/08/2026');

    const onRoll = await db()
      .selectFrom('placements')
      .select(['id', 'pupil_id', 'start_date', 'end_date', 'outcome'])
      .where('decision', '=', 'accepted')
      .where('start_date', '<=', '2026-08-31')
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', '2025-09-01')]))
      .execute();
    expect(onRoll.length).toBeGreaterThan(0);
    const distinct = new Set(onRoll.map((p) => p.pupil_id)).size;
    expect(text).toMatch(new RegExp(`${distinct}\\s+Pupils on roll during the year`));
    const started = onRoll.filter((p) => p.start_date! >= '2025-09-01').length;
    expect(text).toMatch(new RegExp(`${started}\\s+Placements started in the year`));
    const ended = onRoll.filter((p) => p.end_date !== null && p.end_date <= '2026-08-31');
    const returned = ended.filter((p) => p.outcome === 'returned-full-time').length;
    expect(text).toMatch(new RegExp(`${returned} \\(${Math.round((returned / ended.length) * 100)}%\\)\\s+Returned full time to the home school`));

    const before = await db().selectFrom('referral_before').select(['attendance_percent', 'suspensions']).where('placement_id', 'in', onRoll.map((p) => p.id)).execute();
    const att = before.flatMap((b) => (b.attendance_percent === null ? [] : [b.attendance_percent]));
    const avg = Math.round((att.reduce((a, b) => a + b, 0) / att.length) * 10) / 10;
    expect(text).toMatch(new RegExp(`${avg.toFixed(1)}%\\s+Before: average \\(${att.length} pupils\\)`));
    const suspensions = before.reduce((a, b) => a + (b.suspensions ?? 0), 0);
    expect(text).toMatch(new RegExp(`${suspensions}\\s+Suspensions before`));

    // The SDQ and plan figures are the cohort view's for the same year.
    const cohort = unwrap(await t.call('plans.cohort', { year: 2025 })).totals;
    expect(cohort.withSdq).toBeGreaterThan(0);
    const change = cohort.averageTotalChange!;
    expect(text).toMatch(new RegExp(`${change > 0 ? '\\+' : '-'}${Math.abs(change).toFixed(1)}\\s+Average change in SDQ total`));
    expect(text).toContain(`${cohort.movedToLowerBand} of ${cohort.withSdq} (${Math.round((cohort.movedToLowerBand / cohort.withSdq) * 100)}%)`);
    expect(text).toMatch(new RegExp(`${cohort.achieved} \\(${Math.round((cohort.achieved / cohort.outcomes) * 100)}%\\)\\s+Outcomes achieved`));
    expect(text).toMatch(new RegExp(`${cohort.improved} \\(${Math.round((cohort.improved / cohort.outcomes) * 100)}%\\)\\s+Outcomes improved`));

    const audit = await db().selectFrom('audit_log').select('detail').where('action', '=', 'printed-impact-report').execute();
    expect(audit.map((a) => a.detail)).toContain('2025/26, All bases');
  });

  it('says so in every section for a year with no placements', async () => {
    const { text, fileName } = await impact(2015);
    expect(fileName).toBe('Impact report - All bases - 2015-16.pdf');
    expect(text).toContain('No pupil was on roll at any base in this year.');
    expect(text).toContain('No placement to report on.');
    expect(text).toContain('No attendance to report');
    expect(text).toContain('No suspension figures recorded');
    expect(text).toContain('No pupil placed in this year has two teacher SDQs yet');
    expect(text).toContain('No My Support Plan outcomes were set');
  });

  it('lets a teacher print their own base, never all bases', async () => {
    const bases = await db().selectFrom('bases').select(['id', 'name']).execute();
    const parkgate = bases.find((b) => b.name === 'Parkgate')!;
    const other = bases.find((b) => b.name !== 'Parkgate')!;
    unwrap(await t.call('session.signOut'));
    await t.signIn('demo.teacher');
    try {
      const own = await impact(2026, parkgate.id);
      expect(own.fileName).toBe('Impact report - Parkgate - 2026-27.pdf');
      expect(own.text).toContain('the year runs to 31/08/2027');
      expect(own.text).not.toContain(other.name);
      const all = await t.call('reports.impact', { year: 2026 });
      expect(all.ok ? null : all.error.code).toBe('FORBIDDEN');
      const elsewhere = await t.call('reports.impact', { year: 2026, baseId: other.id });
      expect(elsewhere.ok ? null : elsewhere.error).toMatchObject({ code: 'NOT_FOUND', field: 'baseId' });
    } finally {
      unwrap(await t.call('session.signOut'));
      await t.signIn('demo.manager');
    }
  });
});
