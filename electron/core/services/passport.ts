/** The pupil passport's content: one page for the home school's staff, from the newest version of the plan's "about me". */
import { formatUkDate } from '../../../shared/domain/dates';
import { ABOUT_ME_LABELS, type AboutMeField, type PlanVersion } from '../../../shared/domain/plans';
import { displayName } from '../../../shared/domain/pupil-record';
import { yearGroupLabel } from '../../../shared/domain/pupils';
import type { Db } from '../db/dialect';
import { listAssignments } from '../repositories/keywork';
import { loadPlans } from '../repositories/plans';
import { findPupil } from '../repositories/pupils';
import type { PassportData, PassportSection } from '../reports/kinds';
import { requireVisiblePlacement } from './plans';
import type { ServiceContext } from './context';

export type PassportContext = Pick<ServiceContext, 'scope' | 'today' | 'producedAt'>;

/** The passport's sections, in the order the home school reads them, and the plan field each comes from. */
const SECTIONS: ReadonlyArray<{ field: AboutMeField; heading: string }> = [
  { field: 'strengths', heading: ABOUT_ME_LABELS.strengths },
  { field: 'whatHelps', heading: ABOUT_ME_LABELS.whatHelps },
  { field: 'whatDoesNotHelp', heading: 'What I find hard, and what does not help me' },
  { field: 'signsStruggling', heading: ABOUT_ME_LABELS.signsStruggling },
  { field: 'howToHelp', heading: ABOUT_ME_LABELS.howToHelp },
  { field: 'whoITrust', heading: ABOUT_ME_LABELS.whoITrust },
];

export const NO_PLAN_YET = 'No My Support Plan yet: nothing to put in the passport.';
export const NOT_WRITTEN = 'Not written in the plan yet.';

/** Body sizes tried in turn, largest first; the last one also shortens the text. */
const FONT_SIZES = [10, 9, 8.5] as const;
/** Height (points) left for the sections' text on an A4 page once the header box and headings are drawn. */
const TEXT_HEIGHT = 455;
const TEXT_WIDTH = 500;

/** A cautious guess at how many lines `text` takes at `size` (Noto Sans: about 0.6 em a character). */
function linesAt(text: string, size: number): number {
  const perLine = Math.floor(TEXT_WIDTH / (size * 0.6));
  return text.split('\n').reduce((n, para) => n + Math.max(1, Math.ceil(para.length / perLine)), 0);
}

const fits = (texts: readonly string[], size: number) => texts.reduce((n, t) => n + linesAt(t, size), 0) * size * 1.3 <= TEXT_HEIGHT;

/** `text` cut at a word before `max` characters, ending in an ellipsis. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const space = head.search(/\s\S*$/);
  return `${(space > max * 0.6 ? head.slice(0, space) : head).trimEnd()} …`;
}

/**
 * The largest size at which the texts fit one page; at the smallest, every text longer than a fair
 * share is cut to that share (short ones keep all their words).
 */
export function fitPassport(texts: readonly string[]): { fontSize: number; texts: string[]; shortened: boolean } {
  for (const size of FONT_SIZES) if (fits(texts, size)) return { fontSize: size, texts: [...texts], shortened: false };
  const size = FONT_SIZES.at(-1)!;
  let low = 40;
  let high = Math.max(...texts.map((t) => t.length));
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(texts.map((t) => cut(t, mid)), size)) low = mid;
    else high = mid - 1;
  }
  return { fontSize: size, texts: texts.map((t) => cut(t, low)), shortened: true };
}

function planSource(version: PlanVersion): string {
  const when = version.reviewedOn ? `reviewed ${formatUkDate(version.reviewedOn)}` : `draft, last changed ${formatUkDate(version.updatedAt.slice(0, 10))}`;
  return `My Support Plan version ${version.number} (${when})`;
}

/** The passport for a placement the caller may see (NOT_FOUND otherwise). */
export async function passportData(db: Db, placementId: string, ctx: PassportContext): Promise<{ data: PassportData; fileName: string; pupilId: string }> {
  const placement = await requireVisiblePlacement(db, ctx.scope, placementId, ctx.today);
  const pupil = (await findPupil(db, placement.pupilId, ctx.today))!;
  const keyworker = (await listAssignments(db, [placement.id])).get(placement.id)?.[0]?.staffName ?? null;
  const version = (await loadPlans(db, [placement.id])).get(placement.id)?.versions.at(-1) ?? null;
  const written = SECTIONS.map((s) => (version ? version.content.aboutMe[s.field].trim() : ''));
  const fitted = fitPassport(written);
  const sections = SECTIONS.map(({ heading }, i): PassportSection => {
    const text = fitted.texts[i]!;
    return text ? { heading, text, empty: false } : { heading, text: version ? NOT_WRITTEN : NO_PLAN_YET, empty: true };
  });
  const data: PassportData = {
    pupilName: displayName(pupil),
    yearGroup: yearGroupLabel(pupil.yearGroup),
    homeSchoolName: pupil.homeSchoolName ?? placement.referringSchoolName,
    baseName: placement.baseName ?? 'Not placed at a base yet',
    keyworkerName: keyworker ?? 'Not assigned yet',
    planSource: version ? planSource(version) : null,
    fontSize: fitted.fontSize,
    shortened: fitted.shortened,
    sections,
    producedAt: ctx.producedAt,
  };
  const safe = (s: string) => s.replace(/[\\/:*?"<>|]+/g, '-').trim();
  const fileName = `${safe(pupil.legalLastName)} ${safe(pupil.preferredName ?? pupil.legalFirstName)} - Pupil passport - ${ctx.today}.pdf`;
  return { data, fileName, pupilId: pupil.id };
}
