import type { Database as SqlJsDatabase } from 'sql.js';
import { addDays } from '../shared/domain/dates';
import { Keyring } from '../electron/core/crypto/keyring';
import { DataFile, dataFilePath } from '../electron/core/data-file';
import { FIRST_NAMES, LAST_NAMES } from '../electron/core/demo/names';
import { seededRandom, type Random } from '../electron/core/demo/random';
import { listBases } from '../electron/core/repositories/bases';
import { addStaffMember } from '../electron/core/services/staff';

export interface SyntheticOptions {
  pupils?: number;
  /** Roughly how many register marks to make (AM and PM each count as one). */
  marks?: number;
  years?: number;
  /** The last day of the ten years; fixed so every run builds the very same file. */
  today?: string;
  seed?: number;
}

/** The one account of the synthetic file: the bench opens the file with it, as staff do. */
export const BENCH_ACCOUNT = { name: 'Bench Manager', username: 'bench.manager', password: 'quiet-lantern-orchard' } as const;

export interface SyntheticCounts {
  pupils: number;
  placements: number;
  marks: number;
}

export const SYNTHETIC_DEFAULTS = { pupils: 1000, marks: 150_000, years: 10, today: '2026-11-23', seed: 20261123 } as const;

/** Present most sessions, with the codes a Key register sees now and then. */
const CODES: ReadonlyArray<[code: string, weight: number]> = [
  ['present', 86], ['L', 3], ['I', 3], ['N', 2], ['B', 2], ['M', 1], ['C', 1], ['O', 1], ['U', 0.5], ['E', 0.5],
];
const TOTAL_WEIGHT = CODES.reduce((sum, [, weight]) => sum + weight, 0);

function markCode(random: Random, session: 'AM' | 'PM'): string {
  let roll = random.next() * TOTAL_WEIGHT;
  for (const [code, weight] of CODES) {
    roll -= weight;
    if (roll < 0) return code === 'present' ? (session === 'AM' ? '/' : '\\') : code;
  }
  return session === 'AM' ? '/' : '\\';
}

const isWeekday = (iso: string) => {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
};

interface PlannedPlacement {
  id: string;
  pupilId: string;
  baseId: string;
  start: string;
  end: string | null;
}

/** Each pupil gets one placement of 12–26 weeks somewhere in the years; some come back for a second. */
function planPlacements(random: Random, pupilIds: readonly string[], bases: ReadonlyArray<{ id: string; places: number }>, first: string, today: string) {
  const totalPlaces = bases.reduce((sum, base) => sum + base.places, 0);
  const pickBase = () => {
    // Weighted by places, as the bigger base takes more pupils.
    let roll = random.next() * totalPlaces;
    for (const base of bases) {
      roll -= base.places;
      if (roll < 0) return base.id;
    }
    return bases[bases.length - 1]!.id;
  };
  const span = Math.round((Date.parse(today) - Date.parse(first)) / 86_400_000);
  const placements: PlannedPlacement[] = [];
  for (const pupilId of pupilIds) {
    let start = addDays(first, random.int(0, span - 7));
    for (let visit = 0; visit < 2; visit++) {
      const weeks = random.int(12, 26);
      const end = addDays(start, weeks * 7 - 3);
      placements.push({ id: random.uuid(), pupilId, baseId: pickBase(), start, end: end > today && random.next() < 0.3 ? null : end });
      if (random.next() >= 0.12) break;
      start = addDays(end, 7 * random.int(8, 60));
      if (start > today) break;
    }
  }
  return placements;
}

function fill(sql: SqlJsDatabase, options: Required<SyntheticOptions>): SyntheticCounts {
  const random = seededRandom(options.seed);
  const { today } = options;
  const first = addDays(today, -Math.round(options.years * 365.25));
  const bases = (sql.exec('SELECT id, places FROM bases ORDER BY name')[0]?.values ?? []).map(([id, places]) => ({
    id: String(id),
    places: Number(places),
  }));
  if (bases.length === 0) throw new Error('the schema should seed the bases');
  const staff = Array.from({ length: 8 }, () => random.uuid());

  sql.exec('BEGIN');
  try {
    sql.run('INSERT INTO provision (id, name, is_demo, created_at) VALUES (1, ?, 1, ?)', ['The Key (synthetic bench data)', `${first}T09:00:00.000Z`]);

    // About sixty home schools refer to the Key over ten years.
    const schoolIds = Array.from({ length: 60 }, () => random.uuid());
    const insertSchool = sql.prepare('INSERT INTO schools (id, name, senco_name, phone, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    schoolIds.forEach((id, i) => {
      const at = `${first}T08:00:00.000Z`;
      insertSchool.run([id, `${random.pick(LAST_NAMES)} Primary School ${i + 1}`, `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`, '024 7696 0000', `senco${i + 1}@example.org`, at, at]);
    });
    insertSchool.free();
    const homeSchool = new Map<string, string>();

    const pupilIds = Array.from({ length: options.pupils }, () => random.uuid());
    const placements = planPlacements(random, pupilIds, bases, first, today);
    const firstStart = new Map<string, string>();
    for (const p of placements) if (!firstStart.has(p.pupilId)) firstStart.set(p.pupilId, p.start);

    const insertPupil = sql.prepare(
      `INSERT INTO pupils (id, legal_first_name, legal_last_name, preferred_name, date_of_birth, created_at, updated_at, home_school_id, sen_status, notes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const id of pupilIds) {
      const firstName = random.pick(FIRST_NAMES);
      // Five to ten years old when first placed: the Key is a primary provision.
      const born = addDays(firstStart.get(id) ?? today, -random.int(5 * 365, 11 * 365 - 1));
      const createdAt = `${firstStart.get(id) ?? today}T08:00:00.000Z`;
      const school = random.pick(schoolIds);
      homeSchool.set(id, school);
      const sen = random.next() < 0.6 ? 'sen-support' : random.next() < 0.3 ? 'ehcp' : 'none';
      insertPupil.run([id, firstName, random.pick(LAST_NAMES), random.next() < 0.15 ? firstName.slice(0, 3) : null, born, createdAt, createdAt, school, sen, 'Settles best with a calm start to the day.']);
    }
    insertPupil.free();

    const insertPlacement = sql.prepare(
      `INSERT INTO placements (id, pupil_id, referring_school_id, referred_on, reason, decision, decided_on, base_id, start_date,
         planned_end, key_days, end_date, outcome, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'accepted', ?, ?, ?, ?, 85, ?, ?, ?, ?)`,
    );
    for (const p of placements) {
      const referred = addDays(p.start, -42);
      const plannedEnd = addDays(p.start, 26 * 7 - 3);
      // A placement still running today has no end yet: it ends when staff record it.
      const ended = p.end !== null && p.end <= today ? p.end : null;
      const at = `${referred}T08:00:00.000Z`;
      insertPlacement.run([p.id, p.pupilId, homeSchool.get(p.pupilId) ?? null, referred, 'Frequent dysregulation; at risk of exclusion.', addDays(referred, 14), p.baseId, p.start, plannedEnd, ended, ended ? 'returned-full-time' : null, at, at]);
    }
    insertPlacement.free();

    // Every weekday session of every placement up to today, thinned evenly to about the asked-for
    // number (as if some days were holidays or part-time timetables).
    const sessions: Array<{ pupilId: string; date: string; placementId: string; baseId: string }> = [];
    for (const p of placements) {
      const last = p.end === null || p.end > today ? today : p.end;
      for (let date = p.start; date <= last; date = addDays(date, 1)) {
        if (isWeekday(date)) sessions.push({ pupilId: p.pupilId, date, placementId: p.id, baseId: p.baseId });
      }
    }
    const keep = Math.min(1, options.marks / (sessions.length * 2));
    // The real register tables (migration 005): one register per base, day and session; people by small numbers.
    const people = new Map<string, number>();
    const insertPerson = sql.prepare('INSERT INTO register_people (n, id) VALUES (?, ?)');
    const person = (id: string) => {
      let n = people.get(id);
      if (n === undefined) {
        n = people.size + 1;
        people.set(id, n);
        insertPerson.run([n, id]);
      }
      return n;
    };
    const registerNs = new Map<string, number>();
    const insertRegister = sql.prepare('INSERT INTO registers (n, base_id, date, session, taken_at, taken_by, submitted_at, submitted_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const insertMark = sql.prepare(
      `INSERT INTO register_marks (register_n, pupil_n, placement_id, expected, code, minutes_late, marked_by, marked_at, note)
       VALUES (?, ?, ?, 1, ?, ?, ?, ?, NULL)`,
    );
    const insertAmendment = sql.prepare(
      `INSERT INTO register_amendments (register_n, pupil_n, seq, old_code, old_minutes_late, new_code, new_minutes_late, reason, amended_by, amended_at)
       VALUES (?, ?, 1, ?, NULL, ?, NULL, ?, ?, ?)`,
    );
    let marks = 0;
    for (const { pupilId, date, placementId, baseId } of sessions) {
      for (const session of ['AM', 'PM'] as const) {
        if (random.next() >= keep) continue;
        const minute = String(random.int(0, 59)).padStart(2, '0');
        const recordedAt = `${date}T${session === 'AM' ? '08' : '13'}:${minute}:00.000Z`;
        const by = random.pick(staff);
        const registerKey = `${baseId}|${date}|${session}`;
        let registerN = registerNs.get(registerKey);
        if (registerN === undefined) {
          registerN = registerNs.size + 1;
          registerNs.set(registerKey, registerN);
          // taken_by and submitted_by name staff rows; the synthetic staff exist only as numbers on marks.
          // Today's registers are still open (not submitted), as in a classroom at 09:05.
          insertRegister.run([registerN, baseId, date, session, recordedAt, null, date === today ? null : recordedAt, null]);
        }
        const code = markCode(random, session);
        const pupilN = person(pupilId);
        insertMark.run([registerN, pupilN, placementId, code, code === 'L' ? random.int(3, 25) : null, person(by), Math.floor(Date.parse(recordedAt) / 1000)]);
        // Now and then a parent rings later and an absence is amended with a reason.
        if (code === 'O' || (code === 'N' && random.next() < 0.5)) {
          insertAmendment.run([registerN, pupilN, 'N', code, 'Parent rang later: reason given for the absence', null, `${date}T15:00:00.000Z`]);
        }
        marks++;
      }
    }
    insertPerson.free();
    insertRegister.free();
    insertAmendment.free();
    insertMark.free();
    sql.exec('COMMIT');
    return { pupils: pupilIds.length, placements: placements.length, marks };
  } catch (error) {
    sql.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Builds a ten-year provision's data file in `folder` with the real core (schema, migrations, audit
 * triggers, encryption with the app's own password hashing, atomic save), fictional pupils from the
 * demo name lists and a fixed seed. Leaves it closed on disk, sealed; BENCH_ACCOUNT opens it.
 */
export async function buildSyntheticDatabase(folder: string, options: SyntheticOptions = {}): Promise<{ path: string; counts: SyntheticCounts }> {
  const settings = { ...SYNTHETIC_DEFAULTS, ...options };
  const now = `${settings.today}T09:00:00.000Z`;
  let counts: SyntheticCounts | undefined;
  // The app's own scrypt cost (the default), so opening by password costs what it costs staff.
  const keyring = Keyring.create({ demo: true });
  // A long debounce: create() flushes once at the end, so nothing saves half-way through the fill.
  const file = await DataFile.create(
    folder,
    keyring,
    async (created) => {
      counts = fill(created.sql, settings);
      const baseIds = (await listBases(created.db, settings.today)).map((b) => b.id);
      await addStaffMember(created, { ...BENCH_ACCOUNT, roles: ['manager', 'administrator'], baseIds }, settings.today, now);
    },
    { saveDelayMs: 60_000 },
  );
  await file.close();
  if (!counts) throw new Error('the synthetic fill did not run');
  return { path: dataFilePath(folder), counts };
}
